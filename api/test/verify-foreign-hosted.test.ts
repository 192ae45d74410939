// POST /api/v1/verify for badges of other platforms, Open Badges 2.0 hosted: every platform's URL
// forms, and every way a hosted badge can fail, each with its status. The foreign hosts are one
// loopback server (FETCH_TEST_HOSTS style); nothing leaves the machine.
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../shared/schemas/verify';
import { postVerifyUrls } from './helpers';
import { badgePage, badgrBadge, credlyBadge, hostedBadge, ISSUED } from './verify-fixture-badges';
import { fixtureWebPerTest, foreignApp } from './verify-fixture-web';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const CREDLY_ID = '3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const GUILD = 'https://badges.guild.test';

const web = fixtureWebPerTest();

async function verify(urls: string[], options: Parameters<typeof foreignApp>[1] = {}): Promise<VerifyResult[]> {
  return postVerifyUrls((await foreignApp(web(), { now: () => NOW, ...options })).app, urls);
}

async function verifyOne(url: string, options: Parameters<typeof foreignApp>[1] = {}): Promise<VerifyResult> {
  const [result] = await verify([url], options);
  expect(result.url).toBe(url);
  return result;
}

/** A guild badge with the given id on badges.guild.test (assertion, badge class and issuer there). */
function guildBadge(id: string, options: Partial<Parameters<typeof hostedBadge>[1]> = {}) {
  return hostedBadge(web(), {
    assertionUrl: `${GUILD}/assertions/${id}`,
    badgeUrl: `${GUILD}/badges/pipe-2`,
    issuerUrl: `${GUILD}/issuers/guild`,
    ...options,
  });
}

describe('Credly', () => {
  const forms: [string, string][] = [
    ['badge page', `https://www.credly.com/badges/${CREDLY_ID}`],
    ['badge page, public_url form', `https://www.credly.com/badges/${CREDLY_ID}/public_url`],
    ['badge page with LinkedIn tracking', `https://www.credly.com/badges/${CREDLY_ID}?trk=public_profile_certification-title`],
    ['old Acclaim page', `https://www.youracclaim.com/badges/${CREDLY_ID}`],
    ['upper-case id over http', `http://credly.com/badges/${CREDLY_ID.toUpperCase()}`],
    ['LinkedIn redirect', `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(`https://www.credly.com/badges/${CREDLY_ID}/linked_in_profile`)}&urlhash=Ab1`],
    ['the OBI endpoint itself', `https://api.credly.com/v1/obi/v2/badge_assertions/${CREDLY_ID}`],
  ];
  it.each(forms)('verifies the %s through the public OBI endpoint', async (_name, url) => {
    credlyBadge(web(), CREDLY_ID);
    const result = await verifyOne(url);
    expect(result.status).toBe('valid');
    expect(result.source).toEqual({ platform: 'credly', format: 'ob2-hosted', checkedUrl: `https://api.credly.com/v1/obi/v2/badge_assertions/${CREDLY_ID}` });
    expect(result.badge).toMatchObject({
      assertionId: `https://api.credly.com/v1/obi/v2/badge_assertions/${CREDLY_ID}`,
      name: 'Cloud Operations Associate',
      category: null,
      imageUrl: `https://images.credly.com/images/${CREDLY_ID}/image.png`,
      issuer: { name: 'Northwind Cloud Academy', url: 'https://guild.example/', domain: 'api.credly.com' },
      recipientName: null,
      issuedOn: ISSUED,
      expires: null,
      revocationReason: null,
    });
    // Only the OBI documents were asked for, never the web() page.
    expect(web().requests.every((request) => request.startsWith('api.credly.com /v1/obi/v2/'))).toBe(true);
  });

  it('says expired once the assertion has expired', async () => {
    credlyBadge(web(), CREDLY_ID, { expires: '2026-01-01T00:00:00.000Z' });
    const result = await verifyOne(`https://www.credly.com/badges/${CREDLY_ID}`);
    expect(result.status).toBe('expired');
    expect(result.badge?.expires).toBe('2026-01-01T00:00:00.000Z');
  });

  it('answers not_found for a badge Credly does not know, without guessing', async () => {
    const result = await verifyOne(`https://www.credly.com/badges/${CREDLY_ID}`, { extraHosts: ['api.credly.com'] });
    expect(result).toMatchObject({ status: 'not_found', source: { platform: 'credly' } });
    expect(result.badge).toBeUndefined();
  });

  it('leaves other Credly pages alone (not a badge): fetched as a page, unsupported', async () => {
    web().text('https://www.credly.com/users/rosa-example', '<html><head><title>Rosa</title></head></html>');
    expect((await verifyOne('https://www.credly.com/users/rosa-example')).status).toBe('unsupported');
  });
});

describe('Canvas Credentials (Badgr)', () => {
  const ID = 'Aq1Ws2Ed3Rf4Tg5Yh6Uj7I';
  const forms: [string, string, string][] = [
    ['API URL', `https://api.badgr.io/public/assertions/${ID}`, 'api.badgr.io'],
    ['web app URL', `https://badgr.com/public/assertions/${ID}`, 'api.badgr.io'],
    ['EU web() app URL with a query', `https://eu.badgr.com/public/assertions/${ID}?identity__email=x&utm_source=linkedin`, 'api.eu.badgr.io'],
    ['EU API URL, .json', `https://api.eu.badgr.io/public/assertions/${ID}.json`, 'api.eu.badgr.io'],
    ['Parchment API URL', `https://api.badges.parchment.com/public/assertions/${ID}`, 'api.badges.parchment.com'],
  ];
  it.each(forms)('verifies the %s on its region', async (_name, url, host) => {
    badgrBadge(web(), host, ID);
    const result = await verifyOne(url);
    expect(result.status).toBe('valid');
    expect(result.source).toEqual({ platform: 'badgr', format: 'ob2-hosted', checkedUrl: `https://${host}/public/assertions/${ID}` });
    expect(result.badge).toMatchObject({ name: 'Lab Safety Essentials', recipientName: 'Rosa Example', issuer: { name: 'Fjord Community College', domain: host } });
  });
});

describe('Accredible and other badge pages', () => {
  it('reads an Accredible credential page through the JSON it links', async () => {
    const json = 'https://api.accredible.com/v1/credentials/10203040/open_badge';
    hostedBadge(web(), { assertionUrl: json, badgeUrl: 'https://api.accredible.com/v1/badge_classes/55', issuerUrl: 'https://api.accredible.com/v1/issuers/9', issuerName: 'Harbour Training Ltd' });
    badgePage(web(), 'https://www.credential.net/10203040', json);
    const result = await verifyOne('https://www.credential.net/10203040?key=abc&trk=x');
    expect(result.status).toBe('valid');
    expect(result.source).toEqual({ platform: 'accredible', format: 'ob2-hosted', checkedUrl: json });
    expect(result.badge?.issuer).toMatchObject({ name: 'Harbour Training Ltd', domain: 'api.accredible.com' });
    expect(result.badge?.pageUrl).toBe('https://www.credential.net/10203040?key=abc');
  });

  it("names Accredible for a custom domain's page whose JSON lives on Accredible", async () => {
    const json = 'https://api.accredible.com/v1/credentials/777/open_badge';
    hostedBadge(web(), { assertionUrl: json, badgeUrl: 'https://api.accredible.com/v1/badge_classes/56', issuerUrl: 'https://api.accredible.com/v1/issuers/10' });
    badgePage(web(), 'https://credentials.harbour.test/777', json);
    expect((await verifyOne('https://credentials.harbour.test/777')).source).toMatchObject({ platform: 'accredible', checkedUrl: json });
  });

  it('follows an issue page that links its assertion (any host), and a relative link', async () => {
    const badge = guildBadge('p1');
    badgePage(web(), `${GUILD}/people/rosa/badges/1`, '/assertions/p1', 'application/json');
    const result = await verifyOne(`${GUILD}/people/rosa/badges/1`);
    expect(result).toMatchObject({ status: 'valid', source: { platform: 'openbadges', format: 'ob2-hosted', checkedUrl: badge.assertionUrl } });
    expect(result.badge).toMatchObject({ pageUrl: `${GUILD}/people/rosa/badges/1`, name: 'Pipe Welding Level 2', issuer: { domain: 'badges.guild.test', imageUrl: `${GUILD}/logo.png` } });
  });

  it('answers unsupported for a page that links no badge, and for JSON that is not a badge', async () => {
    web().text(`${GUILD}/about`, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>');
    web().json(`${GUILD}/api/status`, { ok: true });
    const results = await verify([`${GUILD}/about`, `${GUILD}/api/status`]);
    expect(results.map((r) => r.status)).toEqual(['unsupported', 'unsupported']);
    expect(results.every((r) => r.badge === undefined && r.source === undefined)).toBe(true);
  });
});

describe('Open Badges 2.0 hosted verification', () => {
  it('verifies an assertion URL, removing tracking parameters before fetching', async () => {
    const badge = guildBadge('a1');
    const result = await verifyOne(`${badge.assertionUrl}?utm_source=linkedin&trk=abc#top`);
    expect(result.status).toBe('valid');
    expect(web().count(badge.assertionUrl)).toBe(1);
  });

  it('accepts redirects on the way, with the id equal to where the assertion was finally found', async () => {
    const badge = guildBadge('a2');
    web().redirect(`${GUILD}/short/a2`, badge.assertionUrl);
    expect((await verifyOne(`${GUILD}/short/a2`)).status).toBe('valid');
  });

  it("clips a foreign badge's texts: a megabyte of description does not travel into answers", async () => {
    guildBadge('long', { badgeClass: { name: `Pipe ${'x'.repeat(1000)}`, description: 'd'.repeat(500_000) }, issuer: { name: 'G'.repeat(5000), revocationList: undefined } });
    const result = await verifyOne(`${GUILD}/assertions/long`);
    expect(result.status).toBe('valid');
    expect(result.badge!.name.length).toBe(300);
    expect(result.badge!.description.length).toBe(2000);
    expect(result.badge!.issuer.name.length).toBe(300);
  });

  it('reads embedded badge classes and issuers', async () => {
    const issuer = { type: 'Issuer', id: `${GUILD}/issuers/guild`, name: 'Embedded Guild', url: 'https://guild.example' };
    guildBadge('a3', { assertion: { badge: { type: 'BadgeClass', id: `${GUILD}/badges/emb`, name: 'Embedded Badge', description: 'd', issuer } } });
    const result = await verifyOne(`${GUILD}/assertions/a3`);
    expect(result).toMatchObject({ status: 'valid', badge: { name: 'Embedded Badge', issuer: { name: 'Embedded Guild', domain: 'badges.guild.test' } } });
    expect(web().count(`${GUILD}/badges/pipe-2`)).toBe(0);
  });

  it('is revoked when the assertion answers 410 with revoked: true, with the reason', async () => {
    web().json(`${GUILD}/assertions/gone`, { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: `${GUILD}/assertions/gone`, revoked: true, revocationReason: 'Exam fraud' }, { status: 410 });
    const result = await verifyOne(`${GUILD}/assertions/gone`);
    expect(result).toMatchObject({ status: 'revoked', reason: 'Exam fraud', source: { format: 'ob2-hosted' } });
  });

  it("is revoked when the issuer's revocation list names it", async () => {
    guildBadge('listed', { issuer: { revocationList: `${GUILD}/issuers/guild/revocations` } });
    web().json(`${GUILD}/issuers/guild/revocations`, {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'RevocationList',
      id: `${GUILD}/issuers/guild/revocations`,
      issuer: `${GUILD}/issuers/guild`,
      revokedAssertions: [`${GUILD}/assertions/other`, { id: `${GUILD}/assertions/listed`, revocationReason: 'Issued in error' }],
    });
    guildBadge('fine', { issuer: { revocationList: `${GUILD}/issuers/guild/revocations` } });
    const [listed, fine] = await verify([`${GUILD}/assertions/listed`, `${GUILD}/assertions/fine`]);
    expect(listed).toMatchObject({ status: 'revoked', badge: { name: 'Pipe Welding Level 2', revocationReason: 'Issued in error' } });
    expect(fine.status).toBe('valid');
    // One issuer, one revocation list, one badge class: fetched once for both badges.
    expect(web().count(`${GUILD}/issuers/guild/revocations`)).toBe(1);
    expect(web().count(`${GUILD}/issuers/guild`)).toBe(1);
  });

  it('is unverifiable when the revocation list cannot be read', async () => {
    guildBadge('nolist', { issuer: { revocationList: `${GUILD}/issuers/guild/broken-list` } });
    web().text(`${GUILD}/issuers/guild/broken-list`, 'oops', { status: 503 });
    const result = await verifyOne(`${GUILD}/assertions/nolist`);
    expect(result.status).toBe('unverifiable');
    expect(result.reason).toMatch(/revocation list/);
  });

  /** Each case publishes its badge and answers the URL to verify. */
  const invalidCases: [string, () => string, RegExp][] = [
    ['its id is another URL (wrong id)', () => guildBadge('w1', { assertion: { id: `${GUILD}/assertions/someone-else` } }).assertionUrl, /id is not the URL/],
    [
      'it lives on an origin its issuer does not allow',
      () =>
        hostedBadge(web(), {
          assertionUrl: 'https://mirror.elsewhere.test/assertions/m1',
          badgeUrl: `${GUILD}/badges/pipe-2`,
          issuerUrl: `${GUILD}/issuers/guild`,
          issuer: { verification: { type: 'VerificationObject', allowedOrigins: ['badges.guild.test'] } },
        }).assertionUrl,
      /does not allow assertions on mirror\.elsewhere\.test/,
    ],
    [
      'it lives elsewhere than its issuer, which names no allowed origins',
      () => hostedBadge(web(), { assertionUrl: 'https://mirror.elsewhere.test/assertions/m2', badgeUrl: `${GUILD}/badges/pipe-2`, issuerUrl: `${GUILD}/issuers/guild` }).assertionUrl,
      /does not allow assertions on mirror\.elsewhere\.test/,
    ],
    [
      'its badge class lives on an origin its issuer does not allow',
      () => hostedBadge(web(), { assertionUrl: `${GUILD}/assertions/bc`, badgeUrl: 'https://copycat.elsewhere.test/badges/pipe-2', issuerUrl: `${GUILD}/issuers/guild` }).assertionUrl,
      /does not allow badge classes on copycat\.elsewhere\.test/,
    ],
    [
      'its id is outside the startsWith prefixes',
      () => guildBadge('s1', { issuer: { verification: { type: 'VerificationObject', startsWith: `${GUILD}/official/` } } }).assertionUrl,
      /outside its issuer's allowed addresses/,
    ],
    ['its recipient hash does not parse', () => guildBadge('h1', { assertion: { recipient: { type: 'email', hashed: true, identity: 'sha256$not-hex' } } }).assertionUrl, /recipient hash/],
    ['it has no recipient', () => guildBadge('h2', { assertion: { recipient: undefined } }).assertionUrl, /recipient is missing/],
    ['its issue date is not a date', () => guildBadge('d1', { assertion: { issuedOn: 'last Tuesday' } }).assertionUrl, /issue date/],
    ['its badge class is not found', () => guildBadge('nb', { assertion: { badge: `${GUILD}/badges/missing` } }).assertionUrl, /badge class is not found/],
    ["its badge class's id is not its URL", () => guildBadge('bi', { badgeClass: { id: `${GUILD}/badges/another` } }).assertionUrl, /badge class's id/],
    ['its badge class has no name', () => guildBadge('nn', { badgeClass: { name: '' } }).assertionUrl, /no name/],
  ];
  it.each(invalidCases)('is invalid when %s', async (_name, publish, reason) => {
    const result = await verifyOne(publish());
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(reason);
    expect(result.badge).toBeUndefined();
  });
});
