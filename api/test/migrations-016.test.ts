import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m016IssuerStaff } from '../src/db/migrations/016-issuer-staff';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m016IssuerStaff);

/** A database just before this migration, holding an issuer, a key, a badge class and an account. */
async function databaseBefore() {
  const db = await databaseJustBefore(m016IssuerStaff);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('issuer_api_keys').values({ id: 'k1', issuer_id: 'i1', key_hash: 'h', label: 'first', created_at: AT }).execute();
  await db.insertInto('accounts').values(seedRows.account('a1', { email: 'ada@x.example', email_verified_at: AT })).execute();
  return db;
}

const member = (role: string, accountId = 'a1') => ({ issuer_id: 'i1', account_id: accountId, role: role as 'owner', created_at: AT, updated_at: AT });

describe('migration 016 (issuer staff)', () => {
  it('is registered once, after the bulk jobs', () => {
    expect(migrations.filter((migration) => migration === m016IssuerStaff)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(12);
  });

  it('adds the staff, invitation and audit tables and the new columns, keeping what was there', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('badge_classes').select(['id', 'archived_at']).execute()).toEqual([{ id: 'b1', archived_at: null }]);
    expect(await db.selectFrom('issuer_api_keys').select(['id', 'label', 'last_used_at']).execute()).toEqual([{ id: 'k1', label: 'first', last_used_at: null }]);
    await db.insertInto('issuer_staff').values(member('owner')).execute();
    await db
      .insertInto('issuer_staff_invitations')
      .values({ id: 'inv1', secret_hash: 'h', issuer_id: 'i1', email: 'b@x.example', role: 'viewer', invited_by: 'a1', created_at: AT, expires_at: AT })
      .execute();
    await db.insertInto('console_audit_log').values({ issuer_id: 'i1', account_id: 'a1', actor_email: 'ada@x.example', action: 'staff.invite', created_at: AT }).execute();
    await db.insertInto('console_audit_log').values({ issuer_id: 'i1', account_id: 'a1', actor_email: 'ada@x.example', action: 'key.create', created_at: AT }).execute();
    expect(await db.selectFrom('console_audit_log').select(['id', 'action']).orderBy('id').execute()).toEqual([
      { id: 1, action: 'staff.invite' },
      { id: 2, action: 'key.create' },
    ]);
  });

  it('refuses unknown roles, a person twice at one issuer and staff of unknown accounts', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await expect(db.insertInto('issuer_staff').values(member('admin')).execute()).rejects.toThrow(VIOLATES.check);
    await db.insertInto('issuer_staff').values(member('viewer')).execute();
    await expect(db.insertInto('issuer_staff').values(member('owner')).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('issuer_staff').values(member('owner', 'nobody')).execute()).rejects.toThrow(VIOLATES.foreignKey);
  });

  it('forgets staff with their account but keeps the audit trail, naming who acted', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('issuer_staff').values(member('owner')).execute();
    await db.insertInto('console_audit_log').values({ issuer_id: 'i1', account_id: 'a1', actor_email: 'ada@x.example', action: 'badge.revoke', created_at: AT }).execute();
    await db.deleteFrom('accounts').execute();
    expect(await db.selectFrom('issuer_staff').select('account_id').execute()).toEqual([]);
    expect(await db.selectFrom('console_audit_log').select(['account_id', 'actor_email']).execute()).toEqual([{ account_id: null, actor_email: 'ada@x.example' }]);
  });
});
