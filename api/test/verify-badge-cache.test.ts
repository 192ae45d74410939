// The verify answer keeps each of this server's badges built and serialized while its database row is
// unchanged: every change to what an answer shows is seen in the very next request, from any app on the
// database (another API node), even when the row is changed by SQL alone; the kept badges are bounded.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../shared/schemas/verify';
import { createApp } from '../src/app';
import { issueAssertion, revokeAssertion } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import { insertSyntheticAssertions } from '../src/db/benchData';
import type { Db } from '../src/db/connection';
import { createSafeFetch } from '../src/fetch';
import { verifyAnswerJson } from '../src/verify/answerJson';
import { BADGE_GENERATION_SIZE, cachedBadgeCount } from '../src/verify/local';
import { keptPlanCount, PLAN_GENERATION_SIZE, verifyBatch } from '../src/verify/service';
import { createForeignVerifier } from '../src/verify/foreign';
import { databaseResultCache } from '../src/verify/resultCache';
import { makeIssuer, postVerifyUrls, PUBLIC_URL, testDb } from './helpers';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const offline = createSafeFetch({ resolve: async () => [] });
const pageUrl = (id: string) => `${PUBLIC_URL}/assertions/${id}`;

/** Two apps on one database: as two API nodes, each with its own process memory in production. */
async function twoNodes() {
  const db = await testDb();
  const nodes = [0, 1].map(() => createApp({ db, publicUrl: PUBLIC_URL, now: () => NOW, safeFetch: offline }));
  const { issuer } = await makeIssuer(db);
  const badgeClass = await createBadgeClass(db, issuer.id, { name: 'Certified MIG Welder', description: 'Welds steel.', category: 'certification', criteria: 'Pass.' });
  const assertion = await issueAssertion(db, badgeClass, { email: 'ada@earners.test', name: 'Ada Lovelace', expires: new Date(NOW.getTime() + DAY).toISOString() }, NOW);
  const verifyOn = async (node: number): Promise<VerifyResult> => (await postVerifyUrls(nodes[node], [pageUrl(assertion.id)]))[0];
  // Both nodes have built (and kept) the badge before any change.
  expect((await verifyOn(0)).status).toBe('valid');
  expect((await verifyOn(1)).status).toBe('valid');
  return { db, issuer, badgeClass, assertion, verifyOn };
}

type Change = (db: Db, ids: { assertion: string; badgeClass: string; issuer: string }) => Promise<unknown>;

const changes: [string, Change, (result: VerifyResult) => void][] = [
  ['a revocation', (db, { assertion }) => revokeAssertion(db, assertion, 'Withdrawn', NOW), (r) => {
    expect(r.status).toBe('revoked');
    expect(r.badge?.revocationReason).toBe('Withdrawn');
  }],
  ['a revocation written by SQL alone', (db, { assertion }) => sql`UPDATE assertions SET revoked = 1, revocation_reason = 'Fraud' WHERE id = ${assertion}`.execute(db), (r) => {
    expect(r.status).toBe('revoked');
    expect(r.badge?.revocationReason).toBe('Fraud');
  }],
  ['a badge made private', (db, { assertion }) => sql`UPDATE assertions SET is_public = 0 WHERE id = ${assertion}`.execute(db), (r) => {
    expect(r.status).toBe('not_found');
    expect(r).not.toHaveProperty('badge');
  }],
  ['a declined badge', (db, { assertion }) => sql`UPDATE assertions SET claim_state = 'declined' WHERE id = ${assertion}`.execute(db), (r) => expect(r.status).toBe('not_found')],
  ['a deleted badge', (db, { assertion }) => sql`DELETE FROM assertions WHERE id = ${assertion}`.execute(db), (r) => expect(r.status).toBe('not_found')],
  ['a corrected recipient name', (db, { assertion }) => sql`UPDATE assertions SET recipient_name = 'Ada King' WHERE id = ${assertion}`.execute(db), (r) => expect(r.badge?.recipientName).toBe('Ada King')],
  ['a new expiry date', (db, { assertion }) => sql`UPDATE assertions SET expires = '2026-05-01T00:00:00.000Z' WHERE id = ${assertion}`.execute(db), (r) => {
    expect(r.status).toBe('expired');
    expect(r.badge?.expires).toBe('2026-05-01T00:00:00.000Z');
  }],
  ['a renamed badge class', (db, { badgeClass }) => sql`UPDATE badge_classes SET name = 'Certified TIG Welder', description = 'Welds thin steel.' WHERE id = ${badgeClass}`.execute(db), (r) => {
    expect(r.badge?.name).toBe('Certified TIG Welder');
    expect(r.badge?.description).toBe('Welds thin steel.');
  }],
  ['an attribute given to the badge', async (db, { assertion, badgeClass }) => {
    await sql`UPDATE badge_classes SET attribute_kind = 'level', attribute_label = 'Level' WHERE id = ${badgeClass}`.execute(db);
    await sql`UPDATE assertions SET attribute_value = '"Gold"' WHERE id = ${assertion}`.execute(db);
  }, (r) => expect(r.badge?.attribute).toEqual({ kind: 'level', label: 'Level', value: 'Gold' })],
  ['a renamed issuer with a new image', (db, { issuer }) => sql`UPDATE issuers SET name = 'Guild of Welders', image = 'https://welders.test/logo.png' WHERE id = ${issuer}`.execute(db), (r) => {
    expect(r.badge?.issuer.name).toBe('Guild of Welders');
    expect(r.badge?.issuer.imageUrl).toMatch(/\/image$/);
  }],
];

describe('POST /api/v1/verify: kept badges follow their rows', () => {
  it.each(changes)('shows %s in the very next request on every node', async (_name, change, check) => {
    const { db, issuer, badgeClass, assertion, verifyOn } = await twoNodes();
    await change(db, { assertion: assertion.id, badgeClass: badgeClass.id, issuer: issuer.id });
    check(await verifyOn(1));
    check(await verifyOn(0));
  });

  it('never keeps what a verify read during a change that was then rolled back', async () => {
    const { db, assertion, verifyOn } = await twoNodes();
    let during: Promise<VerifyResult> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`UPDATE assertions SET recipient_name = 'Not committed' WHERE id = ${assertion.id}`.execute(trx);
        // A verify while the change is open and uncommitted (on SQLite it waits for the one connection).
        during = verifyOn(0);
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await during!).badge?.recipientName).toBe('Ada Lovelace');
    // A committed change afterwards is seen, however the version moved during the rolled-back one.
    await sql`UPDATE assertions SET revoked = 1, revocation_reason = 'Withdrawn' WHERE id = ${assertion.id}`.execute(db);
    expect((await verifyOn(0)).status).toBe('revoked');
    expect((await verifyOn(1)).status).toBe('revoked');
  });

  it('shows expiry by the clock while the kept badge is unchanged', async () => {
    const db = await testDb();
    let clock = NOW.getTime();
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => new Date(clock), safeFetch: offline });
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const expires = new Date(NOW.getTime() + DAY);
    const assertion = await issueAssertion(db, badgeClass, { email: 'bo@earners.test', name: 'Bo', expires: expires.toISOString() }, NOW);
    expect((await postVerifyUrls(app, [pageUrl(assertion.id)]))[0].status).toBe('valid');
    clock = expires.getTime();
    expect((await postVerifyUrls(app, [pageUrl(assertion.id)]))[0].status).toBe('expired');
  });
});

describe('verify answer text', () => {
  it('is what JSON.stringify writes for the same results, kept badges and others alike', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'B "quoted" \u2028 ✓', description: 'd\n', category: 'skill', criteria: 'c' });
    await sql`UPDATE badge_classes SET attribute_kind = 'yearsExperience', attribute_label = 'Years' WHERE id = ${badgeClass.id}`.execute(db);
    const withValue = await issueAssertion(db, { ...badgeClass, attribute: { kind: 'yearsExperience', label: 'Years' } }, { email: 'a@earners.test', name: 'Ana </script>', attributeValue: 12 }, NOW);
    const plain = await issueAssertion(db, badgeClass, { email: 'b@earners.test', name: 'Bo' }, NOW);
    const context = {
      db, publicUrl: PUBLIC_URL, now: NOW, allowForeign: async () => 0,
      foreign: createForeignVerifier({ safeFetch: offline, cache: databaseResultCache(db) }),
      signing: { db, publicUrl: PUBLIC_URL } as never,
    };
    const urls = [pageUrl(withValue.id), `${pageUrl(plain.id)}.json`, `${PUBLIC_URL}/credentials/${plain.id}`, 'https://elsewhere.test/badge/1', 'nonsense', pageUrl(withValue.id)];
    for (let round = 0; round < 2; round++) {
      const { results } = await verifyBatch({ urls }, context);
      expect(results[0].badge?.attribute).toEqual({ kind: 'yearsExperience', label: 'Years', value: 12 });
      // A kept badge with a source of its own (the credential's, not the kept assertion's).
      expect([results[2].status, results[2].source?.format]).toEqual(['valid', 'ob3']);
      expect(verifyAnswerJson(results)).toBe(JSON.stringify({ results }));
    }
  });
});

describe('found ids (what the verification counts add up)', () => {
  it("are this server's badges answered with a badge, once per result: not unknown ones, other sites' or look-alike hosts", async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const shown = await issueAssertion(db, badgeClass, { email: 'a@earners.test', name: 'Ana' }, NOW);
    const hidden = await issueAssertion(db, badgeClass, { email: 'b@earners.test', name: 'Bo' }, NOW);
    await sql`UPDATE assertions SET is_public = 0 WHERE id = ${hidden.id}`.execute(db);
    const context = {
      db, publicUrl: PUBLIC_URL, now: NOW, allowForeign: async () => 0,
      foreign: createForeignVerifier({ safeFetch: offline, cache: databaseResultCache(db) }),
      signing: { db, publicUrl: PUBLIC_URL } as never,
    };
    const host = new URL(PUBLIC_URL).host;
    const urls = [
      pageUrl(shown.id),
      `${PUBLIC_URL}/credentials/${shown.id}`,
      `${pageUrl(shown.id)}?trk=public_profile_certification-title`,
      pageUrl(hidden.id),
      pageUrl('cccccccccccccccccccccc'),
      `https://other.example/assertions/${shown.id}`,
      `https://${host.replace('.', 'X')}/assertions/${shown.id}`,
      `https://${host}.evil.example/assertions/${shown.id}`,
    ];
    for (let round = 0; round < 2; round++) {
      const { results, foundIds } = await verifyBatch({ urls }, context);
      expect(results.map((result) => result.status).slice(0, 5)).toEqual(['valid', 'valid', 'valid', 'not_found', 'not_found']);
      expect(foundIds).toEqual([shown.id, shown.id, shown.id]);
    }
  });
});

describe('kept badges', () => {
  it(`are at most twice ${BADGE_GENERATION_SIZE}, the oldest generation forgotten`, async () => {
    const db = await testDb();
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => NOW, safeFetch: offline });
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const count = 2 * BADGE_GENERATION_SIZE + 300;
    await insertSyntheticAssertions(db, { badgeClassIds: [badgeClass.id], count, issuedOn: NOW.toISOString(), pastExpiry: '2026-01-01T00:00:00.000Z', futureExpiry: '2099-01-01T00:00:00.000Z' });
    const ids = (await db.selectFrom('assertions').select('id').execute()).map((row) => row.id);
    expect(ids).toHaveLength(count);
    for (let start = 0; start < ids.length; start += 100) {
      const results = await postVerifyUrls(app, ids.slice(start, start + 100).map(pageUrl));
      expect(results.filter((r) => r.badge)).toHaveLength(results.filter((r) => r.status !== 'not_found').length);
      expect(cachedBadgeCount(db)).toBeLessThanOrEqual(2 * BADGE_GENERATION_SIZE);
    }
    // Two generations were filled and the first forgotten: the last one's ids and those after it are kept.
    expect(cachedBadgeCount(db)).toBe(BADGE_GENERATION_SIZE + 300);
    // The first ones were forgotten: asking again still answers them, from their rows.
    const [again] = await postVerifyUrls(app, [pageUrl(ids[0])]);
    expect(again.badge?.assertionId ?? again.status).toBe(again.status === 'not_found' ? 'not_found' : ids[0]);
  });
});

describe('kept URL plans', () => {
  it(`are at most twice ${PLAN_GENERATION_SIZE} per server, and answer what a first reading does`, async () => {
    const db = await testDb();
    // A base of its own: plans are kept per server base URL for the process, and other tests use theirs.
    const publicUrl = 'https://plans.badgelens.test';
    const page = (id: string) => `${publicUrl}/assertions/${id}`;
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const assertion = await issueAssertion(db, badgeClass, { email: 'cy@earners.test', name: 'Cy' }, NOW);
    const context = {
      db, publicUrl, now: NOW, allowForeign: async () => 0,
      foreign: createForeignVerifier({ safeFetch: offline, cache: databaseResultCache(db) }),
      signing: { db, publicUrl } as never,
    };
    const urls = [
      page(assertion.id),
      `${page(assertion.id)}?trk=public_profile_certification-title`,
      `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(page(assertion.id))}&urlhash=Ab1c`,
      `${publicUrl}/catalogue`,
      'nonsense',
      'https://elsewhere.test/badge/1',
      `${page(assertion.id)}?${'a'.repeat(600)}`,
    ];
    const statuses = async () => (await verifyBatch({ urls }, context)).results.map((result) => result.status);
    expect(keptPlanCount(publicUrl)).toBe(0);
    expect(await statuses()).toEqual(['valid', 'valid', 'valid', 'unsupported', 'unsupported', 'unverifiable', 'valid']);
    // Not a string much longer than a page URL.
    expect(keptPlanCount(publicUrl)).toBe(urls.length - 1);
    // Answered again from the kept plans: the other site's URL too (still unverifiable offline).
    expect(await statuses()).toEqual(['valid', 'valid', 'valid', 'unsupported', 'unsupported', 'unverifiable', 'valid']);
    // A plan says where to look, never what is there: a revocation shows through kept plans at once.
    await revokeAssertion(db, assertion.id, 'Issued in error.', NOW);
    expect(await statuses()).toEqual(['revoked', 'revoked', 'revoked', 'unsupported', 'unsupported', 'unverifiable', 'revoked']);

    const flood = Array.from({ length: 2 * PLAN_GENERATION_SIZE + 150 }, (_, n) => `${publicUrl}/assertions/${'x'.repeat(16)}${n}`);
    for (let start = 0; start < flood.length; start += 100) {
      const { results } = await verifyBatch({ urls: flood.slice(start, start + 100) }, context);
      expect(new Set(results.map((result) => result.status))).toEqual(new Set(['not_found']));
      expect(keptPlanCount(publicUrl)).toBeLessThanOrEqual(2 * PLAN_GENERATION_SIZE);
    }
    expect(keptPlanCount(publicUrl)).toBeGreaterThan(0);
    expect((await verifyBatch({ urls: [page(assertion.id)] }, context)).results[0].status).toBe('revoked');
  });
});
