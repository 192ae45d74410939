import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/** The data layer's handle: a Kysely instance (or a transaction) on either engine. Every db/ function takes one. */
export type Db = Kysely<Database>;

export type Engine = 'sqlite' | 'postgres';

/** What openDb keeps of an SQLite database besides its Kysely instance. */
export interface SqliteParts {
  raw: BetterSqlite3.Database;
  /** Forgets the cached prepared statements. */
  clearStatements(): void;
}

const sqliteParts = new WeakMap<Db, SqliteParts>();

export function registerSqlite(db: Db, parts: SqliteParts): void {
  sqliteParts.set(db, parts);
}

/** The SQLite parts of a Db opened by openDb (migrations run on the raw handle synchronously); null otherwise. */
export function sqliteOf(db: Db): SqliteParts | null {
  return sqliteParts.get(db) ?? null;
}

/** The better-sqlite3 handle under an SQLite Db opened by openDb; null otherwise. */
export function sqliteHandle(db: Db): BetterSqlite3.Database | null {
  return sqliteParts.get(db)?.raw ?? null;
}

const engines = new WeakMap<Db, Engine>();

/** Which engine a Db (or a transaction) talks to: PostgreSQL numbers its parameters, SQLite does not. */
export function engineOf(db: Db): Engine {
  let engine = engines.get(db);
  if (!engine) {
    engine = sql`${0}`.compile(db).sql === '$1' ? 'postgres' : 'sqlite';
    engines.set(db, engine);
  }
  return engine;
}

export function isPostgres(db: Db): boolean {
  return engineOf(db) === 'postgres';
}

/**
 * Runs `work` in one transaction (BEGIN IMMEDIATE on SQLite), or inside the caller's when `db` already is
 * one, so data functions compose. Everything inside must use the `trx` it is given: on SQLite, a query on
 * the outer handle would wait for this transaction to end.
 */
export function transaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
