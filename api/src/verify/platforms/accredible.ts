// Accredible. A credential page is https://www.credential.net/<id> (also <issuer>.credential.net,
// and issuers' own domains such as credentials.example.com). Accredible documents no public JSON
// endpoint for a credential, so the page is read like any badge page: its Open Badges JSON is what
// it links with <link rel="alternate"> (./htmlPage.ts), verified as hosted (OB 2.0) or signed
// (OB 3.0) like any other. JSON served from Accredible's own hosts (credential.net, accredible.com)
// is labelled Accredible even when a custom domain's page linked it.
import type { PlatformAdapter } from './types';

const CREDENTIAL_PAGE = /^\/[A-Za-z0-9_-]{4,64}\/?$/;

function isAccredibleHost(hostname: string): boolean {
  return /(^|\.)credential\.net$/.test(hostname) || /(^|\.)accredible\.com$/.test(hostname);
}

export const accredible: PlatformAdapter = {
  platform: 'accredible',
  sourceFor(url) {
    if (!/(^|\.)credential\.net$/.test(url.hostname.toLowerCase()) || !CREDENTIAL_PAGE.test(url.pathname)) return null;
    return { platform: 'accredible', fetchUrl: `https://${url.hostname.toLowerCase()}${url.pathname}`, answer: 'page' };
  },
  ownsHost: isAccredibleHost,
};
