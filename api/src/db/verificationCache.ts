import type { Db } from './engine';

/** The stored outcome JSON of each key that has one not expired by `now` (ms since the epoch), in one query. */
export async function readCachedVerifications(db: Db, keys: readonly string[], now: number): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('verification_cache').select(['key', 'outcome']).where('key', 'in', unique).where('expires_at', '>', now).execute();
  return new Map(rows.map((row) => [row.key, row.outcome]));
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
