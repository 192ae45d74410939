// Two API nodes (two connection pools) on one PostgreSQL database working on the same bulk job at once,
// with leases so short that they keep taking it from each other: every row is still issued exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRows, rowsFromCsv } from '../../src/bulk/rows';
import { runBulkJobs } from '../../src/bulk/worker';
import { createBadgeClass } from '../../src/db/badgeClasses';
import { createBulkJob, getBulkJob, listBulkReport } from '../../src/db/bulkJobs';
import { openDb, type Db } from '../../src/db/connection';
import { makeIssuer } from '../helpers';
import { createTestDatabase, dropTestDatabase } from '../support/testDatabase';

const PUBLIC_URL = 'https://badges.nodes.test';
const ROWS = 300;
let database: { name: string; url: string };
let nodes: Db[];

beforeAll(async () => {
  database = await createTestDatabase();
  nodes = [await openDb(database.url), await openDb(database.url)];
});
afterAll(async () => {
  for (const node of nodes) await node.destroy();
  await dropTestDatabase(database.name);
});

describe('bulk jobs on several nodes', () => {
  it('issue every row once while the nodes keep taking the job from each other', async () => {
    const [first] = nodes;
    const { issuer } = await makeIssuer(first);
    const badge = await createBadgeClass(first, issuer.id, { name: 'Shared', description: 'D', category: 'skill', criteria: 'C' });
    const csv = ['email,name', ...Array.from({ length: ROWS }, (_, n) => `n${n}@nodes.example,N ${n}`), `n0@nodes.example,Again`].join('\n');
    const job = await createBulkJob(first, { issuerId: issuer.id, badgeClassId: badge.id, rows: checkRows(rowsFromCsv(csv), new Date()) });

    const chunks = [0, 0];
    const work = async (index: number) => {
      const db = nodes[index];
      for (;;) {
        // A lease of 1 ms has always run out by the next chunk: the other node may take the job at any point.
        await runBulkJobs({ db, publicUrl: PUBLIC_URL, now: () => new Date() }, { chunkSize: 7, leaseMs: 1, onProgress: () => chunks[index]++ });
        const state = (await getBulkJob(db, job.id))!.state;
        if (state === 'done' || state === 'failed') return;
      }
    };
    await Promise.all([work(0), work(1)]);

    expect(await getBulkJob(first, job.id)).toMatchObject({ state: 'done', total: ROWS + 1, processed: ROWS + 1, issued: ROWS, skipped: 1, errors: 0 });
    expect(chunks[0] + chunks[1]).toBeGreaterThanOrEqual(Math.ceil((ROWS + 1) / 7));
    const report = await listBulkReport(first, job.id);
    expect(report.map((entry) => entry.row)).toEqual(Array.from({ length: ROWS + 1 }, (_, n) => n + 1));
    const assertions = await first.selectFrom('assertions').select(['id', 'recipient_email']).where('badge_class_id', '=', badge.id).execute();
    expect(assertions).toHaveLength(ROWS);
    expect(new Set(assertions.map((row) => row.recipient_email)).size).toBe(ROWS);
    expect(report[ROWS]).toMatchObject({ status: 'skipped', assertionId: report[0].assertionId });
    const mails = await first.selectFrom('mail_queue').select('to_address').execute();
    expect(mails).toHaveLength(ROWS);
    expect(new Set(mails.map((mail) => mail.to_address)).size).toBe(ROWS);
  }, 120_000);
});
