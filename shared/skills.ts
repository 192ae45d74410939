// Skill words shared by the catalogue search (api) and the job-posting reader (extension).
// The extension turns a posting into a short list of skill phrases taken from this vocabulary, so that
// nothing but known skill terms ever leaves the browser; the API widens each phrase with its synonyms.

/**
 * Groups of terms that name the same skill. The first term is the canonical name the extension sends.
 * Terms are matched word by word (see `skillWords`), so "flux-cored" and "flux cored" are the same term.
 */
export const SKILL_SYNONYMS: readonly (readonly string[])[] = [
  ['GTAW', 'TIG', 'TIG welding', 'gas tungsten arc welding', 'gas tungsten arc', 'heliarc'],
  ['GMAW', 'MIG', 'MIG welding', 'MAG welding', 'gas metal arc welding', 'gas metal arc', 'wire welding'],
  ['SMAW', 'stick', 'stick welding', 'shielded metal arc welding', 'shielded metal arc', 'MMA welding'],
  ['FCAW', 'flux-cored', 'flux-cored arc welding', 'flux core', 'flux core welding', 'dual shield'],
  ['SAW', 'submerged arc welding', 'submerged arc'],
  ['PAW', 'plasma arc welding'],
  ['OFC', 'oxy-fuel cutting', 'oxyfuel cutting', 'oxy-acetylene cutting', 'torch cutting'],
  ['PAC', 'plasma cutting', 'plasma arc cutting'],
  ['CWI', 'certified welding inspector', 'welding inspector'],
  ['CWS', 'certified welding supervisor'],
  ['CWE', 'certified welding educator'],
  ['NDT', 'NDE', 'non-destructive testing', 'nondestructive testing', 'non-destructive examination'],
  ['UT', 'ultrasonic testing', 'ultrasonic inspection'],
  ['MT', 'magnetic particle testing', 'magnetic particle inspection'],
  ['PT', 'penetrant testing', 'liquid penetrant testing', 'dye penetrant testing'],
  ['VT', 'visual inspection', 'visual testing', 'visual examination'],
  ['RT', 'radiographic testing', 'radiography'],
  ['HAZ', 'heat-affected zone'],
  ['WPS', 'welding procedure specification', 'welding procedures'],
  ['PPE', 'personal protective equipment'],
  ['LOTO', 'lockout/tagout', 'lockout tagout', 'lock-out tag-out'],
  ['blueprint reading', 'print reading', 'reading blueprints', 'blueprints', 'reading drawings'],
  ['welding symbols', 'weld symbols'],
  ['aluminum welding', 'aluminium welding'],
  ['aluminum', 'aluminium'],
  ['pipe welding', 'pipe welder'],
  ['structural welding', 'structural welder', 'structural steel welding'],
  ['fit-up', 'fitting up', 'fitup'],
  ['robotic welding', 'robot welding', 'welding robots'],
];

/** Skill terms the posting reader looks for, besides every term of `SKILL_SYNONYMS`. */
export const SKILL_VOCABULARY: readonly string[] = [
  'welding', 'welding fundamentals', 'welding technology', 'welding inspection', 'weld inspection', 'inspection',
  'welding supervision', 'welding education', 'welding engineering', 'welding metallurgy', 'metallurgy',
  'fabrication', 'metal fabrication', 'fabrication drawings', 'technical drawing', 'sheet metal', 'stainless steel',
  'carbon steel', 'steel erection', 'pipeline', 'pipefitting', 'pipe fitting', 'open root', 'fillet welds',
  'groove welds', 'vertical welding', 'overhead welding', 'field welding', 'orbital welding', 'pulsed MIG', 'AC TIG',
  'short-circuit transfer', 'self-shielded wire', 'E7018', 'E6010', 'weld defects', 'weld quality',
  'discontinuities', 'quality control', 'quality assurance', 'quality management', 'quality systems',
  'code compliance', 'weld gauges', 'bend test', 'preheat', 'brazing', 'soldering', 'grinding', 'beveling',
  'thermal cutting', 'machining', 'CNC', 'rigging', 'forklift', 'shop math', 'layout', 'measurement',
  'confined space', 'hot work', 'fire watch', 'fire safety', 'workplace safety', 'electrical safety', 'arc flash',
  'fall protection', 'gas monitoring', 'respiratory protection', 'ventilation', 'welding fume', 'OSHA 10',
  'OSHA 30', 'first aid', 'CPR', 'shipyard', 'automation', 'robot programming', 'production planning',
  'team leadership', 'leadership', 'mentoring', 'coaching', 'apprenticeship', 'teaching', 'curriculum design',
  'certified welder', 'welding procedure development',
  // Welding positions; only kept when the posting also names a welding term (5G is also a mobile network).
  '1G', '2G', '3G', '4G', '5G', '6G', '1F', '2F', '3F', '4F',
];

/** Terms so broad that any other skill of the posting says more; they count half. */
const BROAD_TERMS = new Set(['welding', 'fabrication', 'inspection']);

const POSITION_TERMS = new Set(['1g', '2g', '3g', '4g', '5g', '6g', '1f', '2f', '3f', '4f']);

/**
 * Short terms that are also ordinary words or common letter pairs ("saw", "stick", "PT" for physical
 * therapy): the posting reader takes them only written exactly as here, or not at all when listed as null.
 */
const EXACT_CASE_ONLY = new Set(['SAW', 'PAW', 'PAC', 'OFC', 'MMA', 'UT', 'MT', 'PT', 'VT', 'RT', 'HAZ', 'WPS', 'PPE', 'CWS', 'CWE', 'LOTO', 'NDE']);
const NEVER_ALONE = new Set(['stick', 'inspection', 'layout', 'measurement', 'grinding', 'teaching', 'coaching', 'leadership', 'automation', 'ventilation', 'blueprints']);

/** The words of a text as the catalogue index sees them: letters and digits, lower case, without diacritics. */
export function skillWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The synonym group a whole phrase names ("tig welding" -> the GTAW group), if any. */
export function synonymGroupOf(phrase: string): readonly string[] | undefined {
  const key = skillWords(phrase).join(' ');
  return SYNONYM_GROUP_BY_TERM.get(key);
}

const SYNONYM_GROUP_BY_TERM = new Map<string, readonly string[]>(
  SKILL_SYNONYMS.flatMap((group) => group.map((term) => [skillWords(term).join(' '), group] as const)),
);

/** A run of words in a phrase: either a recognised synonym group or a plain word. */
export type SkillUnit = { kind: 'synonyms'; terms: readonly string[] } | { kind: 'word'; word: string };

/** Splits words into synonym groups (longest match first) and the plain words between them. */
export function segmentSkillWords(words: readonly string[]): SkillUnit[] {
  const units: SkillUnit[] = [];
  let index = 0;
  while (index < words.length) {
    let matched = 0;
    for (let length = Math.min(MAX_SYNONYM_WORDS, words.length - index); length > 0; length--) {
      const group = SYNONYM_GROUP_BY_TERM.get(words.slice(index, index + length).join(' '));
      if (group) {
        units.push({ kind: 'synonyms', terms: group });
        matched = length;
        break;
      }
    }
    if (matched === 0) {
      units.push({ kind: 'word', word: words[index] });
      matched = 1;
    }
    index += matched;
  }
  return units;
}

const MAX_SYNONYM_WORDS = Math.max(...[...SYNONYM_GROUP_BY_TERM.keys()].map((key) => key.split(' ').length));

// ------------------------------------------------------------------ reading a posting

export interface PostingText {
  title: string;
  /** Description, qualifications, requirements: the posting's text, section by section. */
  sections: readonly string[];
}

export const MAX_SKILL_PHRASES = 30;

/** A word reduced to a rough stem, so that "welder", "welders" and "welding" meet. Matching only. */
function matchKey(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(ings|ing|ers|er|ed|s)$/, '');
}

interface VocabularyTerm {
  /** What is sent: the canonical name of the term's synonym group, or the term itself. */
  phrase: string;
  keys: string[];
  exactCase: string | null;
}

const VOCABULARY: VocabularyTerm[] = buildVocabulary();

function buildVocabulary(): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  const add = (term: string, phrase: string) => {
    if (NEVER_ALONE.has(term)) return;
    terms.push({ phrase, keys: skillWords(term).map(matchKey), exactCase: EXACT_CASE_ONLY.has(term) ? term : null });
  };
  for (const group of SKILL_SYNONYMS) for (const term of group) add(term, group[0]);
  for (const term of SKILL_VOCABULARY) add(term, synonymGroupOf(term)?.[0] ?? term);
  return terms;
}

const VOCABULARY_BY_FIRST_KEY = new Map<string, VocabularyTerm[]>();
for (const term of VOCABULARY) {
  const list = VOCABULARY_BY_FIRST_KEY.get(term.keys[0]) ?? [];
  list.push(term);
  list.sort((a, b) => b.keys.length - a.keys.length);
  VOCABULARY_BY_FIRST_KEY.set(term.keys[0], list);
}

/** The words of a text with their original spelling kept next to the matching form. */
function postingWords(text: string): { original: string; key: string }[] {
  const originals = text.normalize('NFKD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  return originals.map((original) => ({ original, key: matchKey(original.toLowerCase()) }));
}

function findTerms(text: string): VocabularyTerm[] {
  const words = postingWords(text);
  const found: VocabularyTerm[] = [];
  let index = 0;
  while (index < words.length) {
    const candidates = VOCABULARY_BY_FIRST_KEY.get(words[index].key) ?? [];
    const term = candidates.find(
      (candidate) =>
        candidate.keys.every((key, offset) => words[index + offset]?.key === key) &&
        (candidate.exactCase === null || words[index].original === candidate.exactCase),
    );
    if (term) {
      found.push(term);
      index += term.keys.length;
    } else {
      index += 1;
    }
  }
  return found;
}

/**
 * The skill phrases a posting asks for, most mentioned first (the title counts three times), at most
 * `max`. Every phrase comes from the vocabulary above: the posting's own text is never part of the result.
 */
export function extractSkillPhrases(posting: PostingText, max = MAX_SKILL_PHRASES): string[] {
  const scores = new Map<string, { score: number; firstSeen: number }>();
  let order = 0;
  const count = (text: string, weight: number) => {
    for (const term of findTerms(text)) {
      const entry = scores.get(term.phrase) ?? { score: 0, firstSeen: order++ };
      entry.score += BROAD_TERMS.has(term.phrase) ? weight / 2 : weight;
      scores.set(term.phrase, entry);
    }
  };
  count(posting.title, 3);
  for (const section of posting.sections) count(section, 1);

  const hasWeldingTerm = [...scores.keys()].some((phrase) => !POSITION_TERMS.has(phrase.toLowerCase()) && /weld|aw$|^(tig|mig)$/i.test(phrase));
  return [...scores.entries()]
    .filter(([phrase]) => hasWeldingTerm || !POSITION_TERMS.has(phrase.toLowerCase()))
    .sort(([, a], [, b]) => b.score - a.score || a.firstSeen - b.firstSeen)
    .slice(0, max)
    .map(([phrase]) => phrase);
}
