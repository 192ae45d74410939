// Canvas Credentials (Badgr; now Parchment Digital Badges). Public assertions are Open Badges 2.0
// hosted documents at https://api.badgr.io/public/assertions/<entityId> (regional servers:
// api.eu.badgr.io, api.au.badgr.io, api.ca.badgr.io, api.sg.badgr.io; Parchment: api.badges.parchment.com
// and its .eu/.au/.ca/.sg twins), with the BadgeClass at …/public/badges/<id> and the issuer at
// …/public/issuers/<id> on the same host. People share the web app's form of the same address,
// https://badgr.com/public/assertions/<id> or https://<region>.badgr.com/public/assertions/<id>,
// which maps to the API host of its region. A recipient's name, when the issuer gave one, is in the
// assertion's `extensions:recipientProfile` (read by every hosted assertion, not only here).
import type { BadgeSource, PlatformAdapter } from './types';

const ENTITY_ID = /^\/public\/assertions\/([A-Za-z0-9_-]{8,64})(?:\.json)?\/?$/;
const REGION = '(?:us|eu|au|ca|sg)';
/** The web app: badgr.com, badgr.io, <region>.badgr.com. */
const APP_HOST = new RegExp(`^(?:www\\.)?(?:(${REGION})\\.)?badgr\\.(?:com|io)$`);
/** The API: api.badgr.io, api.<region>.badgr.io, api.badges.parchment.<tld>. */
const API_HOST = new RegExp(`^(?:api\\.(?:${REGION}\\.)?badgr\\.io|api\\.badges\\.parchment\\.(?:com|eu|au|ca|sg))$`);

function apiHostFor(hostname: string): string | null {
  if (API_HOST.test(hostname)) return hostname;
  const app = APP_HOST.exec(hostname);
  if (!app) return null;
  const region = app[1];
  return region && region !== 'us' ? `api.${region}.badgr.io` : 'api.badgr.io';
}

export const badgr: PlatformAdapter = {
  platform: 'badgr',
  sourceFor(url): BadgeSource | null {
    const apiHost = apiHostFor(url.hostname.toLowerCase());
    const match = apiHost ? ENTITY_ID.exec(url.pathname) : null;
    return match ? { platform: 'badgr', fetchUrl: `https://${apiHost}/public/assertions/${match[1]}`, answer: 'json' } : null;
  },
  ownsHost: (hostname) => API_HOST.test(hostname) || APP_HOST.test(hostname),
};
