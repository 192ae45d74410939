/**
 * Benchmark of bulk issuing: a CSV of 10,000 rows uploaded to POST /api/v1/badges/:id/assertions/bulk,
 * issued by the background worker into an embedded SQLite file (WAL, as the server runs it), each issued
 * row with its claim email queued.
 *
 *   npm run bench:bulk-issue               10,000 rows
 *   npm run bench:bulk-issue -- --rows 2000
 *
 * Target (issue 19): 10,000 rows in under 10 s, upload to job done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../api/src/app';
import { runBulkJobs } from '../api/src/bulk/worker';
import { createApiKey } from '../api/src/db/apiKeys';
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { openDb } from '../api/src/db/connection';
import { createIssuer } from '../api/src/db/issuers';

const PUBLIC_URL = 'https://badges.bench.test';
const TARGET_MS = 10_000;
const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rowCount = Number(values.rows);

function csv(rows: number): string {
  const lines = ['email,name,evidence,narrative'];
  for (let n = 1; n <= rows; n++) {
    lines.push(`earner${n}@bench.example,Earner Number ${n},https://evidence.bench.example/${n},"Completed the course, with distinction"`);
  }
  return lines.join('\r\n') + '\r\n';
}

const dir = mkdtempSync(join(tmpdir(), 'badgelens-bench-bulk-'));
const db = await openDb(join(dir, 'bench.db'));
try {
  const issuer = await createIssuer(db, { name: 'Bench Guild', url: 'https://guild.bench.example', email: 'office@guild.bench.example' });
  const { apiKey } = await createApiKey(db, issuer.id);
  const badge = await createBadgeClass(db, issuer.id, { name: 'Bench Badge', description: 'D', category: 'skill', criteria: 'C' });
  const app = createApp({ db, publicUrl: PUBLIC_URL, rateLimits: 'off' });
  const body = csv(rowCount);

  const started = performance.now();
  const response = await app.request(`/api/v1/badges/${badge.id}/assertions/bulk`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'text/csv' },
    body,
  });
  if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const { jobId } = (await response.json()) as { jobId: string };
  const uploaded = performance.now();
  await runBulkJobs({ db, publicUrl: PUBLIC_URL, now: () => new Date() });
  const finished = performance.now();

  const job = await db.selectFrom('bulk_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  const { n: mails } = await db.selectFrom('mail_queue').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
  const totalMs = finished - started;
  console.log(`bulk issuing, ${rowCount} rows (${(body.length / 1024 / 1024).toFixed(1)} MB of CSV), SQLite file, load average ${loadavg()[0].toFixed(2)}`);
  console.log(`  upload (parse, check, store the job): ${(uploaded - started).toFixed(0)} ms`);
  console.log(`  issuing (worker, chunks of rows):     ${(finished - uploaded).toFixed(0)} ms`);
  console.log(`  total: ${(totalMs / 1000).toFixed(2)} s, ${Math.round(rowCount / (totalMs / 1000))} rows/s`);
  console.log(`  job: ${job.state}, issued ${job.issued}, skipped ${job.skipped}, errors ${job.errors}; emails queued: ${Number(mails)}`);
  console.log(`  target: under ${TARGET_MS / 1000} s for 10,000 rows -> ${(totalMs * (10_000 / rowCount)) < TARGET_MS ? 'met' : 'NOT met'} (ratio ${(totalMs / TARGET_MS * (10_000 / rowCount)).toFixed(2)} of the budget)`);
  if (job.state !== 'done' || job.issued !== rowCount || Number(mails) !== rowCount) process.exitCode = 1;
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
