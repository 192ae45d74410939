// Fetches an issuer-supplied https image server-side (to bake or rasterise it), defensively:
// https only, no private or loopback hosts, 5 s timeout, 2 MB cap, PNG/SVG only, cached in memory.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { BoundedCache } from './cache';
import { isPng } from './png';

export type ImageKind = 'png' | 'svg';

export interface ImageBytes {
  kind: ImageKind;
  bytes: Buffer;
}

export const REMOTE_IMAGE_TIMEOUT_MS = 5_000;
export const REMOTE_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface RemoteImageOptions {
  fetchFn?: typeof fetch;
  /** Resolves a host name to its addresses; replaced in tests so they never touch the network. */
  resolveHost?: (hostname: string) => Promise<string[]>;
  timeoutMs?: number;
  maxBytes?: number;
}

async function resolveWithDns(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

/** True for addresses a server must not be tricked into calling: loopback, private, link-local, unspecified. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
    );
  }
  if (version === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]);
    return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
  }
  return true;
}

async function isAllowedUrl(url: URL, resolveHost: (hostname: string) => Promise<string[]>): Promise<boolean> {
  if (url.protocol !== 'https:') return false;
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (hostname === 'localhost' || /\.(localhost|local|internal)$/.test(hostname)) return false;
  if (isIP(hostname)) return !isPrivateAddress(hostname);
  const addresses = await resolveHost(hostname);
  return addresses.length > 0 && addresses.every((address) => !isPrivateAddress(address));
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!response.body) return null;
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** Recognises PNG or SVG bytes; the declared content type must agree with the content. */
export function sniffImage(contentType: string | null, bytes: Buffer): ImageBytes | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'image/png' && isPng(bytes)) return { kind: 'png', bytes };
  if (type === 'image/svg+xml' && /<svg[\s>]/.test(bytes.subarray(0, 4096).toString('utf8'))) return { kind: 'svg', bytes };
  return null;
}

/** The image at an https URL, or null when it cannot be fetched safely (any failure is a null, never a throw). */
export async function fetchRemoteImage(url: string, options: RemoteImageOptions = {}): Promise<ImageBytes | null> {
  const fetchFn = options.fetchFn ?? fetch;
  const resolveHost = options.resolveHost ?? resolveWithDns;
  const signal = AbortSignal.timeout(options.timeoutMs ?? REMOTE_IMAGE_TIMEOUT_MS);
  try {
    let target = new URL(url);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!(await isAllowedUrl(target, resolveHost))) return null;
      const response = await fetchFn(target, { redirect: 'manual', signal, headers: { Accept: 'image/png, image/svg+xml' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        target = new URL(location, target);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return null;
      }
      const bytes = await readCapped(response, options.maxBytes ?? REMOTE_IMAGE_MAX_BYTES);
      return bytes ? sniffImage(response.headers.get('content-type'), bytes) : null;
    }
    return null;
  } catch {
    return null;
  }
}

const SUCCESS_TTL_MS = 60 * 60 * 1000;
const FAILURE_TTL_MS = 5 * 60 * 1000;
const remoteImages = new BoundedCache<Promise<ImageBytes | null>>(100, SUCCESS_TTL_MS);

/** fetchRemoteImage through an in-memory cache (failures are remembered for a few minutes only). */
export function cachedRemoteImage(url: string, options: RemoteImageOptions = {}): Promise<ImageBytes | null> {
  const cached = remoteImages.get(url);
  if (cached) return cached;
  const pending = fetchRemoteImage(url, options);
  remoteImages.set(url, pending);
  void pending.then((image) => {
    if (!image && remoteImages.get(url) === pending) remoteImages.set(url, pending, FAILURE_TTL_MS);
  });
  return pending;
}
