// The database of one test: SQLite in memory, or (TEST_DATABASE=postgres) a fresh PostgreSQL database
// copied from the migrated template of the run's throwaway cluster (support/postgresGlobalSetup.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db, type Engine, type OpenOptions } from '../../src/db/connection';

export const TEST_ENGINE: Engine = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

interface Opened {
  db: Db;
  database: string | null;
}

// Databases a test opened close after that test; those opened in beforeAll (outside any test) after the file.
const opened: Opened[] = [];
const openedForFile: Opened[] = [];
let insideTest = false;

/** support/setup.ts marks where each test begins and ends. */
export function markTestRunning(running: boolean): void {
  insideTest = running;
}
const queries = new WeakMap<Db, string[]>();

/** The SQL of every query run on a database testDb opened, oldest first. */
export function queriesOf(db: Db): readonly string[] {
  return queries.get(db) ?? [];
}

function withQueryLog(options: OpenOptions): { options: OpenOptions; register(db: Db): void } {
  const log: string[] = [];
  return { options: { ...options, onQuery: (sql) => log.push(sql) }, register: (db) => queries.set(db, log) };
}

function cluster() {
  const { urlPattern, template } = inject('postgres');
  return { url: (database: string) => urlPattern.replace('{database}', database), template };
}

// One connection per test file to the cluster's `postgres` database, for CREATE and DROP DATABASE.
let admin: Promise<pg.Client> | null = null;

function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: cluster().url('postgres') });
    await client.connect();
    return client;
  })();
  return admin;
}

export async function closeAdminClient(): Promise<void> {
  const client = admin;
  admin = null;
  if (client) await (await client).end();
}

/**
 * A new database of the test cluster (PostgreSQL only): a copy of the migrated template, or an empty one.
 * FILE_COPY: with durability off, copying the files is several times faster than logging every page.
 */
export async function createTestDatabase(migrated = true): Promise<{ name: string; url: string }> {
  const { url, template } = cluster();
  const name = `test_${randomBytes(8).toString('hex')}`;
  await (await adminClient()).query(`CREATE DATABASE ${name} TEMPLATE ${migrated ? template : 'template0'} STRATEGY FILE_COPY`);
  return { name, url: url(name) };
}

/** Drops a database of the test cluster, closing whatever still connects to it. */
export async function dropTestDatabase(name: string): Promise<void> {
  await (await adminClient()).query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * A fresh, migrated database for one test, on the engine of this run; closed (and on PostgreSQL dropped)
 * after the test. `migrateTo` stops at that schema version (tests of a migration).
 */
export async function testDb(options: OpenOptions = {}): Promise<Db> {
  const logged = withQueryLog(options);
  if (TEST_ENGINE === 'sqlite') {
    const db = await openDb(':memory:', logged.options);
    logged.register(db);
    (insideTest ? opened : openedForFile).push({ db, database: null });
    return db;
  }
  const { name, url } = await createTestDatabase(options.migrateTo === undefined);
  const db = await openDb(url, logged.options);
  logged.register(db);
  (insideTest ? opened : openedForFile).push({ db, database: name });
  return db;
}

/** Closes every database the test opened (support/setup.ts runs it after each test), or with `file` those of the whole file. */
export async function closeTestDatabases(scope: 'test' | 'file' = 'test'): Promise<void> {
  for (const { db, database } of (scope === 'test' ? opened : openedForFile).splice(0)) {
    await db.destroy();
    if (database) await dropTestDatabase(database);
  }
}
