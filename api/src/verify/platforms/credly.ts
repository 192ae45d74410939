// Credly (formerly Acclaim, youracclaim.com). A badge page is https://www.credly.com/badges/<uuid>
// (also /badges/<uuid>/public_url, /linked_in, …). Credly publishes every public badge as an Open
// Badges 2.0 hosted assertion at its public OBI endpoint,
// https://api.credly.com/v1/obi/v2/badge_assertions/<uuid>, whose `badge` is the BadgeClass URL
// (…/obi/v2/issuers/<issuer>/badge_classes/<template>) and the BadgeClass's `issuer` the issuer
// profile (…/obi/v2/issuers/<issuer>), all on api.credly.com. The recipient is a hashed email.
import type { PlatformAdapter } from './types';

const PAGE_HOSTS = new Set(['www.credly.com', 'credly.com', 'www.youracclaim.com', 'youracclaim.com']);
const API_HOST = 'api.credly.com';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const BADGE_PAGE = new RegExp(`^/badges/(${UUID})(?:/[A-Za-z_]*)?/?$`, 'i');
const OBI_ASSERTION = new RegExp(`^/v1/obi/v2/badge_assertions/(${UUID})/?$`, 'i');

export function credlyAssertionUrl(badgeId: string): string {
  return `https://${API_HOST}/v1/obi/v2/badge_assertions/${badgeId.toLowerCase()}`;
}

export const credly: PlatformAdapter = {
  platform: 'credly',
  sourceFor(url) {
    const host = url.hostname.toLowerCase();
    const match = PAGE_HOSTS.has(host) ? BADGE_PAGE.exec(url.pathname) : host === API_HOST ? OBI_ASSERTION.exec(url.pathname) : null;
    return match ? { platform: 'credly', fetchUrl: credlyAssertionUrl(match[1]), answer: 'json' } : null;
  },
  ownsHost: (hostname) => hostname === API_HOST || PAGE_HOSTS.has(hostname),
};
