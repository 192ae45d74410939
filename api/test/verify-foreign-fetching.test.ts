// Foreign verification and the network: every way a source can fail to answer, the result cache,
// single-flight, the time budget and the per-client budget of foreign items (abuse tests).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../shared/schemas/verify';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import { createApp } from '../src/app';
import { purgeExpired } from '../src/earners/housekeeping';
import { createForeignVerifier } from '../src/verify/foreign';
import { databaseResultCache, type ResultCache } from '../src/verify/resultCache';
import { waitFor } from './fetch-servers';
import { postVerifyUrls, PUBLIC_URL, testDb } from './helpers';
import { credlyBadge, hostedBadge } from './verify-fixture-badges';
import { fixtureWebPerTest, foreignApp, type ForeignAppOptions } from './verify-fixture-web';

const GUILD = 'https://badges.guild.test';
const MINUTE = 60_000;

const web = fixtureWebPerTest();

type App = Awaited<ReturnType<typeof foreignApp>>['app'];

function post(app: App, urls: string[]): Promise<VerifyResult[]> {
  return postVerifyUrls(app, urls);
}

async function verifyOne(url: string, options: ForeignAppOptions = {}): Promise<VerifyResult> {
  const [result] = await post((await foreignApp(web(), options)).app, [url]);
  return result;
}

function guildBadge(id: string) {
  return hostedBadge(web(), { assertionUrl: `${GUILD}/assertions/${id}`, badgeUrl: `${GUILD}/badges/pipe-2`, issuerUrl: `${GUILD}/issuers/guild` });
}

function manualClock(start = new Date('2026-06-01T12:00:00.000Z')) {
  let time = start.getTime();
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

describe('sources that do not answer well', () => {
  it('answers not_found for 404, and for 410 without revoked', async () => {
    web().json(`${GUILD}/assertions/gone`, { error: 'gone' }, { status: 410 });
    web().json(`${GUILD}/assertions/x`, { error: 'no' }, { status: 404 });
    const [missing, gone] = await post((await foreignApp(web())).app, [`${GUILD}/assertions/missing`, `${GUILD}/assertions/gone`]);
    expect(missing).toMatchObject({ status: 'not_found', source: { platform: 'openbadges', checkedUrl: `${GUILD}/assertions/missing` } });
    expect(gone.status).toBe('not_found');
  });

  const unverifiable: [string, () => string, RegExp][] = [
    ['500', () => (web().text(`${GUILD}/assertions/e`, 'Internal error', { status: 500 }), `${GUILD}/assertions/e`), /answered HTTP 500/],
    ['429', () => (web().text(`${GUILD}/assertions/t`, 'slow down', { status: 429 }), `${GUILD}/assertions/t`), /answered HTTP 429/],
    ['a body over 1 MB', () => (web().text(`${GUILD}/assertions/huge`, Buffer.alloc(2 * 1024 * 1024, 0x20), { contentType: 'application/json' }), `${GUILD}/assertions/huge`), /size limit/],
    ['a bad content type', () => (web().text(`${GUILD}/assertions/txt`, '{}', { contentType: 'text/plain' }), `${GUILD}/assertions/txt`), /not answer with a badge document/],
    ['malformed JSON', () => (web().text(`${GUILD}/assertions/bad`, '{"@context": "https://w3id.org/openbadges/v2", "id": ', { contentType: 'application/ld+json' }), `${GUILD}/assertions/bad`), /malformed JSON/],
    ['a redirect loop', () => (web().redirect(`${GUILD}/a`, `${GUILD}/b`), web().redirect(`${GUILD}/b`, `${GUILD}/a`), `${GUILD}/a`), /loop/],
    ['too many redirects', () => (['r1', 'r2', 'r3', 'r4'].forEach((step, i) => web().redirect(`${GUILD}/${step}`, `${GUILD}/r${i + 2}`)), `${GUILD}/r1`), /too many times/],
    ['a plain-http URL', () => 'http://plain.elsewhere.test/assertions/1', /only https/],
    ['a host that cannot be resolved', () => 'https://nowhere.elsewhere.test/assertions/1', /could not be reached/],
    ['a credential URL whose linked page is a page again', () => (web().text(`${GUILD}/p`, `<link rel="alternate" type="application/json" href="${GUILD}/p2">`), web().text(`${GUILD}/p2`, '<p>page</p>', { contentType: 'text/html' }), `${GUILD}/p`), /not answer with a badge document/],
  ];
  it.each(unverifiable)('answers unverifiable for %s', async (_name, publish, reason) => {
    const result = await verifyOne(publish());
    expect(result.status).toBe('unverifiable');
    expect(result.reason).toMatch(reason);
    expect(result.badge).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', (port: number) => `https://127.0.0.1:${port}/assertions/1`],
    ['decimal loopback', (port: number) => `https://2130706433:${port}/assertions/1`],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/assertions/1`],
    ['mapped loopback', (port: number) => `https://[::ffff:127.0.0.1]:${port}/assertions/1`],
  ])('refuses a redirect to %s without connecting to it', async (_name, target) => {
    web().redirect(`${GUILD}/assertions/r`, target(web().server.port));
    const connectionsBefore = web().server.connections;
    const result = await verifyOne(`${GUILD}/assertions/r`);
    expect(result.status).toBe('unverifiable');
    expect(result.reason).toMatch(/not a public address|only https/);
    // One connection: the fixture host's redirect; the loopback target was never contacted.
    expect(web().server.connections - connectionsBefore).toBe(1);
    expect(web().requests).toEqual([`badges.guild.test /assertions/r`]);
  });

  it('refuses badge URLs given as loopback or private addresses without connecting', async () => {
    const before = web().server.connections;
    const results = await post((await foreignApp(web())).app, [
      `https://127.0.0.1:${web().server.port}/assertions/1`,
      `https://0.0.0.0:${web().server.port}/assertions/1`,
      `https://0177.0.0.1:${web().server.port}/assertions/1`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/assertions/1',
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('unverifiable'));
    expect(results.every((r) => /not a public address/.test(r.reason ?? ''))).toBe(true);
    expect(web().server.connections).toBe(before);
  });

  it('gives up on a slow host when the time budget runs out', async () => {
    web().silent(`${GUILD}/assertions/slow`);
    const result = await verifyOne(`${GUILD}/assertions/slow`, { budgetMs: 300 });
    expect(result.status).toBe('unverifiable');
    expect(result.reason).toMatch(/in time|no time was left|took longer/);
  });

  it('a slow host costs only its own results', async () => {
    web().silent('https://slow.elsewhere.test/assertions/1');
    guildBadge('fast');
    hostedBadge(web(), { assertionUrl: `${GUILD}/assertions/slow-class`, badgeUrl: `${GUILD}/badges/slow-class`, issuerUrl: `${GUILD}/issuers/guild` });
    web().silent(`${GUILD}/badges/slow-class`);
    credlyBadge(web(), '3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e');
    const results = await post((await foreignApp(web(), { budgetMs: 1500 })).app, [
      'https://slow.elsewhere.test/assertions/1',
      `${GUILD}/assertions/fast`,
      `${GUILD}/assertions/slow-class`,
      'https://www.credly.com/badges/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
    ]);
    expect(results.map((r) => r.status)).toEqual(['unverifiable', 'valid', 'unverifiable', 'valid']);
    expect(results[2].reason).toMatch(/badge class could not be read|took longer/);
  });
});

describe('the result cache', () => {
  it('reuses a valid result for an hour, keeping the time it was checked', async () => {
    const clock = manualClock();
    const { app } = (await foreignApp(web(), { now: clock.now }));
    const badge = guildBadge('c1');
    const first = (await post(app, [badge.assertionUrl]))[0];
    clock.advance(59 * MINUTE);
    const second = (await post(app, [`https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(`${badge.assertionUrl}?trk=x`)}`]))[0];
    expect(second).toMatchObject({ status: 'valid', checkedAt: first.checkedAt });
    expect(web().count(badge.assertionUrl)).toBe(1);
    clock.advance(2 * MINUTE);
    const third = (await post(app, [badge.assertionUrl]))[0];
    expect(third.checkedAt).toBe(clock.now().toISOString());
    expect(web().count(badge.assertionUrl)).toBe(2);
  });

  it("follows the source's Cache-Control: max-age shortens the hour, no-store keeps nothing", async () => {
    const clock = manualClock();
    const { app } = (await foreignApp(web(), { now: clock.now }));
    guildBadge('short');
    const short = `${GUILD}/assertions/short`;
    const { assertion } = guildBadge('ns');
    web().json(short, { ...assertion, id: short }, { headers: { 'cache-control': 'public, max-age=120' } });
    web().json(`${GUILD}/assertions/ns`, assertion, { headers: { 'cache-control': 'no-store' } });
    await post(app, [short, `${GUILD}/assertions/ns`]);
    await post(app, [short, `${GUILD}/assertions/ns`]);
    expect([web().count(short), web().count(`${GUILD}/assertions/ns`)]).toEqual([1, 2]);
    clock.advance(121_000);
    await post(app, [short]);
    expect(web().count(short)).toBe(2);
  });

  it('keeps failures for a minute only', async () => {
    const clock = manualClock();
    const { app } = (await foreignApp(web(), { now: clock.now }));
    web().text(`${GUILD}/assertions/down`, 'down', { status: 503 });
    await post(app, [`${GUILD}/assertions/down`]);
    clock.advance(59_000);
    expect((await post(app, [`${GUILD}/assertions/down`]))[0].status).toBe('unverifiable');
    expect(web().count(`${GUILD}/assertions/down`)).toBe(1);
    clock.advance(2_000);
    await post(app, [`${GUILD}/assertions/down`]);
    expect(web().count(`${GUILD}/assertions/down`)).toBe(2);
  });

  it('never keeps a valid result past the moment the badge expires', async () => {
    const clock = manualClock();
    const { app } = (await foreignApp(web(), { now: clock.now }));
    const { assertion } = guildBadge('soon');
    web().json(`${GUILD}/assertions/soon`, { ...assertion, expires: new Date(clock.now().getTime() + 10 * MINUTE).toISOString() });
    expect((await post(app, [`${GUILD}/assertions/soon`]))[0].status).toBe('valid');
    clock.advance(11 * MINUTE);
    expect((await post(app, [`${GUILD}/assertions/soon`]))[0].status).toBe('expired');
    expect(web().count(`${GUILD}/assertions/soon`)).toBe(2);
  });

  it('is kept in the database: a second node on the same database answers from it without fetching', async () => {
    const first = await foreignApp(web());
    const badge = guildBadge('shared');
    web().json(badge.assertionUrl, badge.assertion);
    expect((await post(first.app, [badge.assertionUrl]))[0].status).toBe('valid');
    const secondNode = createApp({ db: first.db, publicUrl: PUBLIC_URL, safeFetch: first.safeFetch, foreignVerifier: createForeignVerifier({ safeFetch: first.safeFetch, cache: databaseResultCache(first.db) }) });
    expect((await post(secondNode, [badge.assertionUrl]))[0].status).toBe('valid');
    expect(web().count(badge.assertionUrl)).toBe(1);
  });

  it('forgets results past their time (housekeeping deletes them)', async () => {
    const db = await testDb();
    const cache = databaseResultCache(db);
    const now = new Date();
    const outcome = { status: 'valid' as const, checkedAt: now.toISOString() };
    const later = new Date(now.getTime() + MINUTE);
    for (const key of ['a', 'b']) await cache.put(key, outcome, later);
    await cache.put('a', { ...outcome, status: 'revoked' as const }, later);
    expect(await cache.getMany(['a', 'b', 'c'], now)).toEqual(new Map([['a', { ...outcome, status: 'revoked' }], ['b', outcome]]));
    expect(await cache.getMany(['a', 'b'], later)).toEqual(new Map());
    // Another node (a cache of its own) reads the rows: there until housekeeping deletes them.
    expect(await databaseResultCache(db).getMany(['a', 'b'], now)).toEqual(new Map([['a', { ...outcome, status: 'revoked' }], ['b', outcome]]));
    expect((await purgeExpired(db, later)).verifications).toBe(2);
    expect(await databaseResultCache(db).getMany(['a', 'b'], now)).toEqual(new Map());
  });

  it("keeps the results a node read or wrote in memory until their row expires, frozen, and reads the others' in one query", async () => {
    const db = await testDb();
    const writer = databaseResultCache(db);
    const reader = databaseResultCache(db);
    const now = new Date();
    const outcome = { status: 'valid' as const, checkedAt: now.toISOString() };
    await writer.put('kept', outcome, new Date(now.getTime() + MINUTE));
    // Another node's result is read from the database once, then from memory: the row gone, it still answers.
    expect(await reader.getMany(['kept'], now)).toEqual(new Map([['kept', outcome]]));
    await sql`DELETE FROM verification_cache`.execute(db);
    const [again] = (await reader.getMany(['kept'], now)).values();
    expect(again).toEqual(outcome);
    expect(Object.isFrozen(again)).toBe(true);
    expect(await writer.getMany(['kept'], now)).toEqual(new Map([['kept', outcome]]));
    // Past its time, memory answers nothing either.
    expect(await reader.getMany(['kept'], new Date(now.getTime() + MINUTE))).toEqual(new Map());
  });
});

describe('abuse', () => {
  it('makes one fetch for 50 concurrent requests for one badge (single-flight)', async () => {
    let lookups = 0;
    // A cache that never keeps anything: only single-flight can spare the fetches.
    const forgetful: ResultCache = {
      getMany: async () => {
        lookups++;
        return new Map();
      },
      put: async () => undefined,
    };
    const badge = guildBadge('popular');
    const gate = web().gated(badge.assertionUrl, badge.assertion);
    const { app, foreignVerifier } = await foreignApp(web(), { cache: forgetful });
    // Counted where a request joins the flight: past its cache lookup and its budget check.
    let joined = 0;
    const verify = foreignVerifier.verify;
    foreignVerifier.verify = (...args) => {
      joined++;
      return verify(...args);
    };
    const requests = Array.from({ length: 50 }, () => post(app, [badge.assertionUrl]));
    await waitFor(() => joined === 50 && gate.waiting() === 1, '50 requests waiting on one fetch');
    gate.release();
    const results = (await Promise.all(requests)).flat();
    expect(results.map((r) => r.status)).toEqual(Array(50).fill('valid'));
    expect(web().count(badge.assertionUrl)).toBe(1);
    expect(web().count(badge.badgeUrl)).toBe(1);
    expect(web().count(badge.issuerUrl)).toBe(1);
    expect(lookups).toBe(50);
  });

  it('answers a batch of 100 slow URLs on 25 hosts by the budget, all fetched at once', async () => {
    const urls = Array.from({ length: 100 }, (_, i) => `https://slow-${String(i % 25).padStart(2, '0')}.elsewhere.test/assertions/${i}`);
    for (const url of urls) web().silent(url);
    const results = await post((await foreignApp(web(), { budgetMs: 1500 })).app, urls);
    expect(results.map((r) => r.url)).toEqual(urls);
    expect(results.every((r) => r.status === 'unverifiable')).toBe(true);
    // Not one after the other: every fetch was in flight at the same time.
    expect(web().server.maxActive).toBe(100);
  }, 120_000);

  it('lets 100 URLs on one slow host hold at most 4 connections to it', async () => {
    const urls = Array.from({ length: 100 }, (_, i) => `https://slow.elsewhere.test/assertions/${i}`);
    for (const url of urls) web().silent(url);
    const results = await post((await foreignApp(web(), { budgetMs: 800 })).app, urls);
    expect(results.every((r) => r.status === 'unverifiable')).toBe(true);
    expect(web().server.maxActive).toBe(4);
  }, 120_000);

  it('checks at most RATE_LIMIT_VERIFY_FOREIGN badges of other sites per client and minute; cached ones are free', async () => {
    const clock = manualClock();
    const rateLimits = { ...RATE_LIMITS, verifyForeign: { ...RATE_LIMITS.verifyForeign, limit: 3 } };
    const { app } = (await foreignApp(web(), { now: clock.now, rateLimits }));
    const urls = ['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => guildBadge(id).assertionUrl);
    const first = await post(app, urls);
    expect(first.map((r) => r.status)).toEqual(['valid', 'valid', 'valid', 'unverifiable', 'unverifiable']);
    expect(first[4].reason).toMatch(/too many badges from other sites/);
    expect(urls.map((url) => web().count(url))).toEqual([1, 1, 1, 0, 0]);
    // Cached results cost nothing from the budget.
    expect((await post(app, urls.slice(0, 3))).map((r) => r.status)).toEqual(['valid', 'valid', 'valid']);
    clock.advance(MINUTE);
    expect((await post(app, urls.slice(3))).map((r) => r.status)).toEqual(['valid', 'valid']);
  });
});
