import { describe, expect, it } from 'vitest';
import { createPostingMatcher, segmentSkillWords, skillWords, synonymIndex, termKey, termPattern, type VocabularySkill } from './skills';

const posting = (title: string, ...sections: string[]) => ({ title, sections });
const occurs = (term: string, text: string) => (text.match(termPattern(term)!) ?? []).length > 0;

describe('skillWords and synonym groups', () => {
  it('reads letters and digits only, in lower case, without diacritics', () => {
    expect(skillWords('Flux-Cored "NEAR"(x*) Ångström 6G')).toEqual(['flux', 'cored', 'near', 'x', 'angstrom', '6g']);
    expect(termKey('Flux-Cored')).toBe(termKey('flux cored'));
  });

  it('splits a phrase into the given synonym groups (longest first) and plain words', () => {
    const groups = synonymIndex([['GTAW', 'TIG', 'gas tungsten arc welding'], ['SMAW', 'stick welding']]);
    expect(segmentSkillWords(skillWords('gas tungsten arc welding of pipe'), groups)).toEqual([
      { kind: 'synonyms', terms: ['GTAW', 'TIG', 'gas tungsten arc welding'] },
      { kind: 'word', word: 'of' },
      { kind: 'word', word: 'pipe' },
    ]);
    expect(segmentSkillWords(['stick'], groups)).toEqual([{ kind: 'word', word: 'stick' }]);
    expect(segmentSkillWords([], groups)).toEqual([]);
  });

  it('joins groups that share a term (two issuers naming one skill)', () => {
    const groups = synonymIndex([['RN', 'registered nurse'], ['registered nurse', 'staff nurse']]);
    expect(groups.get('rn')).toEqual(groups.get('staff nurse'));
    expect(groups.get('rn')).toEqual(expect.arrayContaining(['RN', 'registered nurse', 'staff nurse']));
  });
});

describe('termPattern: whole terms only', () => {
  it('matches symbols and short acronyms as written, never inside another word', () => {
    expect(occurs('C++', 'Modern C++ (C++17), some C.')).toBe(true);
    expect(occurs('C', 'Modern C++ and C# only')).toBe(false);
    expect(occurs('C', 'Write C, then Rust.')).toBe(true);
    expect(occurs('C#', 'C#/.NET developer')).toBe(true);
    expect(occurs('.NET', 'C#/.NET developer')).toBe(true);
    expect(occurs('.NET', 'ASP.NET Core and example.net')).toBe(false);
    expect(occurs('SQL', 'MySQL and NoSQL')).toBe(false);
    expect(occurs('SQL', 'Strong SQL; T-SQL a plus')).toBe(true);
    expect(occurs('SQL', 'write sql daily')).toBe(false);
    expect(occurs('CPR', 'Current BLS/CPR certification')).toBe(true);
    expect(occurs('SAW', 'We saw growth')).toBe(false);
  });

  it('matches words in any case, with hyphens or spaces, and plurals', () => {
    expect(occurs('wound care', 'Wound-care and IV therapy')).toBe(true);
    expect(occurs('flux-cored', 'flux cored wire')).toBe(true);
    expect(occurs('infusion pump', 'Programs infusion pumps')).toBe(true);
    expect(occurs('nursing', 'nursingstation')).toBe(false);
    expect(occurs('Python', 'pythonic code')).toBe(false);
    expect(termPattern('!!')).toBeNull();
  });
});

describe('createPostingMatcher', () => {
  const vocabulary: VocabularySkill[] = [
    { skill: 'SQL', synonyms: ['structured query language'], badgeIds: ['sql'] },
    { skill: 'C++', synonyms: [], badgeIds: ['cpp'] },
    { skill: 'C', synonyms: [], badgeIds: ['c'] },
    { skill: 'Python', synonyms: ['python 3'], badgeIds: ['python', 'data'] },
    { skill: 'pandas', synonyms: [], badgeIds: ['data'] },
    { skill: 'Kubernetes', synonyms: ['k8s'], badgeIds: ['k8s'] },
  ];
  const match = createPostingMatcher(vocabulary);

  it('relates a badge when any one of its skills or synonyms occurs, most mentioned first (the title counts three times)', () => {
    const related = match(posting('Python Developer', 'You know structured query language, C++ and pandas. Python daily.'));
    expect(related.map((badge) => badge.badgeId)).toEqual(['data', 'python', 'sql', 'cpp']);
    expect(related.find((badge) => badge.badgeId === 'data')!.terms).toEqual(['Python', 'pandas']);
    expect(related.find((badge) => badge.badgeId === 'sql')!.terms).toEqual(['structured query language']);
  });

  it('relates nothing when no term occurs as a whole term', () => {
    expect(match(posting('MySQL admin', 'Pythonic scripts, C#, sql and kubernetesish tools.'))).toEqual([]);
    expect(match(posting('', ''))).toEqual([]);
  });

  it('returns only badge ids and vocabulary terms: nothing of the posting’s own text', () => {
    const secret = 'Call Dana Whitlock at 555-0100 about req 77-ACME in Port Aldous';
    const related = match(posting('Engineer at ACME', `${secret}. SQL and Kubernetes.`));
    expect(JSON.stringify(related)).not.toMatch(/Dana|555|ACME|Aldous/);
    expect(related.map((badge) => badge.badgeId).sort()).toEqual(['k8s', 'sql']);
  });
});
