import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m017AnalyticsEvents } from '../src/db/migrations/017-analytics-events';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m017AnalyticsEvents);

/** A database just before this migration: a pending, an accepted (claimed) and a declined (claimed) badge. */
async function databaseBefore() {
  const db = await databaseJustBefore(m017AnalyticsEvents);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('accounts').values(seedRows.account('acc1')).execute();
  const assertion = (id: string, claimState: 'pending' | 'accepted' | 'declined', accountId: string | null) =>
    seedRows.assertion(id, { recipient_email: `${id}@x.example`, claim_state: claimState, account_id: accountId });
  await db.insertInto('assertions').values([assertion('a1', 'pending', null), assertion('a2', 'accepted', 'acc1'), assertion('a3', 'declined', 'acc1')]).execute();
  return db;
}

describe('migration 017 (analytics events)', () => {
  it('is registered once, after the bulk jobs', () => {
    expect(migrations.filter((migration) => migration === m017AnalyticsEvents)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(12);
  });

  it('gives badges claimed and decided before it their issue time, and keeps every badge', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('assertions').select(['id', 'claim_state', 'claimed_at', 'accepted_at', 'declined_at']).orderBy('id').execute()).toEqual([
      { id: 'a1', claim_state: 'pending', claimed_at: null, accepted_at: null, declined_at: null },
      { id: 'a2', claim_state: 'accepted', claimed_at: AT, accepted_at: AT, declined_at: null },
      { id: 'a3', claim_state: 'declined', claimed_at: AT, accepted_at: null, declined_at: AT },
    ]);
  });

  it('adds daily verification counters: one per badge and day, positive, real days, gone with their badge', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('assertion_daily_verifications').values({ assertion_id: 'a1', day: '2026-03-01', count: 3 }).execute();
    await expect(db.insertInto('assertion_daily_verifications').values({ assertion_id: 'a1', day: '2026-03-01', count: 1 }).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('assertion_daily_verifications').values({ assertion_id: 'a1', day: '2026-03-02', count: 0 }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('assertion_daily_verifications').values({ assertion_id: 'a1', day: 'March 2', count: 1 }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('assertion_daily_verifications').values({ assertion_id: 'nope', day: '2026-03-02', count: 1 }).execute()).rejects.toThrow(VIOLATES.foreignKey);
    await db.deleteFrom('assertions').where('id', '=', 'a1').execute();
    expect(await db.selectFrom('assertion_daily_verifications').selectAll().execute()).toEqual([]);
  });
});
