/**
 * Reads badge URLs in every form a web page may show them (DESIGN.md §3): wrapped in LinkedIn's
 * redirect (once or more), with tracking queries and fragments, a trailing slash, http or https;
 * and recognises this server's own assertion URLs among them.
 */
import { MAX_BADGE_URL_LENGTH } from '../../../shared/schemas/verify';

export { MAX_BADGE_URL_LENGTH };

/** LinkedIn wraps outbound links once; a few more levels allow for double wrapping, never unbounded. */
const MAX_REDIRECT_DEPTH = 3;

/** Assertion ids are base64url strings of at least 96 random bits (16 characters); 64 leaves room for other generators. */
const ASSERTION_ID = /^[A-Za-z0-9_-]{16,64}$/;

const LINKEDIN_HOSTS = new Set(['www.linkedin.com', 'linkedin.com']);
/** Profile links go through /redir/redirect; links in posts and messages through the /safety/go interstitial. */
const LINKEDIN_REDIRECT_PATH = /^\/(redir\/redirect|safety\/go)\/?$/;

/** Query parameters that only track a click (LinkedIn, analytics, ad and mail tools): never part of a badge's address. */
const TRACKING_PARAMETER = /^(trk|trkinfo|trackingid|lipi|li_fat_id|utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid)$/i;

function parseHttpUrl(value: string): URL | null {
  if (value.length > MAX_BADGE_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** The `url` parameter of a LinkedIn redirect, decoded once by URLSearchParams and again if it was double-encoded. */
function linkedInRedirectTarget(url: URL): string | null {
  if (!LINKEDIN_HOSTS.has(url.hostname) || !LINKEDIN_REDIRECT_PATH.test(url.pathname)) return null;
  const target = url.searchParams.get('url');
  if (!target) return null;
  if (/^https?%3a/i.test(target)) {
    try {
      return decodeURIComponent(target);
    } catch {
      return null;
    }
  }
  return target;
}

/**
 * The http(s) URL a string points to once LinkedIn's redirect wrappers are taken off, or null for
 * anything else (other schemes, garbage, longer than MAX_BADGE_URL_LENGTH, wrapped too deep).
 */
export function unwrapBadgeUrl(input: string): URL | null {
  let candidate = input;
  for (let depth = 0; depth <= MAX_REDIRECT_DEPTH; depth++) {
    const url = parseHttpUrl(candidate);
    if (!url) return null;
    const target = linkedInRedirectTarget(url);
    if (target === null) return url;
    candidate = target;
  }
  return null;
}

/** The URL without its fragment and tracking parameters (other query parameters may be part of the address). */
export function withoutTracking(url: URL): URL {
  const clean = new URL(url.href);
  clean.hash = '';
  for (const name of [...clean.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) clean.searchParams.delete(name);
  return clean;
}

const parsedBases = new Map<string, URL | null>();

/** The server's public base URL, parsed once (a server has one). */
function parsedBase(publicUrl: string): URL | null {
  let base = parsedBases.get(publicUrl);
  if (base === undefined) {
    base = parseHttpUrl(publicUrl);
    if (parsedBases.size < 16) parsedBases.set(publicUrl, base);
  }
  return base;
}

/** Whether `url` is on the server whose public base is `publicUrl` (same host and port, http or https alike). */
export function isOnThisServer(url: URL, publicUrl: string): boolean {
  const base = parsedBase(publicUrl);
  // Ports are compared as URL normalises them: '' for the scheme's default, so http and https of the same host match.
  return base !== null && url.hostname === base.hostname && url.port === base.port;
}

/** The badge id in `url` when it is a page or JSON URL of the server at `publicUrl` under `/<folder>/`. */
function badgeIdUnder(folder: 'assertions' | 'credentials', url: URL, publicUrl: string): string | null {
  const base = parsedBase(publicUrl);
  if (!base || !isOnThisServer(url, publicUrl)) return null;
  if (url.username || url.password) return null;
  const prefix = `${base.pathname.replace(/\/+$/, '')}/${folder}/`;
  if (!url.pathname.startsWith(prefix)) return null;
  const rest = url.pathname.slice(prefix.length).replace(/\/$/, '');
  const id = rest.endsWith('.json') ? rest.slice(0, -'.json'.length) : rest;
  return ASSERTION_ID.test(id) ? id : null;
}

/** The assertion id in `url` when it is an assertion page or JSON URL of the server at `publicUrl`. */
export function assertionIdOnThisServer(url: URL, publicUrl: string): string | null {
  return badgeIdUnder('assertions', url, publicUrl);
}

/** The assertion id in `url` when it is the Open Badges 3.0 credential URL (or its `.json` download) of one of this server's badges. */
export function credentialIdOnThisServer(url: URL, publicUrl: string): string | null {
  return badgeIdUnder('credentials', url, publicUrl);
}

/**
 * The assertion id a URL points to on the server whose public base is `publicUrl`, or null when
 * the string is not one of its assertion URLs (other hosts, badge classes, images, garbage).
 */
export function assertionIdFromUrl(input: string, publicUrl: string): string | null {
  const url = unwrapBadgeUrl(input);
  return url ? assertionIdOnThisServer(url, publicUrl) : null;
}
