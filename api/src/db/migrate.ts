import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { sqliteHandle, sqliteOf, type Db } from './engine';
import { lockForTransaction } from './locks';
import { migrations } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly dbVersion: number, readonly codeVersion: number) {
    super(
      `The database is at schema version ${dbVersion} but this code only knows up to ${codeVersion}. ` +
        'Upgrade BadgeLens instead of running an older version against this database.',
    );
  }
}

/**
 * The schema version: SQLite keeps it in `PRAGMA user_version` (as every release did), PostgreSQL in a
 * one-row table. 0 for an empty database.
 */
export async function schemaVersion(db: Db): Promise<number> {
  const raw = sqliteHandle(db);
  if (raw) return raw.pragma('user_version', { simple: true }) as number;
  const { rows } = await sql<{ exists: boolean }>`SELECT to_regclass('schema_version') IS NOT NULL AS exists`.execute(db);
  return rows[0].exists ? postgresVersion(db) : 0;
}

async function postgresVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(db);
  return rows[0]?.version ?? 0;
}

/**
 * Applies every migration newer than the database, each in its own transaction that first re-reads the
 * version under a lock: nodes starting at the same moment apply each migration exactly once.
 */
export async function migrate(db: Db, upTo: number = migrations.length): Promise<void> {
  const sqlite = sqliteOf(db);
  if (sqlite) {
    migrateSqlite(sqlite.raw, upTo);
    // Statements prepared before may read other columns now.
    sqlite.clearStatements();
  } else {
    await migratePostgres(db, upTo);
  }
}

function migrateSqlite(raw: BetterSqlite3.Database, upTo: number): void {
  const step = raw.transaction((): boolean => {
    const current = raw.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
    if (current >= upTo) return false;
    migrations[current].sqlite(raw);
    raw.pragma(`user_version = ${current + 1}`);
    return true;
  });
  // IMMEDIATE: the write lock is taken before the version is read.
  while (step.immediate()) {
    // next migration
  }
}

async function migratePostgres(db: Db, upTo: number): Promise<void> {
  const step = (trx: Db) => async (): Promise<boolean> => {
    await lockForTransaction(trx, 'migrations');
    await sql`CREATE TABLE IF NOT EXISTS schema_version (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      version integer NOT NULL
    )`.execute(trx);
    const current = await postgresVersion(trx);
    if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
    if (current >= upTo) return false;
    await migrations[current].postgres(trx);
    await sql`INSERT INTO schema_version (version) VALUES (${current + 1})
      ON CONFLICT (only_row) DO UPDATE SET version = excluded.version`.execute(trx);
    return true;
  };
  while (await db.transaction().execute((trx) => step(trx)())) {
    // next migration
  }
}
