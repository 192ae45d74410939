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
 * A prepared statement as Kysely's driver uses it. Rows are read as arrays and turned into objects here:
 * better-sqlite3 builds each row object key by key through the V8 API, several times slower than plain
 * JavaScript assigning the same keys in the same order (a 100-badge verify reads 100 rows of 40 columns).
 */
class RowStatement implements SqliteStatement {
  readonly reader: boolean;
  #columns: string[] = [];

  constructor(private readonly statement: BetterSqlite3.Statement) {
    this.reader = statement.reader;
    if (this.reader) {
      statement.raw(true);
      this.#columns = statement.columns().map((column) => column.name);
    }
  }

  #object(values: unknown[]): Record<string, unknown> {
    // A schema change re-prepares the statement inside SQLite: `SELECT *` may then return other columns.
    if (values.length !== this.#columns.length) this.#columns = this.statement.columns().map((column) => column.name);
    const row: Record<string, unknown> = {};
    const columns = this.#columns;
    for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
    return row;
  }

  all(parameters: readonly unknown[]): unknown[] {
    return (this.statement.all(parameters) as unknown[][]).map((values) => this.#object(values));
  }

  run(parameters: readonly unknown[]) {
    return this.statement.run(parameters);
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    for (const values of this.statement.iterate(parameters) as IterableIterator<unknown[]>) yield this.#object(values);
  }
}

/**
 * The database object Kysely's driver talks to. The driver prepares every query it runs; preparing
 * (parsing and planning the SQL) costs more than running a small indexed query, so statements are kept
 * by SQL text, the least recently used dropped past `capacity`.
 */
export class CachedStatementDatabase implements SqliteDatabase {
  readonly #statements = new Map<string, RowStatement>();

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly capacity = STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement) {
      this.#statements.delete(sql);
    } else {
      statement = new RowStatement(this.raw.prepare(sql));
      if (this.#statements.size >= this.capacity) this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  get cachedStatements(): number {
    return this.#statements.size;
  }

  /** Forgets every statement (after a migration: their columns may have changed). */
  clear(): void {
    this.#statements.clear();
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
