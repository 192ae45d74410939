// What only the embedded engine has: the file and its pragmas, the statement cache, BEGIN IMMEDIATE.
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, transaction } from '../../src/db/connection';
import { sqliteHandle } from '../../src/db/engine';
import { migrations } from '../../src/db/migrations';
import { schemaVersion } from '../../src/db/migrate';
import { CachedStatementDatabase } from '../../src/db/sqlite';

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-db-'));
  dirs.push(dir);
  return join(dir, 'nested', 'badgelens.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDb on SQLite', () => {
  it('creates the folder, turns on WAL, foreign keys and a busy timeout, and migrates to the latest version', async () => {
    const db = await openDb(tempDbPath());
    const raw = sqliteHandle(db)!;
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(await schemaVersion(db)).toBe(migrations.length);
    await db.destroy();
  });

  it('takes the write lock when a transaction begins, so another process waits instead of failing halfway', async () => {
    const path = tempDbPath();
    const db = await openDb(path);
    const other = new BetterSqlite3(path);
    other.pragma('busy_timeout = 0');
    try {
      await transaction(db, async (trx) => {
        await trx.selectFrom('issuers').select('id').execute();
        expect(() => other.exec("INSERT INTO outbox (to_address, subject, html, text, created_at) VALUES ('a', 's', 'h', 't', 'x')")).toThrow(/locked|busy/i);
      });
      other.exec("INSERT INTO outbox (to_address, subject, html, text, created_at) VALUES ('a', 's', 'h', 't', 'x')");
    } finally {
      other.close();
      await db.destroy();
    }
  });
});

describe('the prepared statement cache', () => {
  it('prepares each SQL text once and keeps at most its capacity, dropping the least recently used', () => {
    const raw = new BetterSqlite3(':memory:');
    const cache = new CachedStatementDatabase(raw, 2);
    const one = cache.prepare('SELECT 1 AS n');
    expect(cache.prepare('SELECT 1 AS n')).toBe(one);
    const two = cache.prepare('SELECT 2 AS n');
    expect(cache.prepare('SELECT 1 AS n')).toBe(one); // now the most recently used
    cache.prepare('SELECT 3 AS n'); // drops "SELECT 2"
    expect(cache.cachedStatements).toBe(2);
    expect(cache.prepare('SELECT 1 AS n')).toBe(one);
    expect(cache.prepare('SELECT 2 AS n')).not.toBe(two);
    expect(cache.prepare('SELECT 2 AS n').all([])).toEqual([{ n: 2 }]);
    cache.close();
  });

  it('reads rows as objects keyed by column, also after the table changed under a cached statement', async () => {
    const db = await openDb(':memory:');
    await db.insertInto('outbox').values({ to_address: 'a@x.example', subject: 'S', html: 'H', text: 'T', created_at: 'x' }).execute();
    const everything = () => sql<Record<string, unknown>>`SELECT * FROM outbox`.execute(db);
    expect((await everything()).rows).toEqual([{ id: 1, to_address: 'a@x.example', subject: 'S', html: 'H', text: 'T', created_at: 'x' }]);
    await sql`ALTER TABLE outbox ADD COLUMN note TEXT`.execute(db);
    expect((await everything()).rows).toEqual([{ id: 1, to_address: 'a@x.example', subject: 'S', html: 'H', text: 'T', created_at: 'x', note: null }]);
    await db.destroy();
  });
});
