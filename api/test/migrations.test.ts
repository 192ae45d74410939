import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPostgres, openDb, type Db } from '../src/db/connection';
import { DatabaseTooNewError, migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { TEST_ENGINE, testDb } from './helpers';
import { VIOLATES } from './support/constraints';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

/** A database that can be closed and opened again: a file on SQLite, a database of the test cluster on PostgreSQL. */
async function reopenableTarget(): Promise<string> {
  if (TEST_ENGINE === 'postgres') {
    const { name, url } = await createTestDatabase(false);
    cleanUps.push(() => dropTestDatabase(name));
    return url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-db-'));
  cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'badgelens.db');
}

async function tableNames(db: Db): Promise<string[]> {
  return (await db.introspection.getTables()).map((table) => table.name);
}

async function setSchemaVersion(db: Db, version: number): Promise<void> {
  if (isPostgres(db)) await sql`UPDATE schema_version SET version = ${version}`.execute(db);
  else await sql.raw(`PRAGMA user_version = ${version}`).execute(db);
}

describe('openDb', () => {
  it('migrates a new database to the latest version; reopening keeps its data and does not migrate again', async () => {
    const target = await reopenableTarget();
    const first = await openDb(target);
    expect(await schemaVersion(first)).toBe(migrations.length);
    await first.insertInto('issuers').values({ id: 'i1', name: 'Kept', url: 'https://k.example', email: 'k@k.example', created_at: 'x', updated_at: 'x' }).execute();
    await first.destroy();
    const second = await openDb(target);
    expect(await second.selectFrom('issuers').select('name').execute()).toEqual([{ name: 'Kept' }]);
    expect(await schemaVersion(second)).toBe(migrations.length);
    await second.destroy();
  });

  it('refuses a database written by newer code', async () => {
    const target = await reopenableTarget();
    const db = await openDb(target);
    await setSchemaVersion(db, migrations.length + 1);
    await db.destroy();
    await expect(openDb(target)).rejects.toThrow(DatabaseTooNewError);
  });
});

describe('migration 001 (core)', () => {
  it('creates the core tables with their constraints', async () => {
    const db = await testDb({ migrateTo: 1 });
    expect(await schemaVersion(db)).toBe(1);
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['assertions', 'badge_classes', 'issuer_api_keys', 'issuers']));
    await db.insertInto('issuers').values({ id: 'i1', name: 'I', url: 'https://i.example', email: 'i@i.example', created_at: 'x', updated_at: 'x' }).execute();
    const insertBadge = (id: string, issuerId: string, category: string) =>
      db
        .insertInto('badge_classes')
        .values({ id, issuer_id: issuerId, name: 'B', description: 'D', category: category as 'skill', criteria_narrative: 'C', created_at: 'x', updated_at: 'x' })
        .execute();
    await expect(insertBadge('b0', 'i1', 'hobby')).rejects.toThrow(VIOLATES.check);
    await expect(insertBadge('b1', 'no-such-issuer', 'skill')).rejects.toThrow(VIOLATES.foreignKey);
    await insertBadge('b2', 'i1', 'skill');
    const insertAssertion = (id: string, claimState: string) =>
      db
        .insertInto('assertions')
        .values({
          id, badge_class_id: 'b2', recipient_email: 'e', recipient_salt: 's', recipient_hash: 'h', recipient_name: 'n', issued_on: 'x',
          claim_state: claimState as 'pending', created_at: 'x',
        })
        .execute();
    await expect(insertAssertion('a0', 'lost')).rejects.toThrow(VIOLATES.check);
    await insertAssertion('a1', 'pending');
    await db.deleteFrom('issuers').where('id', '=', 'i1').execute();
    expect(await db.selectFrom('assertions').select('id').execute()).toEqual([]);
  });
});

describe('the migration runner', () => {
  it('rolls a failing migration back whole and leaves the version unchanged', async () => {
    const db = await testDb();
    const latest = migrations.length;
    await db.schema.createTable('blocker').addColumn('x', 'text').execute();
    migrations.push({
      name: 'broken',
      sqlite(raw) {
        raw.exec('CREATE TABLE half_done (y TEXT)');
        raw.exec('CREATE TABLE blocker (x TEXT)');
      },
      async postgres(trx) {
        await sql`CREATE TABLE half_done (y text)`.execute(trx);
        await sql`CREATE TABLE blocker (x text)`.execute(trx);
      },
    });
    try {
      await expect(migrate(db)).rejects.toThrow(/blocker/);
    } finally {
      migrations.pop();
    }
    expect(await tableNames(db)).not.toContain('half_done');
    expect(await schemaVersion(db)).toBe(latest);
  });
});
