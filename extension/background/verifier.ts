// The background's verifier: batches badge URLs from every tab into POST /api/v1/verify calls,
// validates the answers against the shared schema and caches them for a few minutes, with the
// badges' images (fetched as soon as the results arrive, before the content script asks). Both
// caches survive a service-worker restart: a repeat visit within the cache time asks the API nothing.
import {
  MAX_VERIFY_URLS,
  verifyResponseSchema,
  verifyResultSchema,
  type VerifyItemResult,
  type VerifyResult,
} from '../../shared/schemas/verify';
import { BADGE_IMAGE_DATA_URL, type BadgeImageReply, type VerifyBadgesReply, type VerifyFailure } from '../../shared/schemas/messages';
import { z } from 'zod';
import { apiOrigin, isBadgeLensUrl } from '../common/settings';

/** A revoked badge shows as revoked at most this long after the revocation. */
export const CACHE_TTL_MS = 3 * 60_000;
const MAX_CACHE_ENTRIES = 500;
const MAX_IMAGE_BYTES = 1_500_000;
const MAX_CACHED_IMAGES = 100;
/** Images kept across service-worker restarts, newest first, up to this many characters of data: URLs. */
const MAX_STORED_IMAGE_CHARS = 2_000_000;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

const cachedResultSchema = z.object({ result: verifyResultSchema, storedAt: z.number() });
type CachedResult = z.infer<typeof cachedResultSchema>;
export const cacheSnapshotSchema = z.record(z.string(), cachedResultSchema);
export type CacheSnapshot = z.infer<typeof cacheSnapshotSchema>;

/** `dataUrl` null: the API answered that there is no image to show (a revoked badge's, say). */
const cachedImageSchema = z.object({ dataUrl: z.string().regex(BADGE_IMAGE_DATA_URL).nullable(), storedAt: z.number() });
type CachedImage = z.infer<typeof cachedImageSchema>;
export const imageSnapshotSchema = z.record(z.string(), cachedImageSchema);
export type ImageSnapshot = z.infer<typeof imageSnapshotSchema>;

/** Where a cache survives a service-worker restart (storage.session in the extension). */
export interface CacheStore<Snapshot = CacheSnapshot> {
  load(): Promise<unknown>;
  save(snapshot: Snapshot): Promise<void>;
}

export interface VerifierOptions {
  fetch: typeof fetch;
  apiBaseUrl: () => Promise<string>;
  cacheStore?: CacheStore;
  imageStore?: CacheStore<ImageSnapshot>;
  now?: () => number;
  timeoutMs?: number;
  /** How long to wait for more URLs (other tabs, frames) before calling the API. */
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
  const batchDelayMs = options.batchDelayMs ?? 2;
  const cache = new Map<string, CachedResult>();
  /** Image URL → its reply, settled or on its way; the API's answers are kept, failures to reach it are not. */
  const images = new Map<string, { reply: Promise<BadgeImageReply>; storedAt: number }>();
  const storedImages = new Map<string, CachedImage>();
  const imageSaver = coalescedSaver(() => options.imageStore?.save(Object.fromEntries(storedImages)));
  let pending = new Map<string, Waiter[]>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let restored: Promise<void> | undefined;

  function restore(): Promise<void> {
    restored ??= (async () => {
      const [results, pictures] = await Promise.all([
        options.cacheStore?.load().catch(() => undefined),
        options.imageStore?.load().catch(() => undefined),
      ]);
      const parsed = cacheSnapshotSchema.safeParse(results);
      if (parsed.success) for (const [url, entry] of Object.entries(parsed.data)) if (isFresh(entry)) cache.set(url, entry);
      const parsedImages = imageSnapshotSchema.safeParse(pictures);
      if (parsedImages.success) {
        for (const [url, entry] of Object.entries(parsedImages.data)) {
          if (!isFresh(entry) || images.has(url)) continue;
          storedImages.set(url, entry);
          images.set(url, { reply: Promise.resolve(imageReply(entry.dataUrl)), storedAt: entry.storedAt });
        }
      }
    })();
    return restored;
  }

  function isFresh(entry: { storedAt: number }): boolean {
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
          // The content script asks for these next: have them on their way.
          for (const result of results) if (result.badge?.imageUrl) void image(result.badge.imageUrl);
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

  /** A badge image from the API, as a data: URL the page's CSP cannot block. */
  async function image(url: string): Promise<BadgeImageReply> {
    await restore();
    const base = await options.apiBaseUrl();
    if (!apiOrigin(base) || !isBadgeLensUrl(url, base)) return { ok: false };
    const known = images.get(url);
    if (known && isFresh(known)) return known.reply;
    if (images.size >= MAX_CACHED_IMAGES) images.clear();
    const reply = fetchImage(url).then((fetched): BadgeImageReply => {
      if (fetched === 'unreachable') {
        images.delete(url);
        return { ok: false };
      }
      storeImage(url, fetched);
      return imageReply(fetched);
    });
    images.set(url, { reply, storedAt: now() });
    return reply;
  }

  /** The image as a data: URL; null when the API answered without one; 'unreachable' when it did not answer. */
  async function fetchImage(url: string): Promise<string | null | 'unreachable'> {
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await options.fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (response.status === 429 || response.status >= 500) return 'unreachable';
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      return 'unreachable';
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!response.ok || !IMAGE_TYPES.has(type) || bytes.byteLength === 0 || bytes.byteLength > MAX_IMAGE_BYTES) return null;
    const dataUrl = `data:${type};base64,${toBase64(bytes)}`;
    return BADGE_IMAGE_DATA_URL.test(dataUrl) ? dataUrl : null;
  }

  /** Keeps the newest fresh images within the stored budget, and saves them. */
  function storeImage(url: string, dataUrl: string | null): void {
    storedImages.delete(url);
    storedImages.set(url, { dataUrl, storedAt: now() });
    let chars = 0;
    for (const [storedUrl, entry] of [...storedImages].reverse()) {
      chars += entry.dataUrl?.length ?? 0;
      if (chars > MAX_STORED_IMAGE_CHARS || !isFresh(entry)) storedImages.delete(storedUrl);
    }
    imageSaver();
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
        const storedAt = urls.map((url) => cache.get(url)?.storedAt ?? now());
        return { ok: true, results, freshUntil: Math.min(...storedAt) + CACHE_TTL_MS };
      } catch (error) {
        return { ok: false, error: error instanceof VerifyError ? error.failure : 'unreachable' };
      }
    },

    /** Options page: forgets every result and image, here and in the stored snapshots. */
    async clear(): Promise<void> {
      await restore();
      cache.clear();
      images.clear();
      storedImages.clear();
      await Promise.all([options.cacheStore?.save({}).catch(() => undefined), options.imageStore?.save({}).catch(() => undefined)]);
    },

    image,
  };

}

export type Verifier = ReturnType<typeof createVerifier>;

/** Statuses that always come with the badge's details. */
const STATUSES_WITH_BADGE = new Set<VerifyResult['status']>(['valid', 'expired', 'self_claimed']);

/** One result per URL, in order, and the badge present whenever the status needs one. */
function answersMatch(urls: string[], results: VerifyItemResult[]): results is VerifyResult[] {
  return (
    results.length === urls.length &&
    results.every(
      (result, index) => 'url' in result && result.url === urls[index] && (!STATUSES_WITH_BADGE.has(result.status) || result.badge !== undefined),
    )
  );
}

/**
 * A save that never runs twice at once: asked again while saving, it saves once more afterwards
 * (with the state of then), however many times it was asked.
 */
function coalescedSaver(save: () => Promise<void> | undefined): () => void {
  let saving = false;
  let again = false;
  return () => {
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    void (async () => {
      do {
        again = false;
        await save()?.catch(() => undefined);
      } while (again);
      saving = false;
    })();
  };
}

function imageReply(dataUrl: string | null): BadgeImageReply {
  return dataUrl === null ? { ok: false } : { ok: true, dataUrl };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}
