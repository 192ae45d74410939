// The cache of foreign verification results, in the database so that every API node answers alike
// and a fetch made by one node spares the others.
import type { Db } from '../db/connection';
import { readCachedVerifications, writeCachedVerification } from '../db/verificationCache';
import type { Outcome } from './outcome';

export interface ResultCache {
  /** The outcomes stored under these keys that have not expired by `now` (absent keys: none). */
  getMany(keys: readonly string[], now: Date): Promise<Map<string, Outcome>>;
  put(key: string, outcome: Outcome, expiresAt: Date): Promise<void>;
}

/** A valid (expired, revoked) result is reused for at most this long, less when its source says so. */
export const RESULT_LIFETIME_MS = 60 * 60_000;
/** Failures (unverifiable, invalid, not found) are asked again after this. */
export const FAILURE_LIFETIME_MS = 60_000;

/**
 * Until when an outcome may be reused: at most an hour for an issuer's answer (or its
 * Cache-Control's max-age), a minute for failures, and never past the moment a valid badge expires.
 * Null: not to be kept at all.
 */
export function expiryOf(outcome: Outcome, maxAgeMs: number | null | undefined, now: Date): Date | null {
  const settled = outcome.status === 'valid' || outcome.status === 'expired' || outcome.status === 'revoked';
  let lifetime = settled ? Math.min(RESULT_LIFETIME_MS, maxAgeMs ?? RESULT_LIFETIME_MS) : FAILURE_LIFETIME_MS;
  if (outcome.status === 'valid' && outcome.badge?.expires) lifetime = Math.min(lifetime, Date.parse(outcome.badge.expires) - now.getTime());
  return lifetime > 0 ? new Date(now.getTime() + lifetime) : null;
}

/** The cache in the database (table verification_cache; housekeeping deletes expired rows). */
export function databaseResultCache(db: Db): ResultCache {
  return {
    async getMany(keys, now) {
      const stored = await readCachedVerifications(db, keys, now.getTime());
      return new Map([...stored].map(([key, json]) => [key, JSON.parse(json) as Outcome]));
    },
    async put(key, outcome, expiresAt) {
      await writeCachedVerification(db, key, JSON.stringify(outcome), expiresAt.getTime());
    },
  };
}
