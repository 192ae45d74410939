import { describe, expect, it } from 'vitest';
import { assertionIdFromUrl, MAX_BADGE_URL_LENGTH } from '../src/verify/badgeUrl';

const BASE = 'https://badges.test';
const ID = 'Ab3_xY-9Qw2ErTyUiOpAsd';
const page = `${BASE}/assertions/${ID}`;

const linkedInRedirect = (target: string, host = 'www.linkedin.com') =>
  `https://${host}/redir/redirect?url=${encodeURIComponent(target)}&urlhash=x1Yz&trk=public_profile_certification-title`;

describe('assertionIdFromUrl: recognised forms', () => {
  const cases: [string, string][] = [
    ['page URL', page],
    ['JSON URL', `${page}.json`],
    ['trailing slash', `${page}/`],
    ['JSON URL with trailing slash', `${page}.json/`],
    ['LinkedIn tracking query', `${page}?trk=public_profile_certification-title`],
    ['utm query', `${page}?utm_source=linkedin&utm_medium=social&utm_campaign=badge`],
    ['any query and a fragment', `${page}/?a=1&b=two#top`],
    ['fragment only', `${page}#verify`],
    ['http of the https host', `http://badges.test/assertions/${ID}`],
    ['host in upper case', `https://BADGES.Test/assertions/${ID}`],
    ['explicit default https port', `https://badges.test:443/assertions/${ID}`],
    ['explicit default http port', `http://badges.test:80/assertions/${ID}`],
    ['surrounding whitespace', `  ${page}\n`],
    ['LinkedIn redirect', linkedInRedirect(page)],
    ['LinkedIn redirect without www', linkedInRedirect(page, 'linkedin.com')],
    ['LinkedIn redirect, host in upper case', linkedInRedirect(page, 'WWW.LinkedIn.com')],
    ['LinkedIn redirect of a URL with a query', linkedInRedirect(`${page}?trk=abc&utm_source=x`)],
    ['LinkedIn redirect, double-encoded', `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(encodeURIComponent(page))}`],
    ['LinkedIn redirect with a trailing slash', `https://www.linkedin.com/redir/redirect/?url=${encodeURIComponent(page)}`],
    ['LinkedIn safety interstitial', `https://www.linkedin.com/safety/go?url=${encodeURIComponent(page)}&trk=flagship-messaging-web`],
    ['LinkedIn redirect wrapped in a LinkedIn redirect', linkedInRedirect(linkedInRedirect(`${page}.json`))],
  ];
  it.each(cases)('%s', (_name, url) => {
    expect(assertionIdFromUrl(url, BASE)).toBe(ID);
  });
});

describe('assertionIdFromUrl: public URLs with a port or a path prefix', () => {
  const cases: [string, string, string | null][] = [
    ['http://localhost:8787', `http://localhost:8787/assertions/${ID}`, ID],
    ['http://localhost:8787', `http://LOCALHOST:8787/assertions/${ID}.json?x=1`, ID],
    ['http://localhost:8787', `http://localhost/assertions/${ID}`, null],
    ['http://localhost:8787', `http://localhost:8788/assertions/${ID}`, null],
    ['https://example.org/badgelens', `https://example.org/badgelens/assertions/${ID}`, ID],
    ['https://example.org/badgelens', `http://example.org/badgelens/assertions/${ID}/?trk=1`, ID],
    ['https://example.org/badgelens', `https://example.org/assertions/${ID}`, null],
    ['https://example.org/badgelens', `https://example.org/other/assertions/${ID}`, null],
    ['https://example.org/badgelens/', `https://example.org/badgelens/assertions/${ID}`, ID],
  ];
  it.each(cases)('base %s, url %s', (base, url, expected) => {
    expect(assertionIdFromUrl(url, base)).toBe(expected);
  });
});

describe('assertionIdFromUrl: not badge URLs of this server', () => {
  const tooDeep = [1, 2, 3, 4].reduce((url) => linkedInRedirect(url), page);
  const cases: [string, string][] = [
    ['image URL', `${page}/image`],
    ['baked PNG', `${page}/baked.png`],
    ['baked SVG', `${page}/baked.svg`],
    ['Open Graph image', `${page}/og.png`],
    ['badge class URL', `${BASE}/badges/${ID}`],
    ['issuer URL', `${BASE}/issuers/${ID}`],
    ['assertions list', `${BASE}/assertions/`],
    ['home page', `${BASE}/`],
    ['other host', `https://evil.test/assertions/${ID}`],
    ['subdomain of the host', `https://www.badges.test/assertions/${ID}`],
    ['host as a suffix', `https://notbadges.test/assertions/${ID}`],
    ['host as user info', `https://badges.test@evil.test/assertions/${ID}`],
    ['user info on the right host', `https://someone@badges.test/assertions/${ID}`],
    ['other port', `https://badges.test:8443/assertions/${ID}`],
    ['id too short', `${BASE}/assertions/abc`],
    ['id with a dot', `${BASE}/assertions/${ID}.html`],
    ['id with encoded characters', `${BASE}/assertions/${ID}%2Fimage`],
    ['path in upper case', `${BASE}/ASSERTIONS/${ID}`],
    ['javascript: URL', `javascript:alert('${page}')`],
    ['data: URL', `data:text/html,${page}`],
    ['ftp URL', `ftp://badges.test/assertions/${ID}`],
    ['relative URL', `/assertions/${ID}`],
    ['garbage', 'not a url at all'],
    ['empty string', ''],
    ['overlong', `${page}?pad=${'x'.repeat(MAX_BADGE_URL_LENGTH)}`],
    ['LinkedIn redirect to another host', linkedInRedirect(`https://evil.test/assertions/${ID}`)],
    ['LinkedIn redirect without url', 'https://www.linkedin.com/redir/redirect?urlhash=abc'],
    ['LinkedIn redirect to garbage', 'https://www.linkedin.com/redir/redirect?url=%E0%A4%A'],
    ['LinkedIn redirect to javascript:', linkedInRedirect(`javascript:location='${page}'`)],
    ['other LinkedIn path with a url parameter', `https://www.linkedin.com/redir/other?url=${encodeURIComponent(page)}`],
    ['LinkedIn page that is not the redirect', `https://www.linkedin.com/in/someone?url=${encodeURIComponent(page)}`],
    ['look-alike of the LinkedIn redirect', `https://linkedin.com.evil.test/redir/redirect?url=${encodeURIComponent(page)}`],
    ['redirects nested too deep', tooDeep],
  ];
  it.each(cases)('%s', (_name, url) => {
    expect(assertionIdFromUrl(url, BASE)).toBeNull();
  });

  it('still accepts the same nesting one level shallower', () => {
    const deepestAllowed = [1, 2, 3].reduce((url) => linkedInRedirect(url), page);
    expect(assertionIdFromUrl(deepestAllowed, BASE)).toBe(ID);
  });
});
