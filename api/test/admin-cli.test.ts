import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { openDb } from '../src/db/connection';
import { getIssuer } from '../src/db/issuers';
import { countRows, PUBLIC_URL, TEST_ENGINE } from './helpers';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

const run = promisify(execFile);

let dir: string;
/** The CLI's database: a new file on SQLite, a new (unmigrated) database on PostgreSQL. */
let database: string;
let postgresDatabase: string | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'badgelens-admin-'));
  if (TEST_ENGINE === 'postgres') {
    const created = await createTestDatabase(false);
    postgresDatabase = created.name;
    database = created.url;
  } else {
    database = join(dir, 'badgelens.db');
  }
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (postgresDatabase) await dropTestDatabase(postgresDatabase);
  postgresDatabase = null;
});

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'api/src/cli/admin.ts', ...args], {
      env: { ...process.env, ...(TEST_ENGINE === 'postgres' ? { DATABASE_URL: database } : { DATABASE_PATH: database, DATABASE_URL: '' }) },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function parseOnlyJsonObject(stdout: string): { issuerId: string; apiKey: string } {
  const value = JSON.parse(stdout);
  expect(Object.keys(value).sort()).toEqual(['apiKey', 'issuerId']);
  return value;
}

describe('admin CLI', () => {
  it('create-issuer prints one JSON object whose key works against the API on the same database', async () => {
    const result = await admin('create-issuer', '--name', 'Guild of CLI Welders', '--url', 'https://guild.test', '--email', 'office@guild.test', '--description', 'We weld.', '--linkedin-org-id', '12345');
    expect(result.code).toBe(0);
    const { issuerId, apiKey } = parseOnlyJsonObject(result.stdout);
    expect(apiKey).toMatch(/^blk_/);

    const db = await openDb(database);
    try {
      const app = createApp({ db, publicUrl: PUBLIC_URL });
      const res = await app.request('/api/v1/issuer', { headers: { Authorization: `Bearer ${apiKey}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: issuerId, name: 'Guild of CLI Welders', url: 'https://guild.test', email: 'office@guild.test', description: 'We weld.', linkedInOrganizationId: '12345' });
    } finally {
      await db.destroy();
    }

    const second = await admin('create-key', '--issuer', issuerId);
    expect(second.code).toBe(0);
    const again = parseOnlyJsonObject(second.stdout);
    expect(again.issuerId).toBe(issuerId);
    expect(again.apiKey).not.toBe(apiKey);
    const reopened = await openDb(database);
    try {
      const res = await createApp({ db: reopened, publicUrl: PUBLIC_URL }).request('/api/v1/issuer', { headers: { Authorization: `Bearer ${again.apiKey}` } });
      expect((await res.json()).id).toBe(issuerId);
    } finally {
      await reopened.destroy();
    }
  }, 120_000);

  it('refuses invalid or missing options with exit code 1, a usage message on stderr and nothing on stdout', async () => {
    const invalid = await admin('create-issuer', '--name', 'X', '--url', 'ftp://x.test', '--email', 'not-an-email');
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(/--url: must be an http\(s\) URL/);
    expect(invalid.stderr).toMatch(/--email: must be an email address/);
    expect(invalid.stderr).toMatch(/Usage:/);

    const missing = await admin('create-issuer', '--name', 'X');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/missing --url, --email/);

    const unknownOption = await admin('create-issuer', '--name', 'X', '--url', 'https://x.test', '--email', 'a@x.test', '--colour', 'red');
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/--colour/);

    const fakeImage = await admin('create-issuer', '--name', 'X', '--url', 'https://x.test', '--email', 'a@x.test', '--image', 'data:image/png;base64,aGVsbG8gd29ybGQ=');
    expect(fakeImage.code).toBe(1);
    expect(fakeImage.stdout).toBe('');
    expect(fakeImage.stderr).toMatch(/--image: .*not a PNG/);

    const unknownIssuer = await admin('create-key', '--issuer', 'no-such-issuer');
    expect(unknownIssuer.code).toBe(1);
    expect(unknownIssuer.stdout).toBe('');
    expect(unknownIssuer.stderr).toMatch(/no issuer with id "no-such-issuer"/);

    const noCommand = await admin();
    expect(noCommand.code).toBe(1);
    expect(noCommand.stderr).toMatch(/Usage:/);

    const db = await openDb(database);
    try {
      expect(await countRows(db, 'issuers')).toBe(0);
      expect(await getIssuer(db, 'no-such-issuer')).toBeNull();
    } finally {
      await db.destroy();
    }
  }, 240_000); // six CLI processes, each starting tsx: slow on a busy two-core machine
});
