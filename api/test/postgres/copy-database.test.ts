// `admin copy-database --to postgres://…`: an embedded SQLite database (the previous release's, from
// fixtures/legacy) copied into an empty PostgreSQL database.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { searchCatalogue } from '../../src/catalogue/search';
import { openDb, type Db } from '../../src/db/connection';
import { COPIED_TABLES } from '../../src/db/copy';
import { enqueueMail, listMailQueue } from '../../src/db/mailQueue';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../../src/earners/demoAccounts';
import { jsonRequest } from '../helpers';
import { createTestDatabase, dropTestDatabase } from '../support/testDatabase';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'legacy', 'badgelens-v4.db');
const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function admin(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'api/src/cli/admin.ts', ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-copy-'));
  cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
  const sourcePath = join(dir, 'badgelens.db');
  copyFileSync(FIXTURE, sourcePath);
  const target = await createTestDatabase(false);
  cleanUps.push(() => dropTestDatabase(target.name));
  // DATABASE_URL points elsewhere on purpose: the command copies from DATABASE_PATH.
  const env = { DATABASE_PATH: sourcePath, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
  return { sourcePath, target, env };
}

async function opened(target: string): Promise<Db> {
  const db = await openDb(target);
  cleanUps.push(() => db.destroy());
  return db;
}

async function rowsOf(db: Db, table: (typeof COPIED_TABLES)[number]): Promise<string[]> {
  return (await db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
}

describe('admin copy-database', () => {
  it('copies every row into an empty PostgreSQL database, which then serves the same answers', async () => {
    const { sourcePath, target, env } = await setup();
    const result = await admin(env, 'copy-database', '--to', target.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { copied } = JSON.parse(result.stdout) as { copied: Record<string, number> };
    expect(Object.keys(copied)).toEqual([...COPIED_TABLES]);

    const source = await opened(sourcePath);
    const copy = await opened(target.url);
    for (const table of COPIED_TABLES) {
      const rows = await rowsOf(source, table);
      expect(copied[table], table).toBe(rows.length);
      expect(await rowsOf(copy, table), table).toEqual(rows);
    }
    expect(copied.assertions).toBeGreaterThan(50);

    const app = createApp({ db: copy, publicUrl: 'https://badges.legacy.example' });
    const token = await app.request('/api/v1/auth/token', jsonRequest('POST', { email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }));
    expect(token.status).toBe(201);
    const names = async (db: Db) => (await searchCatalogue(db, { q: 'TIG' })).map((badge) => badge.name).sort();
    expect(await names(copy)).toEqual(await names(source));
    expect((await names(copy)).length).toBeGreaterThanOrEqual(3);
    // New mail is numbered after the copied mail.
    const before = Math.max(...(await listMailQueue(copy)).map((mail) => mail.id));
    expect(await enqueueMail(copy, { to: 'x@example.test', subject: 'S', html: 'H', text: 'T' })).toBe(before + 1);
  }, 120_000);

  it('refuses a target that holds any row, and leaves it as it was', async () => {
    const { target, env } = await setup();
    expect((await admin(env, 'copy-database', '--to', target.url)).code).toBe(0);
    const copy = await opened(target.url);
    const before = await rowsOf(copy, 'assertions');
    const again = await admin(env, 'copy-database', '--to', target.url);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/not empty/);
    expect(await rowsOf(copy, 'assertions')).toEqual(before);
  }, 120_000);

  it('needs a postgres:// URL', async () => {
    const { env } = await setup();
    const missing = await admin(env, 'copy-database');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--to: required/);
    const notPostgres = await admin(env, 'copy-database', '--to', 'mysql://somewhere/db');
    expect(notPostgres.code).toBe(1);
    expect(notPostgres.stderr).toMatch(/--to: must be a postgres:\/\/ URL/);
  }, 120_000);
});
