/**
 * Recognises this server's assertion URLs in every form a web page may show them
 * (DESIGN.md §3): the badge page, its JSON URL, with tracking queries and fragments,
 * a trailing slash, http or https, and wrapped in LinkedIn's redirect.
 */

/** Longer strings are not badge URLs a page would show (the verify request caps urls at the same length). */
export const MAX_BADGE_URL_LENGTH = 2048;

/** LinkedIn wraps outbound links once; a few more levels allow for double wrapping, never unbounded. */
const MAX_REDIRECT_DEPTH = 3;

/** Assertion ids are base64url strings of at least 96 random bits (16 characters); 64 leaves room for other generators. */
const ASSERTION_ID = /^[A-Za-z0-9_-]{16,64}$/;

const LINKEDIN_HOSTS = new Set(['www.linkedin.com', 'linkedin.com']);
/** Profile links go through /redir/redirect; links in posts and messages through the /safety/go interstitial. */
const LINKEDIN_REDIRECT_PATH = /^\/(redir\/redirect|safety\/go)\/?$/;

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

/** The assertion id in `url` when it is an assertion page or JSON URL of the server at `publicUrl`. */
function assertionIdOnThisServer(url: URL, base: URL): string | null {
  // Ports are compared as URL normalises them: '' for the scheme's default, so http and https of the same host match.
  if (url.hostname !== base.hostname || url.port !== base.port) return null;
  if (url.username || url.password) return null;
  const prefix = `${base.pathname.replace(/\/+$/, '')}/assertions/`;
  if (!url.pathname.startsWith(prefix)) return null;
  const rest = url.pathname.slice(prefix.length).replace(/\/$/, '');
  const id = rest.endsWith('.json') ? rest.slice(0, -'.json'.length) : rest;
  return ASSERTION_ID.test(id) ? id : null;
}

/**
 * The assertion id a URL points to on the server whose public base is `publicUrl`, or null when
 * the string is not one of its assertion URLs (other hosts, badge classes, images, garbage).
 */
export function assertionIdFromUrl(input: string, publicUrl: string): string | null {
  const base = parseHttpUrl(publicUrl);
  if (!base) return null;
  let candidate = input;
  for (let depth = 0; depth <= MAX_REDIRECT_DEPTH; depth++) {
    const url = parseHttpUrl(candidate);
    if (!url) return null;
    const target = linkedInRedirectTarget(url);
    if (target === null) return assertionIdOnThisServer(url, base);
    candidate = target;
  }
  return null;
}
