// How the service worker reads the documents of trustless checks (credentials, DID documents,
// status lists): straight from their host when it allows cross-origin reads (CORS), else through
// the configured BadgeLens API's relay (GET /api/v1/relay, the bytes as they are: the signature
// checked here is what makes them trustworthy). https only, except the configured server itself;
// no IP addresses or local names (a link on a page must not make the browser probe its network);
// 5 s, 512 KB, JSON / VC / DID media types only. JSON answers are kept a few minutes and
// fetched once for concurrent checks: many credentials share their issuer's DID document and list.
import type { Answer } from '../../api/src/verify/fetching';
import { maxAgeOf } from '../../api/src/verify/fetching';
import { SingleFlight } from '../../api/src/verify/singleFlight';
import { apiOrigin } from '../common/settings';

export const DOCUMENT_TIMEOUT_MS = 5_000;
/** The relay's limit too (api/src/verify/relay.ts). */
export const MAX_DOCUMENT_BYTES = 512 * 1024;
/** As long as results are kept (verifier.ts CACHE_TTL_MS): a revocation shows within that time. */
const DOCUMENT_LIFETIME_MS = 3 * 60_000;
const MAX_KEPT_DOCUMENTS = 200;
/** Host names that only mean something inside a network. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/;

export interface DocumentFetcherOptions {
  fetch: typeof fetch;
  /** The configured BadgeLens API (its relay, and the one http origin allowed). */
  apiBaseUrl: () => Promise<string>;
  now?: () => number;
  timeoutMs?: number;
}

export type DocumentFetcher = ReturnType<typeof createDocumentFetcher>;

/** Why a direct read did not work: the host refused cross-origin reads (or could not be reached). */
const NOT_READABLE_HERE = Symbol('not readable here');

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

/** An https URL of a named public host, or a URL of the configured server: what the browser may fetch itself. */
export function mayFetchDirectly(url: string, apiBaseUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === apiOrigin(apiBaseUrl)) return true;
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const isIpAddress = host.startsWith('[') || /^[\d.]+$/.test(host) || /^0x/i.test(host);
  return !isIpAddress && host.includes('.') && !LOCAL_NAME.test(host);
}

function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** The body, read up to `max` bytes; null when it is longer. */
async function boundedBody(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads one answer the way the API's fetcher does (api/src/verify/fetching.ts), for `url` as asked. */
async function readAnswer(response: Response, url: string, finalUrl: string, accept: readonly string[]): Promise<Answer> {
  const host = hostOf(finalUrl);
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'missing', url: finalUrl, status: response.status, json: undefined };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'failed', url: finalUrl, reason: `${host} answered HTTP ${response.status}` };
  }
  const type = mediaTypeOf(response);
  if (!accept.includes(type)) {
    await response.body?.cancel().catch(() => undefined);
    return type === 'text/html'
      ? { kind: 'html', url: finalUrl, requestedUrl: url, html: '' }
      : { kind: 'failed', url: finalUrl, reason: `${host} did not answer with a badge document` };
  }
  const body = await boundedBody(response, MAX_DOCUMENT_BYTES);
  if (!body) return { kind: 'failed', url: finalUrl, reason: `${host} answered with more than the size limit` };
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(body));
    return { kind: 'json', url: finalUrl, requestedUrl: url, json, maxAgeMs: maxAgeOf(response.headers.get('cache-control') ?? undefined) };
  } catch {
    return { kind: 'failed', url: finalUrl, reason: `${host} answered with malformed JSON` };
  }
}

/** Longer Accept headers are not CORS-safelisted: the browser would first send a preflight, which most static hosts fail. */
export const MAX_SAFELISTED_ACCEPT = 128;

/** The media types asked for, most wanted first, within the length a browser sends without a preflight. */
export function acceptHeader(accept: readonly string[]): string {
  let header = accept[0] ?? '*/*';
  for (const type of accept.slice(1)) {
    if (header.length + 2 + type.length > MAX_SAFELISTED_ACCEPT) break;
    header += `, ${type}`;
  }
  return header;
}

export function createDocumentFetcher(options: DocumentFetcherOptions) {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DOCUMENT_TIMEOUT_MS;
  const kept = new Map<string, { answer: Answer; expires: number }>();
  const flights = new SingleFlight<Answer>();
  let relayed = 0;

  async function direct(url: string, accept: readonly string[], apiBaseUrl: string): Promise<Answer | typeof NOT_READABLE_HERE> {
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers: { accept: acceptHeader(accept) },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'failed', url, reason: `${hostOf(url)} did not answer in time` };
      return NOT_READABLE_HERE; // no CORS headers (the browser says no more), or unreachable from here
    }
    const finalUrl = response.url || url;
    if (!mayFetchDirectly(finalUrl, apiBaseUrl)) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', url: finalUrl, reason: `${hostOf(finalUrl)} redirects to an address that is not checked` };
    }
    return readAnswer(response, url, finalUrl, accept);
  }

  async function throughRelay(url: string, accept: readonly string[], apiBaseUrl: string): Promise<Answer> {
    relayed += 1;
    const relay = new URL('/api/v1/relay', apiBaseUrl);
    relay.searchParams.set('url', url);
    let response: Response;
    try {
      response = await options.fetch(relay, { headers: { accept: acceptHeader(accept) }, credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs + 1_000) });
    } catch {
      return { kind: 'failed', url, reason: `${hostOf(url)} allows no reads from the browser, and the BadgeLens server could not be reached to relay it` };
    }
    const location = response.headers.get('content-location');
    const finalUrl = location && URL.canParse(location) ? location : url;
    if (response.status === 403) return { kind: 'failed', url, reason: `${hostOf(url)} is not a public address` };
    if (response.status === 429) return { kind: 'failed', url, reason: `${hostOf(url)} could not be relayed now (too many requests)` };
    if (response.status >= 500) return { kind: 'failed', url, reason: `${hostOf(url)} could not be read through the BadgeLens server` };
    return readAnswer(response, url, finalUrl, accept);
  }

  async function fetchOnce(url: string, accept: readonly string[]): Promise<Answer> {
    const apiBaseUrl = await options.apiBaseUrl();
    if (!mayFetchDirectly(url, apiBaseUrl)) {
      // Not fetched from the browser; the relay checks addresses at connect time, and refuses what it must.
      return url.startsWith('https://') ? throughRelay(url, accept, apiBaseUrl) : { kind: 'failed', url, reason: `only https addresses are checked (${url.slice(0, 80)})` };
    }
    const answer = await direct(url, accept, apiBaseUrl);
    return answer === NOT_READABLE_HERE ? throughRelay(url, accept, apiBaseUrl) : answer;
  }

  return {
    /** The document at `url` (one of the `accept` media types), from here or through the relay. */
    fetch(url: string, accept: readonly string[]): Promise<Answer> {
      const entry = kept.get(url);
      if (entry && entry.expires > now()) return Promise.resolve(entry.answer);
      kept.delete(url);
      return flights.run(url, async () => {
        const answer = await fetchOnce(url, accept);
        const lifetime = answer.kind === 'json' ? Math.min(answer.maxAgeMs ?? DOCUMENT_LIFETIME_MS, DOCUMENT_LIFETIME_MS) : 0;
        if (lifetime > 0) {
          if (kept.size >= MAX_KEPT_DOCUMENTS) kept.delete(kept.keys().next().value!);
          kept.set(url, { answer, expires: now() + lifetime });
        }
        return answer;
      });
    },
    /** Forgets every kept document (the options page's "Clear cache"). */
    clear(): void {
      kept.clear();
    },
    /** How many reads went through the relay so far (tests and the benchmark). */
    get relayed(): number {
      return relayed;
    },
  };
}
