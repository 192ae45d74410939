// Synthetic assertions for the benchmarks (bench/verify.ts): up to millions of rows, generated and
// inserted by the database itself in one statement, with unique random ids.
import { sql } from 'kysely';
import { isPostgres, transaction, type Db } from './engine';

export interface SyntheticAssertions {
  badgeClassIds: readonly string[];
  count: number;
  issuedOn: string;
  /** Given to the expired ones. */
  pastExpiry: string;
  /** Given to the ones that expire later. */
  futureExpiry: string;
}

/**
 * Per hundred rows: 5 revoked, 5 expired, 10 expiring later, 1 private, the rest valid without expiry,
 * spread over the badge classes in turn. Recipients are made up ("earner<n>@earners.example").
 */
export async function insertSyntheticAssertions(db: Db, rows: SyntheticAssertions): Promise<void> {
  const { badgeClassIds, count, issuedOn, pastExpiry, futureExpiry } = rows;
  // Literals, not parameters: better-sqlite3 binds every JavaScript number as a REAL.
  const classes = sql.lit(badgeClassIds.length);
  const total = sql.lit(Math.trunc(count));
  await transaction(db, async (trx) => {
    if (isPostgres(trx)) {
      await sql`
        INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name, issued_on, expires,
          revoked, revocation_reason, revoked_at, claim_state, is_public, created_at)
        SELECT substr(md5(random()::text || i::text), 1, 24), (${badgeClassIds}::text[])[i % ${classes} + 1],
          'earner' || i || '@earners.example', substr(md5(random()::text), 1, 16), 'sha256$' || md5(random()::text) || md5(random()::text),
          'Bench Earner ' || i, ${issuedOn},
          CASE WHEN i % 100 BETWEEN 5 AND 9 THEN ${pastExpiry} WHEN i % 100 BETWEEN 10 AND 19 THEN ${futureExpiry} END,
          CASE WHEN i % 100 < 5 THEN 1 ELSE 0 END, CASE WHEN i % 100 < 5 THEN 'Issued in error' END,
          CASE WHEN i % 100 < 5 THEN ${issuedOn} END, 'accepted', CASE WHEN i % 100 = 20 THEN 0 ELSE 1 END, ${issuedOn}
        FROM generate_series(0, ${total} - 1) AS i`.execute(trx);
    } else {
      // Random ids land all over four indexes: with SQLite's default 2 MB page cache, a million rows take ten times longer.
      await sql`PRAGMA cache_size = -524288`.execute(trx);
      await sql`
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${total})
        INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name, issued_on, expires,
          revoked, revocation_reason, revoked_at, claim_state, is_public, created_at)
        SELECT lower(hex(randomblob(12))), json_extract(${JSON.stringify(badgeClassIds)}, '$[' || (i % ${classes}) || ']'),
          'earner' || i || '@earners.example', lower(hex(randomblob(8))), 'sha256$' || lower(hex(randomblob(32))),
          'Bench Earner ' || i, ${issuedOn},
          CASE WHEN i % 100 BETWEEN 5 AND 9 THEN ${pastExpiry} WHEN i % 100 BETWEEN 10 AND 19 THEN ${futureExpiry} END,
          CASE WHEN i % 100 < 5 THEN 1 ELSE 0 END, CASE WHEN i % 100 < 5 THEN 'Issued in error' END,
          CASE WHEN i % 100 < 5 THEN ${issuedOn} END, 'accepted', CASE WHEN i % 100 = 20 THEN 0 ELSE 1 END, ${issuedOn}
        FROM n`.execute(trx);
    }
  });
  if (isPostgres(db)) await sql`ANALYZE assertions`.execute(db);
}

/** `n` assertion ids picked at random. */
export async function sampleAssertionIds(db: Db, n: number): Promise<string[]> {
  const rows = await db.selectFrom('assertions').select('id').orderBy(sql`random()`).limit(n).execute();
  return rows.map((row) => row.id);
}
