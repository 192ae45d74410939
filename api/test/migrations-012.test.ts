import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m012SelfClaims } from '../src/db/migrations/012-self-claims';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m012SelfClaims);

/** A database just before this migration, holding an issuer, a badge class, an account and an assertion. */
async function databaseBefore() {
  const db = await databaseJustBefore(m012SelfClaims);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('accounts').values(seedRows.account('acc1', { email: 'ada@x.example', email_verified_at: AT })).execute();
  await db.insertInto('assertions').values(seedRows.assertion('a1', { recipient_email: 'ada@x.example' })).execute();
  return db;
}

const claim = (id: string, accountId = 'acc1', badgeClassId = 'b1') => ({ id, account_id: accountId, badge_class_id: badgeClassId, created_at: AT });

describe('migration 012 (self-claimed skill badges)', () => {
  it('is registered once, after the requirements', () => {
    expect(migrations.filter((migration) => migration === m012SelfClaims)).toHaveLength(1);
    expect(VERSION).toBeGreaterThan(10);
  });

  it('adds the self-claims table and keeps what was there', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('assertions').select(['id', 'recipient_email']).execute()).toEqual([{ id: 'a1', recipient_email: 'ada@x.example' }]);
    await db.insertInto('self_claims').values(claim('c1')).execute();
    expect(await db.selectFrom('self_claims').selectAll().execute()).toEqual([claim('c1')]);
  });

  it('keeps one claim per account and badge class, of known accounts and badge classes only', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('self_claims').values(claim('c1')).execute();
    await expect(db.insertInto('self_claims').values(claim('c2')).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('self_claims').values(claim('c3', 'no-such-account')).execute()).rejects.toThrow(VIOLATES.foreignKey);
    await expect(db.insertInto('self_claims').values(claim('c4', 'acc1', 'no-such-badge')).execute()).rejects.toThrow(VIOLATES.foreignKey);
  });

  it('goes with its account and with its badge class', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('self_claims').values(claim('c1')).execute();
    await db.deleteFrom('accounts').execute();
    expect(await db.selectFrom('self_claims').select('id').execute()).toEqual([]);
    await db
      .insertInto('accounts')
      .values({ id: 'acc2', first_name: 'B', last_name: 'E', email: 'b@x.example', password_hash: 'h', created_at: AT, updated_at: AT })
      .execute();
    await db.insertInto('self_claims').values(claim('c2', 'acc2')).execute();
    await db.deleteFrom('assertions').execute();
    await db.deleteFrom('badge_classes').execute();
    expect(await db.selectFrom('self_claims').select('id').execute()).toEqual([]);
  });
});
