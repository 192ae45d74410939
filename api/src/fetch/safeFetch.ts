// The one way the API fetches anything from another server (badge images, foreign badges, DID
// documents): https only, public addresses only (checked on every hop and pinned for the
// connection, so DNS rebinding cannot slip in between check and connect), at most 3 redirects,
// 5 s for everything, 1 MB, the content types the caller accepts, 4 requests per host at a time.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { addressProblem, ipLiteral } from './addresses';
import { HostLimiter } from './hostLimiter';
import type { TestHosts, TestHostTarget } from './testHosts';

export type FetchFailureReason =
  | 'blocked'
  | 'not_https'
  | 'timeout'
  | 'too_large'
  | 'bad_content_type'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'network'
  | 'bad_url';

/** An answer: any status that is not a redirect (so callers can tell 404/410 from 5xx). */
export interface FetchSuccess {
  ok: true;
  /** The URL finally fetched, after redirects. */
  url: string;
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  /** The media type, lower case and without parameters ('' when absent). */
  contentType: string;
  body: Buffer;
}

export interface FetchFailure {
  ok: false;
  reason: FetchFailureReason;
  message: string;
  /** The URL being fetched when it failed (after any redirects followed). */
  url: string;
}

export type FetchResult = FetchSuccess | FetchFailure;

export interface FetchRequest {
  /** Media types accepted in a 2xx answer, lower case without parameters (e.g. 'application/ld+json'). */
  accept: readonly string[];
  /** At most this many bytes of body (after decompression); defaults to the fetcher's limit. */
  maxBytes?: number;
  /** The time for the whole request, redirects included; never more than the fetcher's limit. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export type SafeFetch = (url: string, request: FetchRequest) => Promise<FetchResult>;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the default is dns.lookup with all: true). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchConfig {
  resolve?: Resolver;
  testHosts?: TestHosts;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  userAgent?: string;
}

export const FETCH_LIMITS = {
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 3,
  perHostConcurrency: 4,
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'BadgeLens/0.1 (Open Badges verifier)';

class FetchError extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
  ) {
    super(message);
  }
}

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));

/** Where one hop goes: a configured loopback stand-in, or the checked addresses of a public host. */
type Route = { kind: 'test'; url: URL; target: TestHostTarget } | { kind: 'public'; url: URL; hostname: string; addresses: ResolvedAddress[] };

type Answer =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'final'; status: number; headers: Record<string, string>; contentType: string; body: Buffer };

function parseUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new FetchError('bad_url', `"${value}" is not a valid URL`);
  }
  url.hash = '';
  return url;
}

/** Settles with the promise, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function routeOf(url: URL, testHosts: TestHosts, resolve: Resolver, signal: AbortSignal): Promise<Route> {
  const target = testHosts.get(url.hostname);
  if (target && (url.protocol === 'http:' || url.protocol === 'https:')) return { kind: 'test', url, target };
  if (url.protocol !== 'https:') throw new FetchError('not_https', `Only https URLs are fetched, not ${url.protocol} (${url.href})`);
  if (url.username || url.password) throw new FetchError('bad_url', 'URLs with a user name or password are not fetched');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipLiteral(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await untilAborted(resolve(hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FetchError('network', `Could not resolve ${hostname}`);
    }
    if (addresses.length === 0) throw new FetchError('network', `${hostname} has no address`);
  }
  for (const { address } of addresses) {
    const problem = addressProblem(address);
    if (problem) throw new FetchError('blocked', literal ? `${url.host} is not a public address: ${problem}` : `${hostname} resolves to a non-public address: ${problem}`);
  }
  return { kind: 'public', url, hostname, addresses };
}

/** A lookup that answers only with the addresses already checked, so the socket connects to nothing else. */
export function pinnedLookup(hostname: string, addresses: ResolvedAddress[]): LookupFunction {
  return (name, options, callback) => {
    if (name !== hostname) {
      callback(Object.assign(new Error(`unexpected lookup of ${name}`), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return response;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) throw new FetchError('network', `Unsupported content encoding "${encoding}"`);
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

interface HopLimits {
  accept: readonly string[];
  maxBytes: number;
  headers: Record<string, string>;
}

/** One request, no redirect following: a redirect comes back as such, anything else with its body read under the limits. */
function requestOnce(route: Route, limits: HopLimits, signal: AbortSignal): Promise<Answer> {
  const { url } = route;
  return new Promise<Answer>((resolve, reject) => {
    const common = { method: 'GET', path: `${url.pathname}${url.search}`, agent: false as const, signal };
    const request =
      route.kind === 'test'
        ? http.request({ ...common, host: route.target.address, port: route.target.port, headers: { ...limits.headers, host: url.host } })
        : https.request({
            ...common,
            hostname: route.hostname,
            port: url.port ? Number(url.port) : 443,
            headers: limits.headers,
            lookup: pinnedLookup(route.hostname, route.addresses),
          });
    const fail = (error: unknown) => {
      request.destroy();
      reject(error);
    };
    request.on('error', (error) => reject(signal.aborted ? signal.reason : new FetchError('network', `${url.host}: ${error.message}`)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        resolve({ kind: 'redirect', status, location });
        return;
      }
      const contentType = mediaTypeOf(response.headers['content-type']);
      if (status >= 200 && status < 300 && !limits.accept.includes(contentType)) {
        return fail(new FetchError('bad_content_type', `${url.href} answered ${contentType || 'without a content type'}, not ${limits.accept.join(' or ')}`));
      }
      const tooLarge = () => new FetchError('too_large', `${url.href} answered more than ${limits.maxBytes} bytes`);
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) return fail(tooLarge());
      let body: Readable;
      try {
        body = decoded(response);
      } catch (error) {
        return fail(error);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      body.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxBytes) {
          body.destroy();
          fail(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (error) => fail(signal.aborted ? signal.reason : new FetchError('network', `${url.host}: ${error.message}`)));
      body.on('end', () => resolve({ kind: 'final', status, headers: flatHeaders(response.headers), contentType, body: Buffer.concat(chunks) }));
    });
    request.end();
  });
}

/** A fetcher with its own limits, resolver and per-host queue (one per app). */
export function createSafeFetch(config: SafeFetchConfig = {}): SafeFetch {
  const resolve = config.resolve ?? systemResolver;
  const testHosts: TestHosts = config.testHosts ?? new Map();
  const timeoutLimit = config.timeoutMs ?? FETCH_LIMITS.timeoutMs;
  const maxRedirects = config.maxRedirects ?? FETCH_LIMITS.maxRedirects;
  const limiter = new HostLimiter(config.perHostConcurrency ?? FETCH_LIMITS.perHostConcurrency);
  const userAgent = config.userAgent ?? USER_AGENT;

  return async (rawUrl, request) => {
    const timeoutMs = Math.min(request.timeoutMs ?? timeoutLimit, timeoutLimit);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new FetchError('timeout', `No complete answer within ${timeoutMs} ms`)), timeoutMs);
    const limits: HopLimits = {
      accept: request.accept,
      maxBytes: request.maxBytes ?? config.maxBytes ?? FETCH_LIMITS.maxBytes,
      headers: { 'user-agent': userAgent, accept: request.accept.join(', '), 'accept-encoding': 'gzip, deflate, br', ...request.headers },
    };
    let current = rawUrl;
    try {
      let url = parseUrl(rawUrl);
      current = url.href;
      const visited = new Set([url.href]);
      for (let redirects = 0; ; redirects++) {
        const route = await routeOf(url, testHosts, resolve, controller.signal);
        const answer = await limiter.run(url.hostname, controller.signal, () => requestOnce(route, limits, controller.signal));
        if (answer.kind === 'final') {
          const { status, headers, contentType, body } = answer;
          return { ok: true, url: url.href, status, headers, contentType, body };
        }
        if (redirects >= maxRedirects) throw new FetchError('too_many_redirects', `More than ${maxRedirects} redirects from ${rawUrl}`);
        url = parseUrl(answer.location, url);
        current = url.href;
        if (visited.has(url.href)) throw new FetchError('redirect_loop', `Redirect loop back to ${url.href}`);
        visited.add(url.href);
      }
    } catch (error) {
      if (error instanceof FetchError) return { ok: false, reason: error.reason, message: error.message, url: current };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
