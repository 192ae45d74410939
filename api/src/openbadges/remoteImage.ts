// An issuer-supplied https image, fetched server-side (to check it, bake it or rasterise it) through
// the one outbound-fetch module, and kept in memory for a while.
import type { SafeFetch } from '../fetch';
import type { ImageBytes, ImageKind } from '../lib/imageInput';
import { BoundedCache } from './cache';

export type { ImageBytes, ImageKind } from '../lib/imageInput';

/**
 * The image, or why not. `lasting` says whether the URL itself is at fault (blocked address, not an
 * image, too large, 404) rather than the other server being unreachable or failing for now.
 */
export type RemoteImage = { ok: true; image: ImageBytes } | { ok: false; lasting: boolean; problem: string };

const KINDS: Record<string, ImageKind> = { 'image/png': 'png', 'image/svg+xml': 'svg' };
const TRANSIENT_FETCH_FAILURES = new Set(['timeout', 'network']);
const TRANSIENT_STATUSES = new Set([408, 425, 429]);

/** Fetches the image at an https URL; the content is not checked here (see imageContentProblem). */
export async function fetchRemoteImage(url: string, safeFetch: SafeFetch): Promise<RemoteImage> {
  const result = await safeFetch(url, { accept: Object.keys(KINDS) });
  if (!result.ok) return { ok: false, lasting: !TRANSIENT_FETCH_FAILURES.has(result.reason), problem: `the image URL cannot be fetched: ${result.message}` };
  if (result.status < 200 || result.status > 299) {
    const lasting = result.status >= 400 && result.status < 500 && !TRANSIENT_STATUSES.has(result.status);
    return { ok: false, lasting, problem: `the image URL answered HTTP ${result.status}` };
  }
  return { ok: true, image: { kind: KINDS[result.contentType], bytes: result.body } };
}

const SUCCESS_TTL_MS = 60 * 60 * 1000;
const FAILURE_TTL_MS = 5 * 60 * 1000;
const caches = new WeakMap<SafeFetch, BoundedCache<Promise<RemoteImage>>>();

/** fetchRemoteImage through an in-memory cache per fetcher (failures are remembered for a few minutes only). */
export function cachedRemoteImage(url: string, safeFetch: SafeFetch): Promise<RemoteImage> {
  let cache = caches.get(safeFetch);
  if (!cache) caches.set(safeFetch, (cache = new BoundedCache<Promise<RemoteImage>>(100, SUCCESS_TTL_MS)));
  const cached = cache.get(url);
  if (cached) return cached;
  const pending = fetchRemoteImage(url, safeFetch);
  cache.set(url, pending);
  void pending.then((image) => {
    if (!image.ok && cache.get(url) === pending) cache.set(url, pending, FAILURE_TTL_MS);
  });
  return pending;
}
