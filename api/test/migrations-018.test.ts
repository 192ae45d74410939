import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m018Memberships } from '../src/db/migrations/018-memberships';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m018Memberships);

/** A database just before this migration, holding an issuer, two accounts, a badge class and an assertion. */
async function databaseBefore() {
  const db = await databaseJustBefore(m018Memberships);
  await seedIssuerAndBadgeClass(db, { category: 'membership' });
  await db.insertInto('accounts').values([seedRows.account('a1'), seedRows.account('a2')]).execute();
  await db.insertInto('assertions').values(seedRows.assertion('as1')).execute();
  return db;
}

const member = (memberId: string, extra: object = {}) => ({
  issuer_id: 'i1',
  member_id: memberId,
  email: 'm@x.example',
  name: 'M',
  member_since: '2020-01-01',
  created_at: AT,
  updated_at: AT,
  ...extra,
});

describe('migration 018 (linked memberships)', () => {
  it('is registered once, after the analytics events', () => {
    expect(migrations.filter((migration) => migration === m018Memberships)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(18);
  });

  it('adds the roster, link and membership badge tables, leaving existing rows alone', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('assertions').select('id').execute()).toEqual([{ id: 'as1' }]);
    await db.insertInto('issuer_members').values(member('M-1', { account_id: 'a1', linked_at: AT })).execute();
    expect(await db.selectFrom('issuer_members').select(['member_id', 'volunteer', 'certifications', 'level']).execute()).toEqual([
      { member_id: 'M-1', volunteer: 0, certifications: '[]', level: null },
    ]);
    await db.insertInto('membership_link_requests').values({ id: 'r1', secret_hash: 'h', issuer_id: 'i1', member_id: 'M-1', account_id: 'a2', created_at: AT, expires_at: AT }).execute();
    await db.insertInto('membership_badges').values({ issuer_id: 'i1', member_id: 'M-1', badge_class_id: 'b1', assertion_id: 'as1' }).execute();
    // A member taken off the roster takes its links and badge records along; an account deleted unlinks.
    await db.deleteFrom('accounts').where('id', '=', 'a1').execute();
    expect(await db.selectFrom('issuer_members').select('account_id').executeTakeFirst()).toEqual({ account_id: null });
    await db.deleteFrom('issuer_members').execute();
    expect(await db.selectFrom('membership_link_requests').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('membership_badges').select('assertion_id').execute()).toEqual([]);
    expect(await db.selectFrom('assertions').select('id').execute()).toEqual([{ id: 'as1' }]);
  });

  it('refuses a second member per account at one issuer, a duplicate member number, bad flags and certifications that are not JSON', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('issuer_members').values(member('M-1', { account_id: 'a1' })).execute();
    await expect(db.insertInto('issuer_members').values(member('M-2', { account_id: 'a1' })).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('issuer_members').values(member('M-1')).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('issuer_members').values(member('M-3', { volunteer: 2 })).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('issuer_members').values(member('')).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('issuer_members').values(member('M-4', { certifications: '[' })).execute()).rejects.toThrow();
    await expect(
      db.insertInto('membership_link_requests').values({ id: 'r1', secret_hash: 'h', issuer_id: 'i1', member_id: 'nobody', account_id: 'a2', created_at: AT, expires_at: AT }).execute(),
    ).rejects.toThrow(VIOLATES.foreignKey);
    expect(await db.selectFrom('issuer_members').select('member_id').execute()).toEqual([{ member_id: 'M-1' }]);
  });
});
