import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';
import { seedIssuerAndBadgeClass, seedRows } from './support/migrationSeeds';

describe('migration 002 (earners)', () => {
  it('keeps existing data, adds the earner tables and an owner column on assertions', async () => {
    const db = await testDb({ migrateTo: 1 });
    await seedIssuerAndBadgeClass(db);
    await db.insertInto('assertions').values(seedRows.assertion('a1', { recipient_name: 'Ann' })).execute();

    await migrate(db, 2);
    expect(await schemaVersion(db)).toBe(2);
    expect(await db.selectFrom('assertions').select(['id', 'recipient_name', 'claim_state', 'is_public', 'account_id']).execute()).toEqual([
      { id: 'a1', recipient_name: 'Ann', claim_state: 'pending', is_public: 1, account_id: null },
    ]);
    const tables = new Map((await db.introspection.getTables()).map((table) => [table.name, table.columns.length]));
    for (const table of ['accounts', 'account_emails', 'sessions', 'one_time_tokens', 'mail_queue', 'outbox']) expect(tables.get(table), table).toBeGreaterThan(0);

    const account = (id: string, email: string) =>
      db.insertInto('accounts').values({ id, first_name: 'Ann', last_name: 'Lee', email, password_hash: 'h', created_at: 'x', updated_at: 'x' }).execute();
    await account('acc1', 'e@x.example');
    await db.updateTable('assertions').set({ account_id: 'acc1' }).where('id', '=', 'a1').execute();
    await expect(db.updateTable('assertions').set({ account_id: 'nobody' }).where('id', '=', 'a1').execute()).rejects.toThrow(VIOLATES.foreignKey);
    await expect(
      db.insertInto('one_time_tokens').values({ id: 't', secret_hash: 'h', kind: 'magic' as 'claim', created_at: 'x', expires_at: 'x' }).execute(),
    ).rejects.toThrow(VIOLATES.check);
    // A verified address counts for one account only.
    await account('acc2', 'bo@x.example');
    const alternate = (accountId: string) =>
      db.insertInto('account_emails').values({ account_id: accountId, email: 'alt@x.example', verified_at: 'x', created_at: 'x' }).execute();
    await alternate('acc1');
    await expect(alternate('acc2')).rejects.toThrow(VIOLATES.unique);
    // Deleting an account leaves its badges (owner cleared) and removes its emails.
    await db.deleteFrom('accounts').where('id', '=', 'acc1').execute();
    expect(await db.selectFrom('assertions').select('account_id').where('id', '=', 'a1').execute()).toEqual([{ account_id: null }]);
    expect(await db.selectFrom('account_emails').selectAll().execute()).toEqual([]);
  });
});
