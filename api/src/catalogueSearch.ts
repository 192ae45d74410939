import { segmentSkillWords, skillWords, type SkillUnit } from '../../shared/skills';
import type { BadgeCategory } from '../../shared/schemas/verify';
import type { Db } from './db/connection';
import { badgeClassFromRow, type BadgeClass, type BadgeClassRow } from './db/badgeClasses';

export interface CatalogueSearch {
  /** Free text: every word (or its synonyms) must appear; the last word may be the start of a word. */
  q?: string;
  /** Skill phrases (from a job posting): a badge class matches any of them; more matches rank higher. */
  skills?: readonly string[];
  category?: BadgeCategory;
}

// Column weights for bm25 (badge_class_id, name, description, skills): a word in the name or the skills
// says more about a badge than the same word somewhere in its description.
const BM25_WEIGHTS = '0.0, 10.0, 1.0, 5.0';
const MAX_WORDS_PER_PHRASE = 12;

/**
 * FTS5 text for one word or phrase. Only letters and digits reach the query (see `skillWords`), each
 * phrase inside double quotes, so no input can use FTS5 syntax (quotes, `*`, `NEAR`, `OR`, parentheses).
 */
function quoted(words: readonly string[]): string {
  return `"${words.join(' ')}"`;
}

function synonymsExpression(terms: readonly string[]): string {
  const alternatives = [...new Set(terms.map((term) => quoted(skillWords(term))))];
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
}

/** Free text: each synonym group or word must match; the last plain word also matches as a prefix. */
export function freeTextExpression(q: string): string | null {
  const units = segmentSkillWords(skillWords(q).slice(0, MAX_WORDS_PER_PHRASE));
  if (units.length === 0) return null;
  return units
    .map((unit, index) => {
      if (unit.kind === 'synonyms') return synonymsExpression(unit.terms);
      const prefix = index === units.length - 1 && unit.word.length >= 3 ? '*' : '';
      return quoted([unit.word]) + prefix;
    })
    .join(' AND ');
}

/** One skill phrase: its synonym groups, and its other words kept together as phrases ("pipe welding"). */
export function skillPhraseExpression(phrase: string): string | null {
  const units = segmentSkillWords(skillWords(phrase).slice(0, MAX_WORDS_PER_PHRASE));
  const parts: string[] = [];
  let plainWords: string[] = [];
  const flushPlainWords = () => {
    if (plainWords.length) parts.push(quoted(plainWords));
    plainWords = [];
  };
  for (const unit of units as SkillUnit[]) {
    if (unit.kind === 'word') {
      plainWords.push(unit.word);
    } else {
      flushPlainWords();
      parts.push(synonymsExpression(unit.terms));
    }
  }
  flushPlainWords();
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

interface Hit {
  badge_class_id: string;
  rank: number;
}

/**
 * Searches the catalogue with FTS5. With skills, a badge class matching more of the phrases comes first
 * (a posting asking for GTAW and pipe welding puts "GTAW Pipe 6G" before either alone), bm25 breaks ties.
 * Input without a single searchable word finds nothing (rather than everything).
 */
export function searchCatalogue(db: Db, search: CatalogueSearch): BadgeClass[] {
  const freeText = search.q ? freeTextExpression(search.q) : null;
  if (search.q && !freeText) return [];
  const skillExpressions = [...new Set((search.skills ?? []).map(skillPhraseExpression).filter((e): e is string => e !== null))];
  if (search.skills?.length && skillExpressions.length === 0) return [];
  if (!freeText && skillExpressions.length === 0) return [];

  const anySkill = skillExpressions.length ? `(${skillExpressions.join(' OR ')})` : null;
  const match = [freeText, anySkill].filter(Boolean).join(' AND ');
  const categoryFilter = search.category ? 'AND b.category = @category' : '';
  const hits = db
    .prepare(
      `SELECT f.badge_class_id, bm25(badge_classes_fts, ${BM25_WEIGHTS}) AS rank
       FROM badge_classes_fts f JOIN badge_classes b ON b.id = f.badge_class_id
       WHERE badge_classes_fts MATCH @match ${categoryFilter}`,
    )
    .all({ match, category: search.category }) as Hit[];
  if (hits.length === 0) return [];
  if (freeText && anySkill) {
    // With both, the skills select and the free text ranks: "aluminum" puts the aluminum badges first.
    const freeTextRank = new Map(
      (db.prepare(`SELECT badge_class_id, bm25(badge_classes_fts, ${BM25_WEIGHTS}) AS rank FROM badge_classes_fts WHERE badge_classes_fts MATCH ?`).all(freeText) as Hit[]).map((hit) => [hit.badge_class_id, hit.rank]),
    );
    for (const hit of hits) hit.rank = freeTextRank.get(hit.badge_class_id) ?? hit.rank;
  }

  const matchedPhrases = new Map<string, number>();
  if (skillExpressions.length > 1) {
    const idsMatching = db.prepare('SELECT badge_class_id FROM badge_classes_fts WHERE badge_classes_fts MATCH ?').pluck();
    for (const expression of skillExpressions) {
      for (const id of idsMatching.all(expression) as string[]) matchedPhrases.set(id, (matchedPhrases.get(id) ?? 0) + 1);
    }
  }
  hits.sort(
    (a, b) =>
      (matchedPhrases.get(b.badge_class_id) ?? 0) - (matchedPhrases.get(a.badge_class_id) ?? 0) || a.rank - b.rank,
  );

  const ids = hits.map((hit) => hit.badge_class_id);
  const rows = db
    .prepare(`SELECT * FROM badge_classes WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as BadgeClassRow[];
  const byId = new Map(rows.map((row) => [row.id, badgeClassFromRow(row)]));
  return ids.map((id) => byId.get(id)!);
}
