// Which links BadgeLens checks, as pure functions the content scripts and the background share.
// Only badge URLs ever leave the page: on LinkedIn, the links in a certification entry's "Show
// credential" position; on job sites, links that are badges by their address (this server's, or a
// platform's badge URL pattern, read with the API's own platform adapters). The background checks
// again that a URL may leave (mayCheck) before anything is fetched.
import { accredible } from '../../api/src/verify/platforms/accredible';
import { badgr } from '../../api/src/verify/platforms/badgr';
import { credly } from '../../api/src/verify/platforms/credly';
import { apiOrigin } from './settings';

/** This server's badge pages and JSON (Open Badges 2.0) and its signed credentials (Open Badges 3.0). */
const OWN_BADGE_PATH = /^\/(assertions|credentials)\/[A-Za-z0-9_-]+(\.json)?\/?$/;
/** An Open Badges 3.0 credential's usual address (BadgeLens servers and other issuers alike): /credentials/<id>. */
const CREDENTIAL_PATH = /\/credentials\/[A-Za-z0-9._~:-]+\/?$/;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The link's address when it is an http(s) URL (the only links a page may hand over), else null. */
export function httpUrl(href: string): URL | null {
  const url = parse(href);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

/**
 * Whether a badge URL may be sent to be checked: any https URL (another site's badge), or any
 * URL of the configured BadgeLens server (which may be plain http on this machine).
 */
export function mayCheck(url: string, apiBaseUrl: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.origin === apiOrigin(apiBaseUrl));
}

/** One of the configured server's badge URLs: /assertions/:id (and .json), /credentials/:id. */
export function isOwnBadgeUrl(url: string, badgeOrigin: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.origin === badgeOrigin && OWN_BADGE_PATH.test(parsed.pathname);
}

/** A badge on a platform BadgeLens reads (Credly, Canvas Credentials / Badgr, Accredible), by the API's patterns. */
export function isPlatformBadgeUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && [credly, badgr, accredible].some((platform) => platform.sourceFor(parsed) !== null);
}

/**
 * Whether a link looks like an Open Badges 3.0 credential the service worker may fetch and verify
 * itself (trustless mode): a /credentials/<id> address, on any https host or on the configured
 * server. Anything else goes to the API (docs/trustless.md).
 */
export function looksLikeCredential(url: string, apiBaseUrl: string): boolean {
  const parsed = parse(url);
  return parsed !== null && mayCheck(url, apiBaseUrl) && CREDENTIAL_PATH.test(parsed.pathname);
}
