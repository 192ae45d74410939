import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connection';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m019VerifyDataVersion } from '../src/db/migrations/019-verify-data-version';
import { verifyDataVersion } from '../src/db/verifyRecords';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m019VerifyDataVersion);

/** Issuer i1, badge class b1, assertion a1, account acc1 with self-claim s1 (of a second badge class b2), migrated. */
async function migratedDatabase(): Promise<Db> {
  const db = await databaseJustBefore(m019VerifyDataVersion);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('badge_classes').values(seedRows.badgeClass({ id: 'b2', name: 'Claimed' })).execute();
  await db.insertInto('assertions').values(seedRows.assertion('a1')).execute();
  await db.insertInto('accounts').values(seedRows.account('acc1')).execute();
  await db.insertInto('self_claims').values({ id: 's1', account_id: 'acc1', badge_class_id: 'b2', created_at: AT }).execute();
  await migrate(db, VERSION);
  return db;
}

/** Whether running `change` moved the verify data version. */
async function bumps(db: Db, change: (db: Db) => Promise<unknown>): Promise<boolean> {
  const before = await verifyDataVersion(db);
  await change(db);
  return (await verifyDataVersion(db)) !== before;
}

describe('migration 019 (verify data version)', () => {
  it('is registered once, after the memberships, and starts at one row', async () => {
    expect(migrations.filter((migration) => migration === m019VerifyDataVersion)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(19);
    const db = await migratedDatabase();
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('verify_data_version').selectAll().execute()).toHaveLength(1);
  });

  it('moves on every change a verify answer shows, made by any SQL', async () => {
    const db = await migratedDatabase();
    const shown: [string, (db: Db) => Promise<unknown>][] = [
      ['a revocation', (d) => sql`UPDATE assertions SET revoked = 1, revocation_reason = 'x' WHERE id = 'a1'`.execute(d)],
      ['a badge made private', (d) => sql`UPDATE assertions SET is_public = 0 WHERE id = 'a1'`.execute(d)],
      ['a new assertion (a self-claim verified in place)', (d) => d.insertInto('assertions').values(seedRows.assertion('a2')).execute()],
      ['a renamed badge class', (d) => sql`UPDATE badge_classes SET name = 'New' WHERE id = 'b1'`.execute(d)],
      ['a renamed issuer', (d) => sql`UPDATE issuers SET name = 'New' WHERE id = 'i1'`.execute(d)],
      ["a self-claimer's new name", (d) => sql`UPDATE accounts SET first_name = 'Eve' WHERE id = 'acc1'`.execute(d)],
      ['a new self-claim', (d) => d.insertInto('self_claims').values({ id: 's2', account_id: 'acc1', badge_class_id: 'b1', created_at: AT }).execute()],
      ['a deleted self-claim', (d) => sql`DELETE FROM self_claims WHERE id = 's1'`.execute(d)],
      ['a deleted assertion', (d) => sql`DELETE FROM assertions WHERE id = 'a2'`.execute(d)],
    ];
    for (const [name, change] of shown) expect(await bumps(db, change), name).toBe(true);
  });

  it('stays put for what no answer shows: tallies, logins, claim times', async () => {
    const db = await migratedDatabase();
    const unseen: [string, (db: Db) => Promise<unknown>][] = [
      ['a verification tally', (d) => d.insertInto('assertion_daily_verifications').values({ assertion_id: 'a1', day: '2026-01-01', count: 3 }).execute()],
      ['a failed login', (d) => sql`UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = 'acc1'`.execute(d)],
      ['a claim time', (d) => sql`UPDATE assertions SET claimed_at = ${AT} WHERE id = 'a1'`.execute(d)],
      ['a new account', (d) => d.insertInto('accounts').values(seedRows.account('acc2')).execute()],
    ];
    for (const [name, change] of unseen) expect(await bumps(db, change), name).toBe(false);
  });
});
