// The pure parts of foreign verification: reading badge URLs, the platform adapters, links in
// badge pages, and how long results are kept.
import { describe, expect, it } from 'vitest';
import { unwrapBadgeUrl, withoutTracking } from '../src/verify/badgeUrl';
import { maxAgeOf } from '../src/verify/fetching';
import { badgeSourceFor, linkedBadgeDocument, platformOfUrl } from '../src/verify/platforms';
import { expiryOf, FAILURE_LIFETIME_MS, RESULT_LIFETIME_MS } from '../src/verify/resultCache';

const UUID = '3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const source = (url: string) => badgeSourceFor(new URL(url));

describe('badge URLs from pages', () => {
  it('takes off LinkedIn wrappers and keeps the target as given', () => {
    const target = `https://www.credly.com/badges/${UUID}?trk=x`;
    expect(unwrapBadgeUrl(`https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(target)}&urlhash=1`)?.href).toBe(target);
    expect(unwrapBadgeUrl(`https://www.linkedin.com/safety/go?url=${encodeURIComponent(encodeURIComponent(target))}`)?.href).toBe(target);
    expect(unwrapBadgeUrl('ftp://example.test/badge')).toBeNull();
    expect(unwrapBadgeUrl(`https://example.test/${'a'.repeat(2100)}`)).toBeNull();
  });

  it('removes tracking parameters and the fragment, and keeps the rest of the query', () => {
    const url = new URL('https://issuer.test/badge?id=7&trk=public_profile&utm_source=linkedin&utm_campaign=x&fbclid=1&gclid=2&trkInfo=a&lipi=b#top');
    expect(withoutTracking(url).href).toBe('https://issuer.test/badge?id=7');
    expect(withoutTracking(new URL('https://issuer.test/a?ref=cv')).href).toBe('https://issuer.test/a?ref=cv');
  });
});

describe('platform adapters', () => {
  const credlyApi = `https://api.credly.com/v1/obi/v2/badge_assertions/${UUID}`;
  it.each([
    [`https://www.credly.com/badges/${UUID}`, credlyApi],
    [`https://credly.com/badges/${UUID}/public_url`, credlyApi],
    [`http://www.youracclaim.com/badges/${UUID.toUpperCase()}/linked_in_profile`, credlyApi],
    [credlyApi, credlyApi],
  ])('Credly: %s → the OBI endpoint', (url, fetchUrl) => {
    expect(source(url)).toEqual({ platform: 'credly', fetchUrl, answer: 'json' });
  });

  it.each([
    ['https://badgr.com/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I', 'https://api.badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['https://badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I/', 'https://api.badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['https://au.badgr.com/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I?identity__email=a', 'https://api.au.badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['https://api.ca.badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I.json', 'https://api.ca.badgr.io/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['https://api.badges.parchment.eu/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I', 'https://api.badges.parchment.eu/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
  ])('Badgr: %s → %s', (url, fetchUrl) => {
    expect(source(url)).toEqual({ platform: 'badgr', fetchUrl, answer: 'json' });
  });

  it('Accredible: credential pages are read as pages', () => {
    expect(source('https://www.credential.net/10203040?key=1&trk=x')).toEqual({ platform: 'accredible', fetchUrl: 'https://www.credential.net/10203040', answer: 'page' });
    expect(source('https://acme.credential.net/4b1c2d3e-5f60-4718-9a2b-3c4d5e6f7a8b')).toMatchObject({ platform: 'accredible', answer: 'page' });
  });

  it.each([
    ['other Credly pages', `https://www.credly.com/users/rosa`],
    ['a Credly id that is no UUID', 'https://www.credly.com/badges/12345'],
    ['a look-alike Credly host', `https://www.credly.com.evil.test/badges/${UUID}`],
    ['other Badgr paths', 'https://badgr.com/public/badges/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['a look-alike Badgr host', 'https://api.badgr.io.evil.test/public/assertions/Aq1Ws2Ed3Rf4Tg5Yh6Uj7I'],
    ['a deep Accredible path', 'https://www.credential.net/profile/rosa/wallet'],
  ])('%s fall back to fetching the URL itself', (_name, url) => {
    expect(source(url)).toMatchObject({ platform: null, answer: 'page' });
  });

  it('name the platform of the host a document came from', () => {
    expect(platformOfUrl(credlyApi)).toBe('credly');
    expect(platformOfUrl('https://api.eu.badgr.io/public/assertions/x')).toBe('badgr');
    expect(platformOfUrl('https://api.accredible.com/v1/credentials/1')).toBe('accredible');
    expect(platformOfUrl('https://badges.guild.test/assertions/1')).toBe('openbadges');
    expect(platformOfUrl('https://notcredly.com/x')).toBe('openbadges');
  });
});

describe('links in badge pages', () => {
  const page = 'https://issuer.test/people/rosa/badge';
  it.each([
    ['double quotes', '<link rel="alternate" type="application/ld+json" href="https://issuer.test/a/1">', 'https://issuer.test/a/1'],
    ['single quotes, attributes in any order', "<LINK HREF='/a/2' TYPE='application/json' REL='alternate'>", 'https://issuer.test/a/2'],
    ['unquoted, self-closing, with a charset', '<link rel=alternate type="application/ld+json; charset=utf-8" href=/a/3 />', 'https://issuer.test/a/3'],
    ['entities in the href', '<link rel="alternate" type="application/vc" href="/a?x=1&amp;y=2">', 'https://issuer.test/a?x=1&y=2'],
    ['several rel tokens', '<link rel="nofollow alternate" type="application/ld+json" href="/a/4">', 'https://issuer.test/a/4'],
    ['the best type first', '<link rel="alternate" type="application/json" href="/plain"><link rel="alternate" type="application/ld+json" href="/ld">', 'https://issuer.test/ld'],
  ])('reads %s', (_name, html, expected) => {
    expect(linkedBadgeDocument(`<html><head>${html}</head></html>`, page)).toBe(expected);
  });

  it.each([
    ['no link', '<html><head><title>x</title></head></html>'],
    ['a feed', '<link rel="alternate" type="application/rss+xml" href="/feed">'],
    ['a stylesheet of the right type', '<link rel="stylesheet" type="application/json" href="/x.json">'],
    ['a javascript: href', '<link rel="alternate" type="application/ld+json" href="javascript:alert(1)">'],
    ['a data: href', '<link rel="alternate" type="application/ld+json" href="data:application/json,{}">'],
    ['an empty href', '<link rel="alternate" type="application/ld+json" href="">'],
  ])('finds nothing in %s', (_name, html) => {
    expect(linkedBadgeDocument(html, page)).toBeNull();
  });

  it('reads tags split by unclosed ones, and hostile markup without end (linear scan)', () => {
    expect(linkedBadgeDocument('<link rel="alternate" <link rel="alternate" type="application/json" href="/end">', page)).toBe('https://issuer.test/end');
    expect(linkedBadgeDocument('<link'.repeat(200_000), page)).toBeNull();
    expect(linkedBadgeDocument('<linkage rel="alternate" type="application/json" href="/no">', page)).toBeNull();
  });
});

describe('how long results are kept', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const at = (ms: number | null) => (ms === null ? null : new Date(now.getTime() + ms));

  it('reads max-age and s-maxage, and no-store, no-cache and private as nothing', () => {
    expect(maxAgeOf(undefined)).toBeNull();
    expect(maxAgeOf('public')).toBeNull();
    expect(maxAgeOf('public, max-age=300')).toBe(300_000);
    expect(maxAgeOf('s-maxage=60, max-age=300')).toBe(60_000);
    expect(maxAgeOf('max-age=300, no-store')).toBe(0);
    expect(maxAgeOf('no-cache')).toBe(0);
    expect(maxAgeOf('private, max-age=600')).toBe(0);
  });

  it('keeps settled results an hour at most, failures a minute', () => {
    expect(expiryOf({ status: 'valid', checkedAt: '' }, null, now)).toEqual(at(RESULT_LIFETIME_MS));
    expect(expiryOf({ status: 'revoked', checkedAt: '' }, 10 * 3600_000, now)).toEqual(at(RESULT_LIFETIME_MS));
    expect(expiryOf({ status: 'expired', checkedAt: '' }, 120_000, now)).toEqual(at(120_000));
    expect(expiryOf({ status: 'valid', checkedAt: '' }, 0, now)).toBeNull();
    for (const status of ['unverifiable', 'invalid', 'not_found', 'unsupported'] as const) {
      expect(expiryOf({ status, checkedAt: '' }, 3600_000, now)).toEqual(at(FAILURE_LIFETIME_MS));
    }
  });
});
