// The cache of foreign verification results. Issue 14 wants it in the database; until the async
// data layer lands, `memoryResultCache` keeps it in process behind the same small interface, and
// the database version replaces it there (nothing else changes).
import type { Outcome } from './outcome';

export interface ResultCache {
  /** The outcome stored under `key`, or null when there is none or it expired by `now`. */
  get(key: string, now: Date): Promise<Outcome | null>;
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

/** In-process, bounded (oldest entries go first): the stand-in for the database cache. */
export function memoryResultCache(capacity = 10_000): ResultCache {
  const entries = new Map<string, { outcome: Outcome; expiresAt: number }>();
  return {
    async get(key, now) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= now.getTime()) {
        entries.delete(key);
        return null;
      }
      return structuredClone(entry.outcome);
    },
    async put(key, outcome, expiresAt) {
      entries.delete(key);
      while (entries.size >= capacity) entries.delete(entries.keys().next().value!);
      entries.set(key, { outcome: structuredClone(outcome), expiresAt: expiresAt.getTime() });
    },
  };
}
