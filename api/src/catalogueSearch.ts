import { segmentSkillWords, skillWords, type SkillUnit } from '../../shared/skills';
import type { BadgeCategory } from '../../shared/schemas/verify';
import { getBadgeClassesInOrder, type BadgeClass } from './db/badgeClasses';
import type { Db } from './db/connection';
import { fts5Expression, matchBadgeClasses, type SearchHit, type SearchTerm } from './db/search';

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
export function freeTextQuery(q: string): SearchTerm | null {
  const units = segmentSkillWords(skillWords(q).slice(0, MAX_WORDS_PER_PHRASE));
  if (units.length === 0) return null;
  return {
    kind: 'all',
    terms: units.map((unit, index) =>
      unit.kind === 'synonyms' ? synonyms(unit.terms) : phrase([unit.word], index === units.length - 1 && unit.word.length >= 3),
    ),
  };
}

/** One skill phrase: its synonym groups, and its other words kept together as phrases ("pipe welding"). */
export function skillPhraseQuery(text: string): SearchTerm | null {
  const units = segmentSkillWords(skillWords(text).slice(0, MAX_WORDS_PER_PHRASE));
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
export function freeTextExpression(q: string): string | null {
  const term = freeTextQuery(q);
  return term && fts5Expression(term, false);
}

/** A skill phrase as an FTS5 expression (what SQLite searches for). */
export function skillPhraseExpression(text: string): string | null {
  const term = skillPhraseQuery(text);
  return term && fts5Expression(term);
}

/**
 * Searches the catalogue. With skills, a badge class matching more of the phrases comes first (a posting
 * asking for GTAW and pipe welding puts "GTAW Pipe 6G" before either alone), the text rank breaks ties.
 * Input without a single searchable word finds nothing (rather than everything).
 */
export async function searchCatalogue(db: Db, search: CatalogueSearch): Promise<BadgeClass[]> {
  const freeText = search.q ? freeTextQuery(search.q) : null;
  if (search.q && !freeText) return [];
  const skillTerms = [
    ...new Map(
      (search.skills ?? [])
        .map(skillPhraseQuery)
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
