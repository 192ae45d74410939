import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BADGE_CATEGORIES } from '../../shared/schemas/verify';
import { createApp } from '../src/app';
import { searchCatalogue } from '../src/catalogue/search';
import { seedIfEmpty } from '../src/cli/seed';
import { findIssuerIdByApiKey } from '../src/db/apiKeys';
import { countAssertions, getAssertionRecords, type AssertionRecord } from '../src/db/assertions';
import { listBadgeClasses } from '../src/db/badgeClasses';
import { openDb, type Db } from '../src/db/connection';
import { countIssuers, listIssuers } from '../src/db/issuers';
import { assertionStatus } from '../src/lib/status';
import { DEMO_EARNER_EMAIL, demoData, type DemoData } from '../src/seed/demo-data';
import { isDatabaseEmpty, seedDemo, SeedRefusedError } from '../src/seed/demo';
import { countRows, makeIssuer, PUBLIC_URL, TEST_ENGINE, testDb } from './helpers';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

async function allRecords(db: Db): Promise<AssertionRecord[]> {
  const ids = (await db.selectFrom('assertions').select('id').execute()).map((row) => row.id);
  return [...(await getAssertionRecords(db, ids)).values()];
}

async function tableCounts(db: Db) {
  return {
    issuers: await countRows(db, 'issuers'),
    keys: await countRows(db, 'issuer_api_keys'),
    badgeClasses: await countRows(db, 'badge_classes'),
    assertions: await countRows(db, 'assertions'),
  };
}

async function seeded() {
  const db = await testDb();
  const summary = await seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW });
  return { db, summary, records: await allRecords(db) };
}

describe('seedDemo', () => {
  it('loads the whole catalogue and reports what it loaded', async () => {
    const { db, summary, records } = await seeded();
    const badgeClasses = await listBadgeClasses(db);
    expect(summary.issuers.length).toBe(await countIssuers(db));
    expect(summary.issuers.length).toBeGreaterThanOrEqual(2);
    expect(summary.badgeClasses).toBe(badgeClasses.length);
    expect(badgeClasses.length).toBeGreaterThanOrEqual(40);
    expect(new Set(badgeClasses.map((badge) => badge.category))).toEqual(new Set(BADGE_CATEGORIES));
    expect(summary.assertions).toBe(await countAssertions(db));
    const earners = new Set(records.map((record) => record.assertion.recipientEmail));
    expect(summary.earners).toBe(earners.size);
    expect(earners.size).toBeGreaterThanOrEqual(18);
    expect(earners.size).toBeLessThanOrEqual(25);
  });

  it('lets the catalogue search find process badges by the words people use', async () => {
    const { db } = await seeded();
    const all = await listBadgeClasses(db);
    for (const [word, code] of [['TIG', 'GTAW'], ['MIG', 'GMAW'], ['stick', 'SMAW'], ['flux-cored', 'FCAW']]) {
      const expected = all.filter((badge) => badge.name.startsWith(`${code} `)).map((badge) => badge.name);
      expect(expected.length, code).toBeGreaterThanOrEqual(3);
      const found = (await searchCatalogue(db, { q: word })).map((badge) => badge.name);
      expect(found, word).toEqual(expect.arrayContaining(expected));
    }
  });

  it('gives every issuer a working API key of its own', async () => {
    const { db, summary } = await seeded();
    const issuers = await listIssuers(db);
    for (const entry of summary.issuers) {
      expect(await findIssuerIdByApiKey(db, entry.apiKey)).toBe(entry.id);
      expect(issuers.find((issuer) => issuer.id === entry.id)?.name).toBe(entry.name);
    }
    expect(issuers.some((issuer) => issuer.linkedInOrganizationId !== null)).toBe(true);
    expect(issuers.some((issuer) => issuer.linkedInOrganizationId === null)).toBe(true);
  });

  it('issues mostly valid badges, with revoked and expired ones among them', async () => {
    const { records } = await seeded();
    const withStatus = (status: string) => records.filter((record) => assertionStatus(record.assertion, NOW) === status);
    expect(withStatus('valid').length).toBeGreaterThan(records.length / 2);
    expect(withStatus('revoked').length).toBeGreaterThanOrEqual(1);
    expect(withStatus('expired').length).toBeGreaterThanOrEqual(1);
    for (const { assertion } of withStatus('revoked')) {
      expect(assertion.revocationReason).toMatch(/\w{3,}/);
      expect(Date.parse(assertion.revokedAt!)).toBeGreaterThanOrEqual(Date.parse(assertion.issuedOn));
    }
    // An expired badge expired through its badge class's validity period, counted from its issue date.
    const inspector = withStatus('expired').find((record) => record.badgeClass.name === 'Certified Welding Inspector');
    expect(inspector).toBeDefined();
    const issued = new Date(inspector!.assertion.issuedOn);
    issued.setUTCMonth(issued.getUTCMonth() + 36);
    expect(inspector!.assertion.expires).toBe(issued.toISOString());
  });

  it('spreads issue dates over the past years, none in the future', async () => {
    const { records } = await seeded();
    const ages = records.map((record) => (NOW.getTime() - Date.parse(record.assertion.issuedOn)) / DAY_MS);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...ages)).toBeLessThan(30);
    expect(Math.max(...ages)).toBeGreaterThan(5 * 365);
    for (const record of records) {
      expect(Date.parse(record.badgeClass.createdAt)).toBeLessThan(Date.parse(record.assertion.issuedOn));
    }
  });

  it('gives the demo earner several badges, one of them still pending', async () => {
    const { records } = await seeded();
    const demo = records.filter((record) => record.assertion.recipientEmail === DEMO_EARNER_EMAIL);
    expect(demo.length).toBeGreaterThanOrEqual(5);
    expect(new Set(demo.map((record) => record.assertion.recipientName))).toEqual(new Set(['Dana Demo']));
    const pending = demo.filter((record) => record.assertion.claimState === 'pending');
    expect(pending.length).toBe(1);
    expect(demo.filter((record) => record.assertion.claimState === 'accepted').length).toBe(demo.length - 1);
    expect(demo.filter((record) => assertionStatus(record.assertion, NOW) === 'valid').length).toBeGreaterThanOrEqual(4);
  });

  it('gives the demo earner an account that signs in with the documented password and holds every demo badge', async () => {
    const db = await testDb();
    await seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW });
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => NOW });
    const tokenRes = await app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EARNER_EMAIL, password: 'badgelens-demo' }),
    });
    expect(tokenRes.status).toBe(201);
    const { token } = await tokenRes.json();
    const res = await app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } });
    const { items } = (await res.json()) as { items: { claimState: string; status: string; name: string; attribute?: { kind: string; value: unknown } }[] };
    const demoEarner = demoData.earners.find((earner) => earner.email === DEMO_EARNER_EMAIL)!;
    // Every award, and the certifications of the linked membership (its membership badges are among the awards).
    const certifications = demoEarner.memberships!.flatMap((membership) => membership.certifications ?? []);
    expect(certifications.length).toBeGreaterThan(0);
    expect(items.filter((item) => item.status !== 'self_claimed')).toHaveLength(demoEarner.awards.length + certifications.length);
    const byName = new Map(items.map((item) => [item.name, item]));
    expect(byName.get('Member')).toMatchObject({ status: 'valid', attribute: { kind: 'level', value: 'Professional' } });
    expect(byName.get('Section Officer (Volunteer)')).toMatchObject({ status: 'valid', attribute: { kind: 'volunteer', value: true } });
    expect(byName.get('Certified Welder: Structural Steel')).toMatchObject({ status: 'valid', claimState: 'accepted', attribute: { kind: 'yearsActive', value: 2 } });
    const memberships = await (await app.request('/api/v1/me/memberships', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(memberships.items).toMatchObject([{ memberId: 'NWS-104233', level: 'Professional', volunteer: true }]);
    expect(items.filter((item) => item.status === 'self_claimed')).toHaveLength(demoEarner.selfClaims!.length);
    expect(items.filter((item) => item.claimState === 'pending')).toHaveLength(1);
    expect(await countRows(db, 'accounts')).toBe(new Set(demoData.earners.map((earner) => earner.email.toLowerCase())).size);
  });

  it('builds every URL it reports from the configured public URL', async () => {
    const publicUrl = 'https://badges.demo.test/base';
    const db = await testDb();
    const summary = await seedDemo(db, { publicUrl, now: NOW });
    const urls = [...summary.issuers.map((issuer) => issuer.url), ...Object.values(summary.examples)];
    expect(Object.keys(summary.examples).sort()).toEqual(['expired', 'revoked', 'valid']);
    for (const url of urls) expect(url.startsWith(`${publicUrl}/`), url).toBe(true);
    const records = new Map((await allRecords(db)).map((record) => [record.assertion.id, record]));
    for (const [status, url] of Object.entries(summary.examples)) {
      const record = records.get(url.slice(`${publicUrl}/assertions/`.length));
      expect(record && assertionStatus(record.assertion, NOW)).toBe(status);
    }
    // No base URL of a server is baked into the stored data: public ids are built when served.
    const stored = JSON.stringify([await db.selectFrom('issuers').selectAll().execute(), await db.selectFrom('badge_classes').selectAll().execute()]);
    expect(stored).not.toMatch(/localhost|badges\.demo\.test/);
  });

  it('refuses a database that already has data and leaves it unchanged', async () => {
    const db = await testDb();
    await makeIssuer(db, 'A real issuer');
    const before = await tableCounts(db);
    await expect(seedDemo(db, { publicUrl: PUBLIC_URL })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await tableCounts(db)).toEqual(before);
    // Its transaction is over: the database takes writes again.
    await makeIssuer(db, 'Another real issuer');
  });

  it('refuses a second load over the demo data itself', async () => {
    const { db } = await seeded();
    const before = await tableCounts(db);
    await expect(seedDemo(db, { publicUrl: PUBLIC_URL })).rejects.toThrow(/only loaded into an empty database/);
    expect(await tableCounts(db)).toEqual(before);
  });

  it.each([
    ['an award of a badge that does not exist (after everything else is stored)', {
      ...demoData,
      earners: [...demoData.earners, { name: 'Nobody', email: 'nobody@mail.example', awards: [{ badge: 'no-such-badge', daysAgo: 1 }] }],
    }],
    ['a badge class the database rejects', {
      ...demoData,
      issuers: [
        ...demoData.issuers,
        {
          ...demoData.issuers[0],
          key: 'broken',
          badges: [{ key: 'broken-badge', badge: { ...demoData.issuers[0].badges[0].badge, category: 'hobby' as never } }],
        },
      ],
    }],
  ] satisfies [string, DemoData][])('rolls back completely on %s', async (_case, data) => {
    const db = await testDb();
    await expect(seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW, data })).rejects.toThrow();
    expect(await tableCounts(db)).toEqual({ issuers: 0, keys: 0, badgeClasses: 0, assertions: 0 });
    expect(await isDatabaseEmpty(db)).toBe(true);
    // The connection is still usable: the real demo data loads afterwards.
    await expect(seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW })).resolves.toMatchObject({ earners: demoData.earners.length });
  });
});

describe('seedIfEmpty', () => {
  it('seeds an empty database once and then leaves it alone', async () => {
    const db = await testDb();
    const first = await seedIfEmpty(db, { publicUrl: PUBLIC_URL, now: NOW });
    expect(first?.assertions).toBeGreaterThan(0);
    const after = await tableCounts(db);
    expect(after.assertions).toBe(first!.assertions);
    expect(await seedIfEmpty(db, { publicUrl: PUBLIC_URL, now: NOW })).toBeNull();
    expect(await tableCounts(db)).toEqual(after);
  });

  it('does not touch a database with real data', async () => {
    const db = await testDb();
    await makeIssuer(db);
    const before = await tableCounts(db);
    expect(await seedIfEmpty(db, { publicUrl: PUBLIC_URL })).toBeNull();
    expect(await tableCounts(db)).toEqual(before);
  });
});

describe('npm run seed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (env: Record<string, string>) =>
    promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['api/src/cli/seed.ts'], { env: { ...process.env, ...env } });

  it('seeds the configured database, then reports that it already has data', async () => {
    // A new database the CLI migrates itself: a file on SQLite, an empty database on PostgreSQL.
    const target = TEST_ENGINE === 'postgres' ? (await createTestDatabase(false)).url : join(dir, 'demo.db');
    // With DATABASE_URL the settings need KEY_ENCRYPTION_KEY, as for the server the seed runs before.
    const env = {
      ...(TEST_ENGINE === 'postgres' ? { DATABASE_URL: target, KEY_ENCRYPTION_KEY: '3c'.repeat(32) } : { DATABASE_PATH: target }),
      PUBLIC_URL: 'https://cli.demo.test',
    };
    const first = await run(env);
    expect(first.stdout).toMatch(/Loaded the demo data: 3 issuers, \d+ badge classes/);
    expect(first.stdout).toMatch(/https:\/\/cli\.demo\.test\/issuers\/\S+\n\s+blk_\S+/);

    const second = await run(env);
    expect(second.stdout).toContain('Database already has data; the demo data is only loaded into an empty database.');
    expect(second.stdout).toContain('Demo earner sign-in: https://cli.demo.test/login  demo@badgelens.example / badgelens-demo');

    const db = await openDb(target);
    try {
      expect((await tableCounts(db)).badgeClasses).toBe(demoData.issuers.flatMap((issuer) => issuer.badges).length);
    } finally {
      await db.destroy();
      if (TEST_ENGINE === 'postgres') await dropTestDatabase(new URL(target).pathname.slice(1));
    }
  }, 120_000);
});
