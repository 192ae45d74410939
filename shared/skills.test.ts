import { describe, expect, it } from 'vitest';
import { extractSkillPhrases, segmentSkillWords, SKILL_SYNONYMS, SKILL_VOCABULARY, skillWords, synonymGroupOf } from './skills';

const posting = (title: string, ...sections: string[]) => ({ title, sections });

describe('skillWords and synonyms', () => {
  it('reads letters and digits only, in lower case, without diacritics', () => {
    expect(skillWords('Flux-Cored "NEAR"(x*) Ångström 6G')).toEqual(['flux', 'cored', 'near', 'x', 'angstrom', '6g']);
  });

  it('knows the process names people use', () => {
    for (const [a, b] of [['TIG', 'GTAW'], ['MIG welding', 'gas metal arc welding'], ['stick', 'SMAW'], ['flux cored', 'FCAW']]) {
      expect(synonymGroupOf(a), a).toBe(synonymGroupOf(b));
      expect(synonymGroupOf(a)).toBeDefined();
    }
    expect(synonymGroupOf('pipe')).toBeUndefined();
  });

  it('splits a phrase into synonym groups (longest first) and plain words', () => {
    expect(segmentSkillWords(skillWords('gas tungsten arc welding of pipe'))).toEqual([
      { kind: 'synonyms', terms: SKILL_SYNONYMS[0] },
      { kind: 'word', word: 'of' },
      { kind: 'word', word: 'pipe' },
    ]);
  });
});

describe('extractSkillPhrases', () => {
  it('sends canonical names, most mentioned first, the title counting most', () => {
    const skills = extractSkillPhrases(posting('TIG Welder', 'Pipe welding in the shop. Some MIG. TIG root passes, tig welder wanted.'));
    expect(skills).toEqual(['GTAW', 'pipe welding', 'GMAW']);
  });

  it('returns only terms of its vocabulary: nothing of the posting’s own text leaves', () => {
    const secret = 'Call Dana Whitlock at 555-0100 about req 77-ACME in Port Aldous';
    const skills = extractSkillPhrases(posting('Welder', `${secret}. SMAW and forklift. Blueprint reading.`));
    const known = new Set([...SKILL_SYNONYMS.map((group) => group[0]), ...SKILL_VOCABULARY]);
    expect(skills.length).toBeGreaterThan(2);
    for (const skill of skills) expect(known.has(skill), skill).toBe(true);
    expect(skills.join(' ')).not.toMatch(/Dana|555|ACME|Aldous/);
  });

  it('takes short terms that are also words only as written (SAW, PT), never "stick" alone', () => {
    expect(extractSkillPhrases(posting('Operator', 'We saw growth. Must stick to the schedule, pt hours.'))).toEqual([]);
    expect(extractSkillPhrases(posting('Operator', 'SAW tractor experience; stick welding a plus'))).toEqual(['SAW', 'SMAW']);
  });

  it('keeps welding positions only next to a welding term (5G is also a network)', () => {
    expect(extractSkillPhrases(posting('5G Network Engineer', 'Roll out 5G and 4G sites.'))).toEqual([]);
    expect(extractSkillPhrases(posting('Pipe Welder', '6G and 5G tests'))).toEqual(['pipe welding', '6G', '5G']);
  });

  it('returns at most the given number of phrases', () => {
    const text = [...SKILL_VOCABULARY].join('. ');
    expect(extractSkillPhrases(posting('Welder', text))).toHaveLength(30);
    expect(extractSkillPhrases(posting('Welder', text), 5)).toHaveLength(5);
  });
});
