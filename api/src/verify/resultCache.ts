// The cache of foreign verification results, in the database so that every API node answers alike
// and a fetch made by one node spares the others.
import type { Db } from '../db/connection';
import { readCachedVerifications, writeCachedVerification } from '../db/verificationCache';
import { deepFreeze } from '../lib/deepFreeze';
import { createGenerationalCache } from '../lib/generationalCache';
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

/** How many results each node keeps in memory: two generations of this many (a few KB each, so some 10 MB at most). */
export const KEPT_RESULTS_GENERATION_SIZE = 2048;

/**
 * The cache in the database (table verification_cache; housekeeping deletes expired rows), with the
 * results this node read or wrote lately kept in memory until their row expires: a result is only written
 * for an item without a fresh one, so until then the copy is what the row holds (two nodes verifying the same
 * new item at once each keep their own, equally fresh). A batch of known results then reads nothing.
 */
export function databaseResultCache(db: Db): ResultCache {
  const kept = createGenerationalCache<CachedOutcome>(KEPT_RESULTS_GENERATION_SIZE);
  const keep = (key: string, json: string, expiresAt: number): Outcome => {
    // Parsed from the text stored, and frozen: shared by every request until it expires.
    const outcome = deepFreeze(JSON.parse(json) as Outcome);
    kept.set(key, { outcome, expiresAt });
    return outcome;
  };
  return {
    async getMany(keys, now) {
      const at = now.getTime();
      const found = new Map<string, Outcome>();
      const unknown: string[] = [];
      for (const key of keys) {
        const entry = kept.get(key);
        if (entry && entry.expiresAt > at) found.set(key, entry.outcome);
        else unknown.push(key);
      }
      if (unknown.length === 0) return found;
      for (const [key, stored] of await readCachedVerifications(db, unknown, at)) found.set(key, keep(key, stored.outcome, stored.expiresAt));
      return found;
    },
    async put(key, outcome, expiresAt) {
      const json = JSON.stringify(outcome);
      await writeCachedVerification(db, key, json, expiresAt.getTime());
      keep(key, json, expiresAt.getTime());
    },
  };
}

interface CachedOutcome {
  outcome: Outcome;
  expiresAt: number;
}
