// Views and shares are counted in memory and written in batches: nothing counted is lost on a clean stop,
// a client is still counted once per badge, event and day, and a full batch is written without waiting.
import { describe, expect, it } from 'vitest';
import { createBadgeEventCounter } from '../src/sharing/badgeEventCounter';
import { makeIssuer } from './helpers';
import { issueTestBadge } from './share-fixtures';
import { testDb } from './helpers';

const AT = new Date('2026-03-10T09:00:00.000Z');
const client = (n: number) => ({ address: `203.0.113.${n}`, userAgent: 'Firefox', visitor: `visitor-${n}` });

async function counted(db: Awaited<ReturnType<typeof testDb>>) {
  return db.selectFrom('assertion_daily_counts').select(['event', 'day', 'count']).orderBy('event').execute();
}

describe('badge event counter', () => {
  it('writes nothing per request, and everything on a clean stop', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const counter = createBadgeEventCounter(db, { flushMs: 60_000 });
    for (let n = 1; n <= 3; n++) await counter.count(assertion.id, 'view', client(n), AT);
    await counter.count(assertion.id, 'view', client(1), AT); // the same client again: once
    await counter.count(assertion.id, 'x', client(1), AT);
    expect(await counted(db)).toEqual([]);
    await counter.stop();
    expect(await counted(db)).toEqual([
      { event: 'view', day: '2026-03-10', count: 3 },
      { event: 'x', day: '2026-03-10', count: 1 },
    ]);
    // After the stop, counts are written at once.
    await counter.count(assertion.id, 'view', client(4), AT);
    expect((await counted(db))[0].count).toBe(4);
  });

  it('counts a client once per day across flushes, and again the next day', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const counter = createBadgeEventCounter(db, { flushMs: 60_000 });
    await counter.count(assertion.id, 'view', client(1), AT);
    await counter.flush();
    await counter.count(assertion.id, 'view', client(1), AT);
    await counter.flush();
    // Another node (another counter on the same database) counting the same client: refused by the database.
    const otherNode = createBadgeEventCounter(db, { flushMs: 60_000 });
    await otherNode.count(assertion.id, 'view', client(1), AT);
    await otherNode.flush();
    expect(await counted(db)).toEqual([{ event: 'view', day: '2026-03-10', count: 1 }]);
    await counter.count(assertion.id, 'view', client(1), new Date('2026-03-11T09:00:00.000Z'));
    await counter.flush();
    expect((await counted(db)).map(({ day, count }) => [day, count])).toEqual([['2026-03-10', 1], ['2026-03-11', 1]]);
  });

  it('writes a full batch without waiting for the timer, and ignores badges that do not exist', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const counter = createBadgeEventCounter(db, { flushMs: 60_000, maxWaiting: 5 });
    await counter.count('no-such-badge', 'view', client(99), AT);
    for (let n = 1; n <= 4; n++) await counter.count(assertion.id, 'view', client(n), AT);
    expect(await counted(db)).toEqual([{ event: 'view', day: '2026-03-10', count: 4 }]);
    await counter.stop();
  });

  it('writes on its own after flushMs', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const counter = createBadgeEventCounter(db, { flushMs: 10 });
    await counter.count(assertion.id, 'view', client(1), AT);
    await expect.poll(() => counted(db), { timeout: 10_000 }).toEqual([{ event: 'view', day: '2026-03-10', count: 1 }]);
    await counter.stop();
  });
});
