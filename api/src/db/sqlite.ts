// The embedded engine: better-sqlite3 behind Kysely's SQLite dialect.
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Opens (creating if needed) the file with WAL, foreign keys and a busy timeout. */
export function openSqliteFile(path: string): BetterSqlite3.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  return raw;
}

export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database object Kysely's driver talks to. The driver prepares every query it runs; preparing
 * (parsing and planning the SQL) costs more than running a small indexed query, so statements are kept
 * by SQL text, the least recently used dropped past `capacity`.
 */
export class CachedStatementDatabase implements SqliteDatabase {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly capacity = STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement) {
      this.#statements.delete(sql);
    } else {
      statement = this.raw.prepare(sql);
      if (this.#statements.size >= this.capacity) this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  get cachedStatements(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.raw.close();
  }
}

/**
 * Transactions start with BEGIN IMMEDIATE: a transaction that reads then writes takes the write lock
 * up front, so another process (the admin CLI, a second server) waits on the busy timeout instead of
 * failing with SQLITE_BUSY halfway through.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class BadgeLensSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateTransactionDriver(this.#config);
  }
}
