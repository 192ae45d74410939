import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../shared/schemas/verify';
import { createApp } from '../src/app';
import { issueAssertion, revokeAssertion, setAssertionPublic, type Assertion } from '../src/db/assertions';
import { createBadgeClass, type BadgeClass } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { createIssuer } from '../src/db/issuers';
import { createSafeFetch } from '../src/fetch';
import { jsonRequest, makeIssuer, postVerifyUrls, PUBLIC_URL, queriesOf, testApp, testDb } from './helpers';

const NOW = new Date('2026-06-01T12:00:00.000Z');
/** Foreign hosts of these tests resolve nowhere, without asking DNS: `unverifiable` at once, no network. */
const offline = createSafeFetch({ resolve: async () => [] });
const DAY = 24 * 60 * 60 * 1000;

type App = Awaited<ReturnType<typeof testApp>>['app'];

function postVerify(app: App, urls: unknown): Promise<VerifyResult[]> {
  return postVerifyUrls(app, urls);
}

async function weldingBadge(db: Db, issuerId: string, name = 'Certified MIG Welder'): Promise<BadgeClass> {
  return createBadgeClass(db, issuerId, {
    name,
    description: 'Welds steel with MIG to the society standard.',
    category: 'certification',
    criteria: 'Pass the practical exam.',
  });
}

/** One assertion in each state, issued by an issuer without an image. */
async function fixture(db: Db) {
  const { issuer } = await makeIssuer(db);
  const badgeClass = await weldingBadge(db, issuer.id);
  const issue = (name: string, expires: string | null = null): Promise<Assertion> =>
    issueAssertion(db, badgeClass, { email: `${name.toLowerCase().replace(/ /g, '.')}@earners.test`, name, expires }, new Date(NOW.getTime() - 30 * DAY));
  const valid = await issue('Ada Valid');
  const expiresLater = await issue('Ben Later', new Date(NOW.getTime() + DAY).toISOString());
  const expired = await issue('Cy Expired', new Date(NOW.getTime() - DAY).toISOString());
  const revoked = await issue('Di Revoked');
  await revokeAssertion(db, revoked.id, 'Issued in error', NOW);
  const revokedAndExpired = await issue('Ed Both', new Date(NOW.getTime() - DAY).toISOString());
  await revokeAssertion(db, revokedAndExpired.id, 'Exam fraud', NOW);
  const hidden = await issue('Flo Private');
  await setAssertionPublic(db, hidden.id, false);
  return { issuer, badgeClass, valid, expiresLater, expired, revoked, revokedAndExpired, hidden };
}

/** Queries that read this server's badge data (the per-client rate-limit counter and the cache of other sites' results apart). */
const badgeQueries = (db: Db) =>
  queriesOf(db).filter((sql) => !sql.includes('rate_limit_counters') && !sql.includes('verification_cache') && !sql.includes('verify_data_version')).length;
const cacheReads = (db: Db) => queriesOf(db).filter((sql) => sql.includes('verification_cache') && /^\s*select/i.test(sql)).length;

const pageUrl = (id: string) => `${PUBLIC_URL}/assertions/${id}`;

describe('POST /api/v1/verify: statuses', () => {
  it('answers every status, with badge data only for known public assertions', async () => {
    const { db, app } = await testApp({ now: () => NOW, safeFetch: offline });
    const f = await fixture(db);
    const unknownId = 'Zz9_unknown-id-0000000';
    const urls = [
      pageUrl(f.valid.id),
      pageUrl(f.expiresLater.id),
      pageUrl(f.expired.id),
      pageUrl(f.revoked.id),
      pageUrl(f.revokedAndExpired.id),
      pageUrl(f.hidden.id),
      pageUrl(unknownId),
      'https://elsewhere.test/assertions/' + f.valid.id,
    ];
    const results = await postVerify(app, urls);
    expect(results.map((r) => [r.url, r.status])).toEqual([
      [urls[0], 'valid'],
      [urls[1], 'valid'],
      [urls[2], 'expired'],
      [urls[3], 'revoked'],
      [urls[4], 'revoked'],
      [urls[5], 'not_found'],
      [urls[6], 'not_found'],
      [urls[7], 'unverifiable'],
    ]);
    for (const result of results) expect(result.checkedAt).toBe(NOW.toISOString());
    for (const result of results.slice(5)) expect(result).not.toHaveProperty('badge');
    expect(results[3].badge?.revocationReason).toBe('Issued in error');
    expect(results[4].badge?.revocationReason).toBe('Exam fraud');
    expect(results[2].badge?.revocationReason).toBeNull();
    expect(results[2].badge?.expires).toBe(f.expired.expires);
  });

  it('describes a valid badge completely, from the public URL builders', async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    const [result] = await postVerify(app, [`${pageUrl(f.valid.id)}?trk=public_profile_certification-title`]);
    expect(result).toEqual({
      url: `${pageUrl(f.valid.id)}?trk=public_profile_certification-title`,
      status: 'valid',
      checkedAt: NOW.toISOString(),
      source: { platform: 'badgelens', format: 'ob2-hosted', checkedUrl: pageUrl(f.valid.id) },
      badge: {
        assertionId: f.valid.id,
        pageUrl: pageUrl(f.valid.id),
        name: 'Certified MIG Welder',
        description: 'Welds steel with MIG to the society standard.',
        category: 'certification',
        imageUrl: `${PUBLIC_URL}/assertions/${f.valid.id}/image`,
        issuer: { id: `${PUBLIC_URL}/issuers/${f.issuer.id}`, name: 'Guild of Test Welders', url: 'https://welders.test', imageUrl: null, domain: 'badges.test' },
        recipientName: 'Ada Valid',
        issuedOn: f.valid.issuedOn,
        expires: null,
        revocationReason: null,
      },
    });
  });

  it("gives the issuer's image URL when the issuer has an image", async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const issuer = await createIssuer(db, {
      name: 'State Consortium',
      url: 'https://consortium.test',
      email: 'office@consortium.test',
      image: 'https://consortium.test/logo.png',
    });
    const assertion = await issueAssertion(db, await weldingBadge(db, issuer.id), { email: 'gil@earners.test', name: 'Gil' });
    const [result] = await postVerify(app, [pageUrl(assertion.id)]);
    expect(result.badge?.issuer.imageUrl).toBe(`${PUBLIC_URL}/issuers/${issuer.id}/image`);
  });

  it('shows a revocation in the very next request', async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    expect((await postVerify(app, [pageUrl(f.valid.id)]))[0].status).toBe('valid');
    await revokeAssertion(db, f.valid.id, 'Withdrawn', NOW);
    const [after] = await postVerify(app, [pageUrl(f.valid.id)]);
    expect(after.status).toBe('revoked');
    expect(after.badge?.revocationReason).toBe('Withdrawn');
  });
});

describe('POST /api/v1/verify: expiry boundary with an injected clock', () => {
  it('is valid until the instant in expires, expired from that instant on', async () => {
    let clock = 0;
    const { db, app } = await testApp({ now: () => new Date(clock) });
    const { issuer } = await makeIssuer(db);
    const expiresAt = new Date('2027-01-01T00:00:00.000Z');
    const assertion = await issueAssertion(db, await weldingBadge(db, issuer.id), {
      email: 'hal@earners.test',
      name: 'Hal',
      expires: expiresAt.toISOString(),
    }, NOW);
    const statusAt = async (time: number) => {
      clock = time;
      const [result] = await postVerify(app, [pageUrl(assertion.id)]);
      expect(result.checkedAt).toBe(new Date(time).toISOString());
      return result.status;
    };
    expect(await statusAt(expiresAt.getTime() - 1)).toBe('valid');
    expect(await statusAt(expiresAt.getTime())).toBe('expired');
    expect(await statusAt(expiresAt.getTime() + 1)).toBe('expired');
  });
});

describe('POST /api/v1/verify: URL forms over HTTP', () => {
  const forms: [string, (id: string) => string][] = [
    ['page URL', (id) => pageUrl(id)],
    ['JSON URL', (id) => `${pageUrl(id)}.json`],
    ['tracking query and fragment', (id) => `${pageUrl(id)}?trk=abc&utm_source=linkedin#x`],
    ['trailing slash', (id) => `${pageUrl(id)}/`],
    ['http instead of https', (id) => `http://badges.test/assertions/${id}`],
    ['host in upper case, default port', (id) => `https://BADGES.TEST:443/assertions/${id}`],
    ['LinkedIn redirect', (id) => `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(pageUrl(id))}&urlhash=Ab1`],
    ['LinkedIn redirect without www', (id) => `https://linkedin.com/redir/redirect?url=${encodeURIComponent(`${pageUrl(id)}?trk=x`)}`],
    ['LinkedIn redirect, double-encoded', (id) => `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(encodeURIComponent(pageUrl(id)))}`],
  ];
  it.each(forms)('recognises the %s', async (_name, form) => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    const url = form(f.valid.id);
    const [result] = await postVerify(app, [url]);
    expect(result.url).toBe(url);
    expect(result.status).toBe('valid');
    expect(result.badge?.assertionId).toBe(f.valid.id);
  });

  const notBadges: [string, (id: string) => string][] = [
    ['image URL', (id) => `${pageUrl(id)}/image`],
    ['baked image URL', (id) => `${pageUrl(id)}/baked.png`],
    ['badge class URL', (id) => `${PUBLIC_URL}/badges/${id}`],
    ['javascript: URL', (id) => `javascript:fetch('${pageUrl(id)}')`],
    ['garbage', () => 'definitely not a URL'],
  ];
  it.each(notBadges)('answers unsupported for a %s', async (_name, form) => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    const [result] = await postVerify(app, [form(f.valid.id)]);
    expect(result.status).toBe('unsupported');
    expect(result).not.toHaveProperty('badge');
  });

  it('honours a public URL with a path prefix', async () => {
    const db = await testDb();
    const app = createApp({ db, publicUrl: 'https://example.org/badgelens', now: () => NOW });
    const f = await fixture(db);
    const results = await postVerify(app, [
      `https://example.org/badgelens/assertions/${f.valid.id}`,
      `https://example.org/assertions/${f.valid.id}`,
    ]);
    expect(results.map((r) => r.status)).toEqual(['valid', 'unsupported']);
    expect(results[0].badge?.pageUrl).toBe(`https://example.org/badgelens/assertions/${f.valid.id}`);
  });
});

describe('POST /api/v1/verify: batches', () => {
  it('answers 100 URLs in order, with one query for the badges of this server in the whole batch (issued and self-claimed)', async () => {
    const { db, app } = await testApp({ now: () => NOW, safeFetch: offline });
    const f = await fixture(db);
    const others: Assertion[] = [];
    for (let i = 0; i < 60; i++) {
      others.push(await issueAssertion(db, f.badgeClass, { email: `e${i}@earners.test`, name: `Earner ${i}` }, NOW));
    }
    const expected: [string, VerifyResult['status'], string | null][] = [];
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 3) expected.push([`https://elsewhere.test/${i}`, 'unverifiable', null]);
      else if (i % 10 === 7) expected.push([pageUrl(f.revoked.id), 'revoked', f.revoked.id]);
      else if (i % 10 === 9) expected.push([`${pageUrl(`missing-${String(i).padStart(16, '0')}`)}`, 'not_found', null]);
      else {
        const assertion = others[i % others.length];
        expected.push([`${pageUrl(assertion.id)}?n=${i}`, 'valid', assertion.id]);
      }
    }
    const before = badgeQueries(db);
    const cacheBefore = cacheReads(db);
    const results = await postVerify(app, expected.map(([url]) => url));
    // One query for the issued and the self-claimed badges together: never one per URL.
    expect(badgeQueries(db) - before).toBe(1);
    // The other sites' results already known are read in one query too.
    expect(cacheReads(db) - cacheBefore).toBe(1);
    expect(results).toHaveLength(100);
    expect(results.map((r) => [r.url, r.status, r.badge?.assertionId ?? null])).toEqual(expected);
    // Again, with nothing changed: the badges read are still what the database holds (only the version is read).
    const again = await postVerify(app, expected.map(([url]) => url));
    expect(badgeQueries(db) - before).toBe(1);
    // The other sites' results were written a moment ago (unverifiable: kept a minute): this node still holds them.
    expect(cacheReads(db) - cacheBefore).toBe(1);
    expect(again).toEqual(results);
  });

  it('makes no query for badge data when no URL is a badge URL of this server', async () => {
    const { db, app } = await testApp({ now: () => NOW, safeFetch: offline });
    const before = badgeQueries(db);
    const results = await postVerify(app, ['https://elsewhere.test/a', 'nonsense', `${PUBLIC_URL}/badges/Ab3_xY-9Qw2ErTyUiOpAsd`]);
    expect(results.map((r) => r.status)).toEqual(['unverifiable', 'unsupported', 'unsupported']);
    expect(badgeQueries(db)).toBe(before);
  });

  it('gives duplicates, and several forms of one badge, a result each', async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    const urls = [pageUrl(f.valid.id), pageUrl(f.valid.id), `${pageUrl(f.valid.id)}.json`, 'x', 'x', pageUrl(f.valid.id)];
    const before = badgeQueries(db);
    const results = await postVerify(app, urls);
    expect(badgeQueries(db) - before).toBe(1);
    expect(results.map((r) => r.url)).toEqual(urls);
    expect(results.map((r) => r.status)).toEqual(['valid', 'valid', 'valid', 'unsupported', 'unsupported', 'valid']);
    expect(new Set(results.filter((r) => r.badge).map((r) => r.badge?.assertionId))).toEqual(new Set([f.valid.id]));
  });
});

describe('POST /api/v1/verify: bad requests', () => {
  const badBodies: [string, RequestInit][] = [
    ['no URLs', jsonRequest('POST', { urls: [] })],
    ['101 URLs', jsonRequest('POST', { urls: Array.from({ length: 101 }, (_, i) => `https://badges.test/assertions/${i}`) })],
    ['a URL that is not a string', jsonRequest('POST', { urls: ['https://badges.test/x', 42] })],
    ['an empty URL', jsonRequest('POST', { urls: [''] })],
    ['urls that is not an array', jsonRequest('POST', { urls: 'https://badges.test/x' })],
    ['a body without urls', jsonRequest('POST', { url: ['https://badges.test/x'] })],
    ['a JSON array body', jsonRequest('POST', ['https://badges.test/x'])],
    ['a missing body', { method: 'POST' }],
    ['an empty JSON body', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' }],
    ['malformed JSON', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"urls": [' }],
    ['no credentials either', jsonRequest('POST', { urls: [], credentials: [] })],
    ['only an empty credentials list', jsonRequest('POST', { credentials: [] })],
    ['101 items of both kinds', jsonRequest('POST', { urls: Array.from({ length: 60 }, (_, i) => `https://badges.test/assertions/${i}`), credentials: Array.from({ length: 41 }, () => ({})) })],
    ['a credential string that is not a VC-JWT', jsonRequest('POST', { credentials: ['{"id": 1}'] })],
    ['a credential that is a number', jsonRequest('POST', { credentials: [42] })],
    ['credentials that is not an array', jsonRequest('POST', { credentials: { id: 'x' } })],
  ];
  it.each(badBodies)('answers 400 with the uniform error body for %s', async (_name, init) => {
    const { app } = await testApp({ now: () => NOW });
    const res = await app.request('/api/v1/verify', init);
    expect(res.status).toBe(400);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toMatch(/^(invalid_request|bad_request)$/);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('answers unsupported for a URL over the length limit, and the rest of the batch as usual', async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const f = await fixture(db);
    const long = `${pageUrl(f.valid.id)}?pad=${'a'.repeat(2100)}`;
    const results = await postVerify(app, [pageUrl(f.valid.id), long, 'https://elsewhere.test/' + 'b'.repeat(5000)]);
    expect(results.map((r) => [r.url, r.status])).toEqual([[pageUrl(f.valid.id), 'valid'], [long, 'unsupported'], [results[2].url, 'unsupported']]);
  });

  it('names the offending entry in the issues', async () => {
    const { app } = await testApp({ now: () => NOW });
    const res = await app.request('/api/v1/verify', jsonRequest('POST', { urls: ['https://badges.test/x', 42] }));
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['urls.1']);
  });
});
