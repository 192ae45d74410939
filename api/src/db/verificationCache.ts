import type { CompiledQuery } from 'kysely';
import { engineOf, type Db } from './engine';

type CachedRow = { key: string; outcome: string; expires_at: number };

// Built once per engine and key count: the verify route reads its batch's foreign results on every request.
const compiledReads = new Map<string, CompiledQuery<CachedRow>>();

function compiledRead(db: Db, count: number): CompiledQuery<CachedRow> {
  const id = `${engineOf(db)} ${count}`;
  let compiled = compiledReads.get(id);
  if (!compiled) {
    const keys = Array.from({ length: count }, () => '');
    compiled = db.selectFrom('verification_cache').select(['key', 'outcome', 'expires_at']).where('key', 'in', keys).where('expires_at', '>', 0).compile();
    compiledReads.set(id, compiled);
  }
  return compiled;
}

/** A stored outcome as JSON, and when it expires (ms since the epoch). */
export interface CachedVerification {
  outcome: string;
  expiresAt: number;
}

/** The stored outcome of each key that has one not expired by `now` (ms since the epoch), in one query. */
export async function readCachedVerifications(db: Db, keys: readonly string[], now: number): Promise<Map<string, CachedVerification>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const { rows } = await db.executeQuery<CachedRow>({ ...compiledRead(db, unique.length), parameters: [...unique, now] });
  return new Map(rows.map((row) => [row.key, { outcome: row.outcome, expiresAt: Number(row.expires_at) }]));
}

/** Stores (or replaces) the outcome JSON under `key` until `expiresAt` (ms since the epoch). */
export async function writeCachedVerification(db: Db, key: string, outcome: string, expiresAt: number): Promise<void> {
  await db
    .insertInto('verification_cache')
    .values({ key, outcome, expires_at: expiresAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ outcome, expires_at: expiresAt }))
    .execute();
}

/** Forgets results whose time is up. */
export async function deleteExpiredVerifications(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('verification_cache').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
