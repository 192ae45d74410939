// Pure skill matching, shared by the catalogue search (api) and the job-posting reader (extension's
// background). The words themselves are data: each badge class declares its skills and each issuer edits
// their synonyms (GET /api/v1/skills serves them); nothing here knows a trade.

/** At most this many skill phrases in one catalogue query (`skills=`). */
export const MAX_SKILL_PHRASES = 30;

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

/** The key two spellings of one term share: "Flux-Cored" and "flux cored" are the same term. */
export function termKey(term: string): string {
  return skillWords(term).join(' ');
}

// ------------------------------------------------------------------ synonym groups (catalogue search)

/** Synonym groups by the key of each of their terms ("tig welding" -> ["GTAW", "TIG", …]). */
export type SynonymIndex = ReadonlyMap<string, readonly string[]>;

/** Indexes groups of terms that name the same skill; a term in two groups joins them into one. */
export function synonymIndex(groups: readonly (readonly string[])[]): SynonymIndex {
  const index = new Map<string, string[]>();
  for (const group of groups) {
    const merged = [...new Set(group.flatMap((term) => index.get(termKey(term)) ?? [term]).concat(group))];
    for (const term of merged) if (termKey(term)) index.set(termKey(term), merged);
  }
  return index;
}

/** A run of words in a phrase: either a recognised synonym group or a plain word. */
export type SkillUnit = { kind: 'synonyms'; terms: readonly string[] } | { kind: 'word'; word: string };

/** At most this many words in one synonym (longer ones are never recognised inside a query). */
const MAX_SYNONYM_WORDS = 8;

/** Splits words into synonym groups (longest match first) and the plain words between them. */
export function segmentSkillWords(words: readonly string[], synonyms: SynonymIndex): SkillUnit[] {
  const units: SkillUnit[] = [];
  let index = 0;
  while (index < words.length) {
    let matched = 0;
    for (let length = Math.min(MAX_SYNONYM_WORDS, words.length - index); length > 0; length--) {
      const group = synonyms.get(words.slice(index, index + length).join(' '));
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

// ------------------------------------------------------------------ reading a job posting

export interface PostingText {
  title: string;
  /** Description, qualifications, requirements: the posting's text, section by section. */
  sections: readonly string[];
}

/** One skill of the vocabulary (GET /api/v1/skills): its names and the badge classes that declare it. */
export interface VocabularySkill {
  skill: string;
  synonyms: readonly string[];
  badgeIds: readonly string[];
}

export interface RelatedBadge {
  badgeId: string;
  /** The vocabulary terms of this badge found in the posting, as the vocabulary writes them. */
  terms: string[];
}

/**
 * Terms written as acronyms or with symbols are matched only as written (SQL, CPR, C++, C#, .NET): in
 * lower case they are ordinary words ("saw", "pt hours") or parts of addresses ("example.net").
 */
function matchedAsWritten(term: string): boolean {
  return /[^\p{L}\p{N}\s-]/u.test(term) || (term.length <= 5 && !/\p{Ll}/u.test(term));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A whole-term pattern: never inside another word ("SQL" not in "MySQL", "C" not in "C++" or "C#",
 * "net" not in "ASP.NET"); spaces and hyphens between words are alike, and a plural "s" may follow a word.
 */
export function termPattern(term: string): RegExp | null {
  const trimmed = term.normalize('NFKD').replace(/\p{M}+/gu, '').trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return null;
  const parts = trimmed.split(/[\s\u00a0-]+/u).filter(Boolean).map(escapeRegExp);
  const exact = matchedAsWritten(trimmed);
  const plural = exact || !/\p{L}$/u.test(trimmed) ? '' : '(?:e?s)?';
  // Before: no letter, digit, or word joined by a dot ("ASP.NET"); after: no letter, digit, + or #, nor ".x".
  const before = '(?<![\\p{L}\\p{N}+#]|[\\p{L}\\p{N}][.])';
  const after = '(?![\\p{L}\\p{N}+#]|[.][\\p{L}\\p{N}])';
  return new RegExp(`${before}${parts.join('[\\s\\u00a0-]+')}${plural}${after}`, exact ? 'gu' : 'giu');
}

/** How often each term occurs in a text (terms that never occur are left out). */
function termCounts(patterns: ReadonlyMap<string, RegExp>, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const normalised = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  for (const [term, pattern] of patterns) {
    const found = normalised.match(pattern)?.length ?? 0;
    if (found) counts.set(term, found);
  }
  return counts;
}

/**
 * Compiles a vocabulary into a posting matcher: a badge relates to a posting when any one of its skills or
 * their synonyms occurs in it as a whole term. Badges come most mentioned first (a term in the title counts
 * three times), then in the order of their first term in the vocabulary.
 */
export function createPostingMatcher(vocabulary: readonly VocabularySkill[]): (posting: PostingText) => RelatedBadge[] {
  const patterns = new Map<string, RegExp>();
  for (const entry of vocabulary) {
    for (const term of [entry.skill, ...entry.synonyms]) {
      const pattern = patterns.has(term) ? null : termPattern(term);
      if (pattern) patterns.set(term, pattern);
    }
  }
  return (posting) => {
    const inTitle = termCounts(patterns, posting.title);
    const inText = termCounts(patterns, posting.sections.join('\n'));
    const score = (term: string) => 3 * (inTitle.get(term) ?? 0) + (inText.get(term) ?? 0);
    const related = new Map<string, { terms: Set<string>; score: number; order: number }>();
    vocabulary.forEach((entry, order) => {
      const found = [entry.skill, ...entry.synonyms].filter((term) => score(term) > 0);
      if (found.length === 0) return;
      for (const badgeId of entry.badgeIds) {
        const badge = related.get(badgeId) ?? { terms: new Set<string>(), score: 0, order };
        for (const term of found) {
          if (!badge.terms.has(term)) badge.score += score(term);
          badge.terms.add(term);
        }
        related.set(badgeId, badge);
      }
    });
    return [...related.entries()]
      .sort(([, a], [, b]) => b.score - a.score || a.order - b.order)
      .map(([badgeId, { terms }]) => ({ badgeId, terms: [...terms] }));
  };
}
