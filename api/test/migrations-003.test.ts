import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m003Sharing } from '../src/db/migrations/003-sharing';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';
import { seedIssuerAndBadgeClass, seedRows } from './support/migrationSeeds';

async function databaseAtVersion3() {
  const db = await testDb({ migrateTo: 3 });
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('assertions').values(seedRows.assertion()).execute();
  return db;
}

describe('migration 003 (sharing counters)', () => {
  it('is the third migration', () => {
    expect(migrations.indexOf(m003Sharing)).toBe(2);
  });

  it('creates the daily counters table on a version 2 database', async () => {
    const db = await testDb({ migrateTo: 2 });
    const table = async () => (await db.introspection.getTables()).find((t) => t.name === 'assertion_daily_counts');
    expect(await table()).toBeUndefined();
    await migrate(db, 3);
    expect(await schemaVersion(db)).toBe(3);
    expect((await table())?.columns.map((column) => column.name)).toEqual(['assertion_id', 'event', 'day', 'count']);
  });

  it('keeps one row per assertion, event and day, and refuses unknown events, bad days and unknown badges', async () => {
    const db = await databaseAtVersion3();
    const insert = (assertionId: string, event: string, day: string) =>
      db.insertInto('assertion_daily_counts').values({ assertion_id: assertionId, event, day, count: 1 }).execute();
    await insert('a1', 'linkedin', '2026-03-10');
    await expect(insert('a1', 'linkedin', '2026-03-10')).rejects.toThrow(VIOLATES.unique);
    await expect(insert('a1', 'myspace', '2026-03-10')).rejects.toThrow(VIOLATES.check);
    await expect(insert('a1', 'view', '10/03/2026')).rejects.toThrow(VIOLATES.check);
    await expect(insert('nope', 'view', '2026-03-10')).rejects.toThrow(VIOLATES.foreignKey);
  });

  it('drops the counters of a deleted badge', async () => {
    const db = await databaseAtVersion3();
    await db.insertInto('assertion_daily_counts').values({ assertion_id: 'a1', event: 'view', day: '2026-03-10', count: 3 }).execute();
    await db.deleteFrom('assertions').where('id', '=', 'a1').execute();
    expect(await db.selectFrom('assertion_daily_counts').selectAll().execute()).toEqual([]);
  });
});
