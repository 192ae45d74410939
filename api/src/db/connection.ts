import { Kysely, type LogEvent } from 'kysely';
import { resolve } from 'node:path';
import { registerSqlite, type Db } from './engine';
import { migrate } from './migrate';
import { isPostgresUrl, postgresDialect } from './postgres';
import type { Database } from './schema';
import { BadgeLensSqliteDialect, CachedStatementDatabase, openSqliteFile } from './sqlite';

export { engineOf, isPostgres, transaction, type Db, type Engine } from './engine';

export interface OpenOptions {
  /** Migrate up to this version instead of the latest (tests of one migration). */
  migrateTo?: number;
  /** Called with the SQL of every query run (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Opens the database and migrates it: a `postgres://` URL opens a connection pool to PostgreSQL; anything
 * else is the path of the embedded SQLite file (`:memory:` for a throwaway one), opened with WAL, foreign
 * keys and a busy timeout. Refuses a database whose schema is newer than this code.
 */
export async function openDb(target: string, options: OpenOptions = {}): Promise<Db> {
  const { onQuery } = options;
  const log = onQuery ? (event: LogEvent) => void (event.level === 'query' && onQuery(event.query.sql)) : undefined;
  let db: Db;
  if (isPostgresUrl(target)) {
    db = new Kysely<Database>({ dialect: postgresDialect(target), log });
  } else {
    const raw = openSqliteFile(target);
    const statements = new CachedStatementDatabase(raw);
    db = new Kysely<Database>({ dialect: new BadgeLensSqliteDialect({ database: statements }), log });
    registerSqlite(db, { raw, clearStatements: () => statements.clear() });
  }
  try {
    await migrate(db, options.migrateTo);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** The database the server, CLI and workers use: DATABASE_URL (PostgreSQL) or else the SQLite file at DATABASE_PATH. */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url)) throw new Error(`DATABASE_URL must be a postgres:// URL, got "${url.split(':')[0]}:…"`);
    return url;
  }
  return resolve(env.DATABASE_PATH ?? './data/badgelens.db');
}

/** Where a target points, for logs: the file path, or the PostgreSQL host and database without credentials. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  const url = new URL(target);
  return `postgres://${url.host}${url.pathname}`;
}
