// The background's verifier: batches badge URLs from every tab into POST /api/v1/verify calls,
// validates the answers against the shared schema and caches them for a few minutes.
import {
  MAX_VERIFY_URLS,
  verifyResponseSchema,
  verifyResultSchema,
  type VerifyResult,
} from '../../shared/schemas/verify';
import type { BadgeImageReply, VerifyBadgesReply, VerifyFailure } from '../../shared/schemas/messages';
import { BADGE_IMAGE_DATA_URL } from '../../shared/schemas/messages';
import { z } from 'zod';
import { apiOrigin, isBadgeLensUrl } from './settings';

/** A revoked badge shows as revoked at most this long after the revocation. */
export const CACHE_TTL_MS = 3 * 60_000;
const MAX_CACHE_ENTRIES = 500;
const MAX_IMAGE_BYTES = 1_500_000;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

const cachedResultSchema = z.object({ result: verifyResultSchema, storedAt: z.number() });
type CachedResult = z.infer<typeof cachedResultSchema>;
export const cacheSnapshotSchema = z.record(z.string(), cachedResultSchema);
export type CacheSnapshot = z.infer<typeof cacheSnapshotSchema>;

/** Where the cache survives a service-worker restart (storage.session in the extension). */
export interface CacheStore {
  load(): Promise<unknown>;
  save(snapshot: CacheSnapshot): Promise<void>;
}

export interface VerifierOptions {
  fetch: typeof fetch;
  apiBaseUrl: () => Promise<string>;
  cacheStore?: CacheStore;
  now?: () => number;
  timeoutMs?: number;
  /** How long to wait for more URLs before calling the API. */
  batchDelayMs?: number;
}

class VerifyError extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure);
  }
}

interface Waiter {
  resolve: (result: VerifyResult) => void;
  reject: (error: VerifyError) => void;
}

export function createVerifier(options: VerifierOptions) {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 8_000;
  const batchDelayMs = options.batchDelayMs ?? 15;
  const cache = new Map<string, CachedResult>();
  const images = new Map<string, string>();
  let pending = new Map<string, Waiter[]>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let restored: Promise<void> | undefined;

  function restore(): Promise<void> {
    restored ??= (async () => {
      const parsed = cacheSnapshotSchema.safeParse(await options.cacheStore?.load().catch(() => undefined));
      if (!parsed.success) return;
      for (const [url, entry] of Object.entries(parsed.data)) if (isFresh(entry)) cache.set(url, entry);
    })();
    return restored;
  }

  function isFresh(entry: CachedResult): boolean {
    const age = now() - entry.storedAt;
    return age >= 0 && age < CACHE_TTL_MS;
  }

  function remember(results: VerifyResult[]): void {
    const storedAt = now();
    for (const result of results) cache.set(result.url, { result, storedAt });
    for (const [url, entry] of cache) if (!isFresh(entry)) cache.delete(url);
    while (cache.size > MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    void options.cacheStore?.save(Object.fromEntries(cache)).catch(() => undefined);
  }

  function enqueue(url: string): Promise<VerifyResult> {
    return new Promise((resolve, reject) => {
      const waiters = pending.get(url) ?? [];
      waiters.push({ resolve, reject });
      pending.set(url, waiters);
      flushTimer ??= setTimeout(flush, batchDelayMs);
    });
  }

  function flush(): void {
    flushTimer = undefined;
    const batch = pending;
    pending = new Map();
    const urls = [...batch.keys()];
    for (let start = 0; start < urls.length; start += MAX_VERIFY_URLS) {
      const chunk = urls.slice(start, start + MAX_VERIFY_URLS);
      callApi(chunk).then(
        (results) => {
          remember(results);
          results.forEach((result, index) => batch.get(chunk[index])?.forEach((waiter) => waiter.resolve(result)));
        },
        (error: unknown) => {
          const failure = error instanceof VerifyError ? error : new VerifyError('unreachable');
          chunk.forEach((url) => batch.get(url)?.forEach((waiter) => waiter.reject(failure)));
        },
      );
    }
  }

  async function callApi(urls: string[]): Promise<VerifyResult[]> {
    const base = await options.apiBaseUrl();
    let response: Response;
    try {
      response = await options.fetch(new URL('/api/v1/verify', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ urls }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new VerifyError(error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    if (response.status === 429 || response.status >= 500) throw new VerifyError('unreachable');
    if (!response.ok) throw new VerifyError('bad_request');
    const body = await response.json().catch(() => undefined);
    const parsed = verifyResponseSchema.safeParse(body);
    if (!parsed.success || !answersMatch(urls, parsed.data.results)) throw new VerifyError('bad_response');
    return parsed.data.results;
  }

  return {
    async verify(urls: string[], { fresh = false } = {}): Promise<VerifyBadgesReply> {
      await restore();
      const base = await options.apiBaseUrl();
      try {
        const results = await Promise.all(
          urls.map((url) => {
            if (!isBadgeLensUrl(url, base)) return { url, status: 'unsupported' as const, checkedAt: new Date(now()).toISOString() };
            const cached = cache.get(url);
            if (!fresh && cached && isFresh(cached)) return cached.result;
            return enqueue(url);
          }),
        );
        return { ok: true, results };
      } catch (error) {
        return { ok: false, error: error instanceof VerifyError ? error.failure : 'unreachable' };
      }
    },

    /** Options page: forgets every result and image, here and in the stored snapshot. */
    async clear(): Promise<void> {
      await restore();
      cache.clear();
      images.clear();
      await options.cacheStore?.save({}).catch(() => undefined);
    },

    /** A badge image from the API, as a data: URL the page's CSP cannot block. */
    async image(url: string): Promise<BadgeImageReply> {
      const base = await options.apiBaseUrl();
      const origin = apiOrigin(base);
      if (!origin || !isBadgeLensUrl(url, base)) return { ok: false };
      const known = images.get(url);
      if (known) return { ok: true, dataUrl: known };
      try {
        const response = await options.fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
        if (!response.ok || !IMAGE_TYPES.has(type)) return { ok: false };
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.byteLength === 0 || bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false };
        const dataUrl = `data:${type};base64,${toBase64(bytes)}`;
        if (!BADGE_IMAGE_DATA_URL.test(dataUrl)) return { ok: false };
        if (images.size > 100) images.clear();
        images.set(url, dataUrl);
        return { ok: true, dataUrl };
      } catch {
        return { ok: false };
      }
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

/** One result per URL, in order, and the badge present whenever the status needs one. */
function answersMatch(urls: string[], results: VerifyResult[]): boolean {
  return (
    results.length === urls.length &&
    results.every(
      (result, index) =>
        result.url === urls[index] && (result.status === 'not_found' || result.status === 'unsupported' || result.badge !== undefined),
    )
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}
