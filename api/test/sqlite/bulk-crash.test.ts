// Issue 19, "done when": a bulk job survives kill -9 half way. The real server runs on a temporary SQLite
// file, is killed while the job runs, and started again on the same file; the job resumes and every row
// ends up issued exactly once, with exactly one claim email. (SQLite only: the server process is the same on
// PostgreSQL, whose transactions and leases api/test/bulk-issuing.test.ts runs in the api-postgres project.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BulkJobResponse } from '../../../shared/schemas/bulk';
import { createApiKey } from '../../src/db/apiKeys';
import { createBadgeClass } from '../../src/db/badgeClasses';
import { openDb } from '../../src/db/connection';
import { createIssuer } from '../../src/db/issuers';
import { startServerProcess, type ServerProcess } from '../server-process';

const ROWS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'badgelens-bulk-crash-'));
const databasePath = join(dir, 'badgelens.db');
const env = { DATABASE_PATH: databasePath, RATE_LIMITS: 'off', PUBLIC_URL: 'https://badges.crash.test' };
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls `check` until it returns a value (not undefined), every few milliseconds, for at most `timeoutMs`. */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function killHard(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

describe('a bulk job killed half way (kill -9)', () => {
  it('resumes when the server starts again and issues every remaining row exactly once', async () => {
    const setup = await openDb(databasePath);
    const issuer = await createIssuer(setup, { name: 'Crash Test Guild', url: 'https://guild.crash.test', email: 'office@guild.crash.test' });
    const { apiKey } = await createApiKey(setup, issuer.id);
    const badge = await createBadgeClass(setup, issuer.id, { name: 'Survivor', description: 'D', category: 'skill', criteria: 'C' });
    await setup.destroy();
    const auth = { Authorization: `Bearer ${apiKey}` };

    const first = await startServerProcess(env);
    servers.push(first);
    const base = `http://127.0.0.1:${first.port}`;
    const csv = ['email,name', ...Array.from({ length: ROWS }, (_, n) => `earner${n + 1}@crash.example,Earner ${n + 1}`)].join('\n');
    const accepted = await fetch(`${base}/api/v1/badges/${badge.id}/assertions/bulk`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: csv });
    expect(accepted.status).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    const statusPath = `/api/v1/jobs/${jobId}`;

    let last: unknown;
    const seenRunning = await waitFor(async () => {
      const job = (await (await fetch(`${base}${statusPath}`, { headers: auth })).json()) as BulkJobResponse;
      last = { ...job, report: job.report?.length };
      if (job.state === 'failed' || job.state === 'done') throw new Error(`the job ended before the kill: ${JSON.stringify(last)}\n${first.output()}`);
      return job.processed > 0 && job.processed < job.total ? job : undefined;
    }, 'the job to be under way');
    await killHard(first);

    // What the database held at the moment of the kill: some rows issued, not all.
    const atCrash = await openDb(databasePath);
    const crashJob = await atCrash.selectFrom('bulk_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    const issuedBefore = await atCrash.selectFrom('bulk_job_rows').select(['row', 'assertion_id']).where('job_id', '=', jobId).where('status', '=', 'issued').execute();
    const assertionsBefore = await atCrash.selectFrom('assertions').select('id').execute();
    await atCrash.destroy();
    expect(crashJob.state).toBe('running');
    expect(crashJob.processed).toBeGreaterThanOrEqual(seenRunning.processed);
    expect(crashJob.processed).toBeLessThan(ROWS);
    // Whole chunks only: every assertion written belongs to a row recorded as issued, and the reverse.
    expect(issuedBefore).toHaveLength(crashJob.processed);
    expect(assertionsBefore.map((row) => row.id).sort()).toEqual(issuedBefore.map((row) => row.assertion_id).sort());

    const second = await startServerProcess(env);
    servers.push(second);
    const done = await waitFor(async () => {
      const job = (await (await fetch(`http://127.0.0.1:${second.port}${statusPath}`, { headers: auth })).json()) as BulkJobResponse;
      return job.state === 'done' || job.state === 'failed' ? job : undefined;
    }, 'the job to end after the restart');
    expect(done).toMatchObject({ state: 'done', total: ROWS, processed: ROWS, issued: ROWS, skipped: 0, errors: 0 });
    expect(done.report).toHaveLength(ROWS);
    expect(done.report.map((entry) => entry.row)).toEqual(Array.from({ length: ROWS }, (_, n) => n + 1));
    expect(done.report.every((entry) => entry.status === 'issued')).toBe(true);
    // Rows issued before the crash keep their entry.
    const byRow = new Map(done.report.map((entry) => [entry.row, entry.assertionId]));
    for (const row of issuedBefore) expect(byRow.get(row.row)).toBe(row.assertion_id);
    await second.stop();

    const after = await openDb(databasePath);
    try {
      const assertions = await after.selectFrom('assertions').select(['id', 'recipient_email']).where('badge_class_id', '=', badge.id).execute();
      expect(assertions).toHaveLength(ROWS);
      expect(new Set(assertions.map((row) => row.recipient_email)).size).toBe(ROWS);
      expect(new Set(done.report.map((entry) => entry.assertionId))).toEqual(new Set(assertions.map((row) => row.id)));
      const mails = await after.selectFrom('mail_queue').select('to_address').execute();
      expect(mails).toHaveLength(ROWS);
      expect(new Set(mails.map((mail) => mail.to_address)).size).toBe(ROWS);
      const claims = await after.selectFrom('one_time_tokens').select('assertion_id').where('kind', '=', 'claim').execute();
      expect(new Set(claims.map((token) => token.assertion_id)).size).toBe(ROWS);
      expect(claims).toHaveLength(ROWS);
    } finally {
      await after.destroy();
    }
  }, 240_000);
});
