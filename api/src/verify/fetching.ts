// Fetching foreign badge documents through the one SSRF-safe fetcher, within a verification's time
// budget, and reading the answers: JSON, a page, missing (404/410) or a failure to say why.
import type { FetchFailure, SafeFetch } from '../fetch';
import { SingleFlight } from './singleFlight';

/** Badge documents: Open Badges 2.0 JSON-LD or JSON, Open Badges 3.0 / VC JSON. */
export const BADGE_JSON_TYPES = ['application/ld+json', 'application/json', 'application/vc', 'application/vc+ld+json'] as const;
/** DID documents and other key documents. */
export const KEY_DOCUMENT_TYPES = [...BADGE_JSON_TYPES, 'application/did+json', 'application/did+ld+json'] as const;
/** A badge URL people share: JSON, or a page that links it. */
export const BADGE_PAGE_TYPES = [...BADGE_JSON_TYPES, 'text/html'] as const;

export type Answer =
  | { kind: 'json'; url: string; requestedUrl: string; json: unknown; maxAgeMs: number | null }
  | { kind: 'html'; url: string; requestedUrl: string; html: string }
  /** 404 or 410: `json` when the body was JSON (a revoked assertion says so in it). */
  | { kind: 'missing'; url: string; status: number; json: unknown }
  /** Unreachable, too slow, too large, blocked, or a bad answer: `reason` says which, for people. */
  | { kind: 'failed'; url: string; reason: string };

/** The moment (performance.now() time) by which every fetch of one verification must be done. */
export type Deadline = number;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function failureReason(failure: FetchFailure): string {
  const host = hostOf(failure.url);
  switch (failure.reason) {
    case 'timeout':
      return `${host} did not answer in time`;
    case 'too_large':
      return `${host} answered with more than the size limit`;
    case 'bad_content_type':
      return `${host} did not answer with a badge document`;
    case 'too_many_redirects':
      return `${host} redirects too many times`;
    case 'redirect_loop':
      return `${host} redirects in a loop`;
    case 'blocked':
      return `${host} is not a public address`;
    case 'not_https':
      return `only https addresses are checked (${failure.url.slice(0, 80)})`;
    case 'bad_url':
      return 'the address is not a valid URL';
    case 'network':
      return `${host} could not be reached`;
  }
}

/** Seconds a response may be reused for, from its Cache-Control; null when it says nothing about it. */
export function maxAgeOf(cacheControl: string | undefined): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase().split(',').map((part) => part.trim());
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache' || directive === 'private')) return 0;
  const maxAge = directives.map((directive) => /^(?:s-maxage|max-age)\s*=\s*"?(\d{1,10})"?$/.exec(directive)).find(Boolean);
  return maxAge ? Number(maxAge[1]) * 1000 : null;
}

function parseJson(body: Buffer): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** Fetches one URL under `deadline` and reads the answer. */
export async function fetchAnswer(safeFetch: SafeFetch, url: string, accept: readonly string[], deadline: Deadline): Promise<Answer> {
  const remaining = Math.floor(deadline - performance.now());
  if (remaining <= 0) return { kind: 'failed', url, reason: `${hostOf(url)} was not asked: no time was left` };
  const result = await safeFetch(url, { accept, timeoutMs: remaining });
  if (!result.ok) return { kind: 'failed', url: result.url, reason: failureReason(result) };
  const host = hostOf(result.url);
  if (result.status === 404 || result.status === 410) {
    const parsed = result.contentType === 'text/html' ? { ok: false as const } : parseJson(result.body);
    return { kind: 'missing', url: result.url, status: result.status, json: parsed.ok ? parsed.json : undefined };
  }
  if (result.status < 200 || result.status > 299) return { kind: 'failed', url: result.url, reason: `${host} answered HTTP ${result.status}` };
  if (result.contentType === 'text/html') return { kind: 'html', url: result.url, requestedUrl: url, html: result.body.toString('utf8') };
  const parsed = parseJson(result.body);
  if (!parsed.ok) return { kind: 'failed', url: result.url, reason: `${host} answered with malformed JSON` };
  return { kind: 'json', url: result.url, requestedUrl: url, json: parsed.json, maxAgeMs: maxAgeOf(result.headers['cache-control']) };
}

/** How long linked documents (badge classes, issuers, revocation lists, DID documents, status lists) are reused. */
const DOCUMENT_LIFETIME_MS = 5 * 60_000;
/** Bytes of linked documents kept at most (roughly: the JSON text's length). */
const DOCUMENT_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * Linked documents that many badges share (one issuer's profile and revocation list for hundreds of
 * its badges): fetched once for concurrent verifications, kept a few minutes. Only JSON answers
 * are kept; failures are retried by the next verification.
 */
export class DocumentCache {
  readonly #entries = new Map<string, { answer: Answer; expires: number; chars: number }>();
  readonly #flights = new SingleFlight<Answer>();
  #chars = 0;

  constructor(private readonly safeFetch: SafeFetch) {}

  async fetch(url: string, accept: readonly string[], deadline: Deadline): Promise<Answer> {
    const entry = this.#entries.get(url);
    if (entry && entry.expires > Date.now()) return entry.answer;
    if (entry) this.#forget(url);
    return this.#flights.run(url, async () => {
      const answer = await fetchAnswer(this.safeFetch, url, accept, deadline);
      if (answer.kind === 'json') {
        const lifetime = Math.min(answer.maxAgeMs ?? DOCUMENT_LIFETIME_MS, DOCUMENT_LIFETIME_MS);
        if (lifetime > 0) this.#remember(url, answer, lifetime);
      }
      return answer;
    });
  }

  #remember(url: string, answer: Answer, lifetime: number): void {
    const chars = JSON.stringify(answer.kind === 'json' ? answer.json : null).length;
    if (chars > DOCUMENT_CACHE_CHARS / 4) return;
    this.#forget(url);
    while (this.#chars + chars > DOCUMENT_CACHE_CHARS && this.#entries.size > 0) this.#forget(this.#entries.keys().next().value!);
    this.#entries.set(url, { answer, expires: Date.now() + lifetime, chars });
    this.#chars += chars;
  }

  #forget(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    this.#entries.delete(url);
    this.#chars -= entry.chars;
  }
}
