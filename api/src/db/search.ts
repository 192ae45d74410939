// Full-text search over the badge catalogue: FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL.
// The only place that knows either engine's search syntax.
import { sql, type RawBuilder } from 'kysely';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { skillWords } from '../../../shared/skills';
import { isPostgres, transaction, type Db } from './engine';

/**
 * A catalogue query, the same for both engines: phrases of words (letters and digits only, lower case,
 * as `skillWords` gives them), the last one possibly a word prefix, combined with "any" and "all".
 */
export type SearchTerm =
  | { kind: 'phrase'; words: readonly string[]; prefix?: boolean }
  | { kind: 'any' | 'all'; terms: readonly SearchTerm[] };

export interface SearchHit {
  badgeClassId: string;
  /** Lower ranks first. */
  rank: number;
}

export interface MatchOptions {
  category?: BadgeCategory;
  /** PostgreSQL: when nothing matches exactly, let words of 4+ letters match similar words ("inspecter"). */
  typoTolerant?: boolean;
}

/** Badge classes matching `term`, with their rank (unordered). */
export function matchBadgeClasses(db: Db, term: SearchTerm, options: MatchOptions = {}): Promise<SearchHit[]> {
  return isPostgres(db) ? matchPostgres(db, term, options) : matchSqlite(db, term, options);
}

// ------------------------------------------------------------------ SQLite: FTS5 (migration 004's table and triggers)

// Column weights for bm25 (badge_class_id, name, description, skills): a word in the name or the skills
// says more about a badge than the same word somewhere in its description.
const BM25_WEIGHTS = sql.raw('0.0, 10.0, 1.0, 5.0');

/**
 * FTS5 text for a term: every phrase inside double quotes and made of letters and digits only, so no
 * input can use FTS5 syntax (quotes, `*`, `NEAR`, `OR`, parentheses). Nested groups are parenthesised.
 */
export function fts5Expression(term: SearchTerm, nested = true): string {
  if (term.kind === 'phrase') return `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
  if (term.terms.length === 1) return fts5Expression(term.terms[0]);
  const joined = term.terms.map((inner) => fts5Expression(inner)).join(term.kind === 'any' ? ' OR ' : ' AND ');
  return nested ? `(${joined})` : joined;
}

async function matchSqlite(db: Db, term: SearchTerm, { category }: MatchOptions): Promise<SearchHit[]> {
  const { rows } = await sql<{ badge_class_id: string; rank: number }>`
    SELECT f.badge_class_id, bm25(badge_classes_fts, ${BM25_WEIGHTS}) AS rank
    FROM badge_classes_fts f JOIN badge_classes b ON b.id = f.badge_class_id
    WHERE badge_classes_fts MATCH ${fts5Expression(term)} ${category ? sql`AND b.category = ${category}` : sql``}`.execute(db);
  return rows.map((row) => ({ badgeClassId: row.badge_class_id, rank: row.rank }));
}

// ------------------------------------------------------------------ PostgreSQL: tsvector + pg_trgm (migration 004)

/** The text search configuration migration 004 creates: English stemming, no stop words (as FTS5's porter). */
const CONFIG = sql.lit('badgelens');
/** ts_rank weights {D, C, B, A}: name A, skills B, description D (as the bm25 weights above). */
const RANK_WEIGHTS = sql.lit('{0.1, 0.1, 0.5, 1.0}');
const FUZZY_MIN_LETTERS = 4;
/**
 * How much of a word must match a stretch of a badge's text (pg_trgm word_similarity). pg_trgm's own 0.6
 * misses one wrong letter in a short word ("forkift"); below 0.5 unrelated words start to match.
 */
const FUZZY_THRESHOLD = sql.lit('0.5');

/** tsquery text for a term; words are letters and digits only, so quoting them is enough. */
export function tsqueryExpression(term: SearchTerm): string {
  if (term.kind === 'phrase') return `(${term.words.map((word) => `'${word}'`).join(' <-> ')}${term.prefix ? ':*' : ''})`;
  return `(${term.terms.map(tsqueryExpression).join(term.kind === 'any' ? ' | ' : ' & ')})`;
}

function tsquery(term: SearchTerm): RawBuilder<unknown> {
  return sql`to_tsquery(${CONFIG}, ${tsqueryExpression(term)})`;
}

/** The words a fuzzy search compares by similarity: single-word phrases long enough not to match everything. */
function fuzzyWords(term: SearchTerm): string[] {
  if (term.kind === 'phrase') return term.words.length === 1 && term.words[0].length >= FUZZY_MIN_LETTERS ? [term.words[0]] : [];
  return term.terms.flatMap(fuzzyWords);
}

/** The term as a condition where every long single word also matches a similar word of the badge's text. */
function fuzzyCondition(term: SearchTerm): RawBuilder<unknown> {
  if (term.kind === 'phrase') {
    const exact = sql`f.document @@ ${tsquery(term)}`;
    return fuzzyWords(term).length ? sql`(${exact} OR ${term.words[0]} <% f.search_text)` : exact;
  }
  return sql`(${sql.join(term.terms.map(fuzzyCondition), sql.raw(term.kind === 'any' ? ' OR ' : ' AND '))})`;
}

async function matchPostgres(db: Db, term: SearchTerm, { category, typoTolerant }: MatchOptions): Promise<SearchHit[]> {
  const inCategory = category ? sql`AND b.category = ${category}` : sql``;
  const query = tsquery(term);
  const { rows } = await sql<{ badge_class_id: string; rank: number }>`
    SELECT f.badge_class_id, -ts_rank(${RANK_WEIGHTS}, f.document, ${query}) AS rank
    FROM badge_classes_fts f JOIN badge_classes b ON b.id = f.badge_class_id
    WHERE f.document @@ ${query} ${inCategory}`.execute(db);
  const words = fuzzyWords(term);
  if (rows.length > 0 || !typoTolerant || words.length === 0) return rows.map((row) => ({ badgeClassId: row.badge_class_id, rank: row.rank }));

  const similarity = sql.join(words.map((word) => sql`word_similarity(${word}, f.search_text)`), sql.raw(' + '));
  const fuzzy = await transaction(db, async (trx) => {
    // The threshold of the <% operator, for this transaction only.
    await sql`SET LOCAL pg_trgm.word_similarity_threshold = ${FUZZY_THRESHOLD}`.execute(trx);
    return sql<{ badge_class_id: string; rank: number }>`
      SELECT f.badge_class_id, -(${similarity}) AS rank
      FROM badge_classes_fts f JOIN badge_classes b ON b.id = f.badge_class_id
      WHERE ${fuzzyCondition(term)} ${inCategory}`.execute(trx);
  });
  return fuzzy.rows.map((row) => ({ badgeClassId: row.badge_class_id, rank: row.rank }));
}

/** Every distinct term of the index, as the engine stores it (stemmed): what a mistyped word is compared with. */
export async function indexedTerms(db: Db): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ term: string }>`SELECT word AS term FROM ts_stat('SELECT document FROM badge_classes_fts')`.execute(db)
    : await sql<{ term: string }>`SELECT term FROM badge_classes_fts_terms`.execute(db);
  return rows.map((row) => row.term);
}

export interface IndexedText {
  id: string;
  name: string;
  description: string;
  skills: readonly string[];
}

const words = (text: string) => skillWords(text).join(' ');

/**
 * Keeps a badge class's search row in step on PostgreSQL: its text reduced to the words the queries are
 * built from (`skillWords`), so both sides see the same words. On SQLite the FTS5 triggers do this.
 */
export async function indexBadgeClass(db: Db, badgeClass: IndexedText): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    INSERT INTO badge_classes_fts (badge_class_id, name, description, skills)
    VALUES (${badgeClass.id}, ${words(badgeClass.name)}, ${words(badgeClass.description)}, ${badgeClass.skills.map(words).join(' ')})
    ON CONFLICT (badge_class_id) DO UPDATE SET name = excluded.name, description = excluded.description, skills = excluded.skills`.execute(db);
}

/** Rebuilds every search row (PostgreSQL; a no-op on SQLite, whose triggers keep the index). */
export async function reindexAllBadgeClasses(db: Db): Promise<number> {
  if (!isPostgres(db)) return 0;
  const rows = await db.selectFrom('badge_classes').select(['id', 'name', 'description', 'skills']).execute();
  for (const row of rows) await indexBadgeClass(db, { ...row, skills: JSON.parse(row.skills) as string[] });
  return rows.length;
}
