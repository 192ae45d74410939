import { segmentSkillWords, skillWords, synonymIndex, type SkillUnit, type SynonymIndex } from '../../../shared/skills';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { getBadgeClassesInOrder, type BadgeClass } from '../db/badgeClasses';
import type { Db } from '../db/connection';
import { fts5Expression, indexedTerms, matchBadgeClasses, type SearchHit, type SearchTerm } from '../db/search';
import { synonymGroups } from '../db/skills';

export interface CatalogueSearch {
  /** Free text: every word (or its synonyms) must appear; the last word may be the start of a word. */
  q?: string;
  /** Skill phrases (from a job posting): a badge class matches any of them; more matches rank higher. */
  skills?: readonly string[];
  category?: BadgeCategory;
}

const MAX_WORDS_PER_PHRASE = 12;

/**
 * Only letters and digits reach a search term (see `skillWords`), so no input can carry either engine's
 * query syntax (quotes, `*`, `NEAR`, `OR`, `&`, `:*`, parentheses).
 */
const phrase = (words: readonly string[], prefix = false): SearchTerm => ({ kind: 'phrase', words, prefix });

function synonyms(terms: readonly string[]): SearchTerm {
  const alternatives = [...new Map(terms.map((term) => skillWords(term)).map((words) => [words.join(' '), words])).values()];
  return { kind: 'any', terms: alternatives.map((words) => phrase(words)) };
}

/** Free text: each synonym group or word must match; the last plain word also matches as a prefix. */
export function freeTextQuery(q: string, synonymsIndex: SynonymIndex = new Map()): SearchTerm | null {
  const units = segmentSkillWords(skillWords(q).slice(0, MAX_WORDS_PER_PHRASE), synonymsIndex);
  if (units.length === 0) return null;
  return {
    kind: 'all',
    terms: units.map((unit, index) =>
      unit.kind === 'synonyms' ? synonyms(unit.terms) : phrase([unit.word], index === units.length - 1 && unit.word.length >= 3),
    ),
  };
}

/** One skill phrase: its synonym groups, and its other words kept together as phrases ("pipe welding"). */
export function skillPhraseQuery(text: string, synonymsIndex: SynonymIndex = new Map()): SearchTerm | null {
  const units = segmentSkillWords(skillWords(text).slice(0, MAX_WORDS_PER_PHRASE), synonymsIndex);
  const parts: SearchTerm[] = [];
  let plainWords: string[] = [];
  const flushPlainWords = () => {
    if (plainWords.length) parts.push(phrase(plainWords));
    plainWords = [];
  };
  for (const unit of units as SkillUnit[]) {
    if (unit.kind === 'word') {
      plainWords.push(unit.word);
    } else {
      flushPlainWords();
      parts.push(synonyms(unit.terms));
    }
  }
  flushPlainWords();
  if (parts.length === 0) return null;
  return { kind: 'all', terms: parts };
}

/** The free text as an FTS5 expression (what SQLite searches for). */
export function freeTextExpression(q: string, synonymsIndex: SynonymIndex = new Map()): string | null {
  const term = freeTextQuery(q, synonymsIndex);
  return term && fts5Expression(term, false);
}

/** A skill phrase as an FTS5 expression (what SQLite searches for). */
export function skillPhraseExpression(text: string, synonymsIndex: SynonymIndex = new Map()): string | null {
  const term = skillPhraseQuery(text, synonymsIndex);
  return term && fts5Expression(term);
}

// ------------------------------------------------------------------ forgiving free text

/** Words shorter than this are never replaced by a similar word: too many short words are one letter apart. */
const FORGIVING_MIN_LETTERS = 5;
const MAX_NEAR_TERMS = 5;

/** Levenshtein distance, giving up (returning max + 1) once it is certain to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The indexed terms (stems: "inspection" is indexed as "inspect") closest to a word that finds nothing:
 * one edit away for words of 5 to 7 letters, two for longer ones ("inspecter", "inspector" -> "inspect").
 */
export function nearTerms(word: string, terms: readonly string[]): string[] {
  if (word.length < FORGIVING_MIN_LETTERS || /\d/.test(word)) return [];
  const allowed = word.length >= 8 ? 2 : 1;
  const scored = terms
    .filter((term) => term !== word && term.length >= 3 && !/\d/.test(term))
    .map((term) => ({ term, distance: editDistance(word, term, allowed) }))
    .filter(({ distance }) => distance <= allowed);
  const best = Math.min(...scored.map(({ distance }) => distance));
  return scored
    .filter(({ distance }) => distance === best)
    .map(({ term }) => term)
    .sort()
    .slice(0, MAX_NEAR_TERMS);
}

/**
 * The indexed stems a word is built on when the engine's stemmer leaves it whole: "inspector" is indexed as
 * itself, "inspection" as "inspect"; the word's longest indexed beginning of 5+ letters, missing at most two.
 */
export function stemTerms(word: string, terms: readonly string[]): string[] {
  const stems = terms.filter((term) => term !== word && term.length >= FORGIVING_MIN_LETTERS && word.length - term.length <= 2 && word.startsWith(term));
  const longest = Math.max(...stems.map((term) => term.length));
  return stems.filter((term) => term.length === longest);
}

/**
 * Free text where each single word also matches the indexed stem it is built on ("inspector" ~ "inspect"),
 * and a word that finds nothing as typed matches its nearest indexed terms ("inspecter").
 */
async function forgivingQuery(db: Db, term: SearchTerm): Promise<SearchTerm> {
  if (term.kind !== 'all') return term;
  let terms: string[] | null = null;
  const parts: SearchTerm[] = [];
  for (const part of term.terms) {
    if (part.kind !== 'phrase' || part.words.length !== 1 || part.words[0].length < FORGIVING_MIN_LETTERS) {
      parts.push(part);
      continue;
    }
    const [word] = part.words;
    terms ??= await indexedTerms(db);
    const found = (await matchBadgeClasses(db, part)).length > 0;
    const alternatives = [...stemTerms(word, terms), ...(found ? [] : nearTerms(word, terms))];
    const unique = [...new Set(alternatives)].map((alternative): SearchTerm => phrase([alternative]));
    parts.push(unique.length ? { kind: 'any', terms: [part, ...unique] } : part);
  }
  return { kind: 'all', terms: parts };
}

/**
 * Searches the catalogue. With skills, a badge class matching more of the phrases comes first (a posting
 * asking for GTAW and pipe welding puts "GTAW Pipe 6G" before either alone), the text rank breaks ties.
 * Input without a single searchable word finds nothing (rather than everything).
 */
export async function searchCatalogue(db: Db, search: CatalogueSearch): Promise<BadgeClass[]> {
  const synonymsIndex = synonymIndex(await synonymGroups(db));
  const exactFreeText = search.q ? freeTextQuery(search.q, synonymsIndex) : null;
  if (search.q && !exactFreeText) return [];
  const freeText = exactFreeText && (await forgivingQuery(db, exactFreeText));
  const skillTerms = [
    ...new Map(
      (search.skills ?? [])
        .map((skill) => skillPhraseQuery(skill, synonymsIndex))
        .filter((term): term is SearchTerm => term !== null)
        .map((term) => [fts5Expression(term), term]),
    ).values(),
  ];
  if (search.skills?.length && skillTerms.length === 0) return [];
  if (!freeText && skillTerms.length === 0) return [];

  const anySkill: SearchTerm | null = skillTerms.length ? { kind: 'any', terms: skillTerms } : null;
  const match: SearchTerm = { kind: 'all', terms: [freeText, anySkill].filter((term): term is SearchTerm => term !== null) };
  // Typing mistakes are forgiven in free text only: skill phrases come from a known vocabulary.
  const hits = await matchBadgeClasses(db, match, { category: search.category, typoTolerant: !anySkill });
  if (hits.length === 0) return [];
  if (freeText && anySkill) {
    // With both, the skills select and the free text ranks: "aluminum" puts the aluminum badges first.
    const freeTextRank = new Map((await matchBadgeClasses(db, freeText)).map((hit) => [hit.badgeClassId, hit.rank]));
    for (const hit of hits) hit.rank = freeTextRank.get(hit.badgeClassId) ?? hit.rank;
  }

  const matchedPhrases = new Map<string, number>();
  if (skillTerms.length > 1) {
    for (const term of skillTerms) {
      for (const { badgeClassId } of await matchBadgeClasses(db, term)) matchedPhrases.set(badgeClassId, (matchedPhrases.get(badgeClassId) ?? 0) + 1);
    }
  }
  const byRelevance = (a: SearchHit, b: SearchHit) =>
    (matchedPhrases.get(b.badgeClassId) ?? 0) - (matchedPhrases.get(a.badgeClassId) ?? 0) || a.rank - b.rank;
  return getBadgeClassesInOrder(db, hits.sort(byRelevance).map((hit) => hit.badgeClassId));
}
