// `npm run --silent admin -- issue-csv <file> --badge <id>`: the CLI issues a CSV file as a bulk job on the
// configured database, prints the job and its report as one JSON object, and shows progress on a terminal.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkJobResponse } from '../../shared/schemas/bulk';
import { progressLine } from '../src/bulk/progress';
import { createBadgeClass } from '../src/db/badgeClasses';
import { openDb, type Db } from '../src/db/connection';
import { listMailQueue } from '../src/db/mailQueue';
import { makeIssuer, TEST_ENGINE } from './helpers';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

const run = promisify(execFile);

let dir: string;
let database: string;
let postgresDatabase: string | null = null;
let db: Db;
let badgeClassId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'badgelens-issue-csv-'));
  if (TEST_ENGINE === 'postgres') {
    const created = await createTestDatabase();
    postgresDatabase = created.name;
    database = created.url;
  } else {
    database = join(dir, 'badgelens.db');
  }
  db = await openDb(database);
  const { issuer } = await makeIssuer(db);
  badgeClassId = (await createBadgeClass(db, issuer.id, { name: 'CLI Badge', description: 'D', category: 'skill', criteria: 'C' })).id;
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (postgresDatabase) await dropTestDatabase(postgresDatabase);
  postgresDatabase = null;
});

async function issueCsv(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'api/src/cli/admin.ts', 'issue-csv', ...args], {
      env: {
        ...process.env,
        PUBLIC_URL: 'https://badges.cli.test',
        ...(TEST_ENGINE === 'postgres' ? { DATABASE_URL: database } : { DATABASE_PATH: database, DATABASE_URL: '' }),
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function csvFile(text: string): string {
  const path = join(dir, 'recipients.csv');
  writeFileSync(path, text);
  return path;
}

describe('admin issue-csv', () => {
  it('issues the file and prints the job with one report entry per row as the only output; run again, it skips them all', async () => {
    const file = csvFile('email,name\r\nada@example.org,Ada\r\n\r\nnot-an-email,Nope\r\ngrace@example.org,Grace\r\n');
    const result = await issueCsv(file, '--badge', badgeClassId);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const job = JSON.parse(result.stdout) as BulkJobResponse;
    expect(job).toMatchObject({ state: 'done', badgeClassId, total: 3, processed: 3, issued: 2, skipped: 0, errors: 1 });
    expect(job.report.map((entry) => [entry.row, entry.email, entry.status])).toEqual([
      [1, 'ada@example.org', 'issued'],
      [2, 'not-an-email', 'error'],
      [3, 'grace@example.org', 'issued'],
    ]);
    const mails = await listMailQueue(db);
    expect(mails.map((mail) => mail.to).sort()).toEqual(['ada@example.org', 'grace@example.org']);
    expect(mails[0].text).toContain('https://badges.cli.test/claim/');

    const again = JSON.parse((await issueCsv(file, '--badge', badgeClassId)).stdout) as BulkJobResponse;
    expect(again).toMatchObject({ state: 'done', issued: 0, skipped: 2, errors: 1 });
    expect(again.report[0].assertionId).toBe(job.report[0].assertionId);
    expect(await listMailQueue(db)).toHaveLength(2);
  }, 240_000);

  it('refuses an unknown badge class, a missing option, an unreadable file and a CSV it cannot read, with nothing on stdout', async () => {
    const file = csvFile('email,name\nada@example.org,Ada\n');
    const cases: [string[], RegExp][] = [
      [[file, '--badge', 'no-such-badge'], /--badge: no badge class with id "no-such-badge"/],
      [[file], /--badge: required/],
      [[join(dir, 'missing.csv'), '--badge', badgeClassId], /cannot read .*missing\.csv/],
      [[csvFile('mail,name\nada@example.org,Ada\n'), '--badge', badgeClassId], /Unknown column in the header row: "mail"/],
    ];
    for (const [args, message] of cases) {
      const result = await issueCsv(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(await db.selectFrom('bulk_jobs').select('id').execute()).toEqual([]);
  }, 240_000);
});

describe('progressLine', () => {
  it('draws a bar, the percentage and the counters', () => {
    expect(progressLine({ total: 10_000, processed: 4_500, issued: 4_400, skipped: 60, errors: 40 }, 20)).toBe(
      '[#########-----------]  45%  4,500/10,000 rows · 4,400 issued · 60 skipped · 40 errors',
    );
    expect(progressLine({ total: 3, processed: 3, issued: 3, skipped: 0, errors: 0 }, 10)).toBe('[##########] 100%  3/3 rows · 3 issued · 0 skipped · 0 errors');
    expect(progressLine({ total: 0, processed: 0, issued: 0, skipped: 0, errors: 0 }, 4)).toBe('[####] 100%  0/0 rows · 0 issued · 0 skipped · 0 errors');
  });
});
