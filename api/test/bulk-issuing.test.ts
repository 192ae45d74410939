// Issue 19 item 3 (API part): POST /api/v1/badges/:id/assertions/bulk and GET /api/v1/jobs/:jobId,
// through the real app and database, the worker run as the server runs it.
import { describe, expect, it } from 'vitest';
import type { BulkJobResponse } from '../../shared/schemas/bulk';
import { createApp } from '../src/app';
import { leaseBulkJob } from '../src/db/bulkJobs';
import { listMailQueue } from '../src/db/mailQueue';
import { BULK_BODY_LIMIT } from '../src/http/bodyLimit';
import { processBulkChunk, runBulkJobs, workOnBulkJob, type BulkWorkerOptions } from '../src/bulk/worker';
import { manualClock } from './earners-helpers';
import { countRows, jsonRequest, makeIssuer, PUBLIC_URL, queriesOf, testDb } from './helpers';

async function world() {
  const db = await testDb();
  const clock = manualClock();
  let queued = 0;
  const app = createApp({ db, publicUrl: PUBLIC_URL, now: clock.now, onBulkJobQueued: () => queued++ });
  const badgeOf = async (auth: Record<string, string>, name = 'Safe Welding Practice') => {
    const res = await app.request('/api/v1/badges', jsonRequest('POST', { name, description: 'D', category: 'skill', criteria: 'C' }, auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const issuer = await makeIssuer(db);
  const badgeClassId = await badgeOf(issuer.auth);
  const key = { Authorization: issuer.auth.Authorization };
  const upload = (body: string, contentType = 'text/csv', badge = badgeClassId, headers: Record<string, string> = key) =>
    app.request(`/api/v1/badges/${badge}/assertions/bulk`, { method: 'POST', body, headers: { ...headers, 'Content-Type': contentType } });
  const jobAt = async (statusUrl: string, headers: Record<string, string> = key) => {
    const res = await app.request(statusUrl.replace(PUBLIC_URL, ''), { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as BulkJobResponse;
  };
  const uploadAndRun = async (body: string, contentType = 'text/csv') => {
    const res = await upload(body, contentType);
    expect(res.status).toBe(202);
    const { statusUrl } = (await res.json()) as { statusUrl: string };
    await work();
    return jobAt(statusUrl);
  };
  const work = (options: BulkWorkerOptions = {}) => runBulkJobs({ db, publicUrl: PUBLIC_URL, now: clock.now }, options);
  return { db, app, clock, issuer, key, badgeClassId, badgeOf, upload, jobAt, uploadAndRun, work, queuedJobs: () => queued };
}

const CSV = [
  'email,name,evidence,narrative,expires',
  'ada@example.org,Ada Lovelace,https://evidence.example/ada,"Passed, with distinction",2030-01-01',
  '',
  'not-an-email,Bad Address,,,',
  'grace@example.org,,,,',
  'ADA@example.org,Ada Again,,,',
  'held@example.org,Already Holds It,,,',
  'linus@example.org,"Torvalds, Linus",,,',
  '',
].join('\r\n');

describe('bulk issuing', () => {
  it('answers 202 with the job and its absolute status URL, then issues the rows in the background with a report per row', async () => {
    const w = await world();
    const earlier = await w.app.request(
      `/api/v1/badges/${w.badgeClassId}/assertions`,
      jsonRequest('POST', { email: 'held@example.org', name: 'Already Holds It' }, w.issuer.auth),
    );
    const heldId = ((await earlier.json()) as { id: string }).id;
    const mailsBefore = (await listMailQueue(w.db)).length;

    const res = await w.upload(CSV);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { jobId: string; statusUrl: string };
    expect(accepted.statusUrl).toBe(`${PUBLIC_URL}/api/v1/jobs/${accepted.jobId}`);
    expect(res.headers.get('location')).toBe(accepted.statusUrl);
    expect(w.queuedJobs()).toBe(1);
    expect(await w.jobAt(accepted.statusUrl)).toMatchObject({ state: 'queued', total: 6, processed: 0, issued: 0, skipped: 0, errors: 0, report: [] });

    await w.work();
    const job = await w.jobAt(accepted.statusUrl);
    expect(job).toMatchObject({ id: accepted.jobId, badgeClassId: w.badgeClassId, state: 'done', total: 6, processed: 6, issued: 2, skipped: 2, errors: 2 });
    const ada = job.report[0].assertionId!;
    const linus = job.report[5].assertionId!;
    expect(job.report).toEqual([
      { row: 1, email: 'ada@example.org', status: 'issued', assertionId: ada },
      { row: 2, email: 'not-an-email', status: 'error', error: 'email must be an email address' },
      { row: 3, email: 'grace@example.org', status: 'error', error: 'name is missing' },
      { row: 4, email: 'ADA@example.org', status: 'skipped', assertionId: ada },
      { row: 5, email: 'held@example.org', status: 'skipped', assertionId: heldId },
      { row: 6, email: 'linus@example.org', status: 'issued', assertionId: linus },
    ]);

    const issued = await w.app.request(`/api/v1/assertions/${ada}`, { headers: w.key });
    expect(await issued.json()).toMatchObject({
      recipient: expect.objectContaining({ email: 'ada@example.org', name: 'Ada Lovelace' }),
      evidence: 'https://evidence.example/ada',
      narrative: 'Passed, with distinction',
      expires: '2030-01-01T00:00:00.000Z',
    });
    const linusAssertion = await w.app.request(`/api/v1/assertions/${linus}`, { headers: w.key });
    expect(await linusAssertion.json()).toMatchObject({ recipient: expect.objectContaining({ name: 'Torvalds, Linus' }) });

    // One claim email per issued row, none for the others.
    const mails = (await listMailQueue(w.db)).slice(mailsBefore);
    expect(mails.map((mail) => mail.to).sort()).toEqual(['ada@example.org', 'linus@example.org']);
    expect(mails.every((mail) => /has issued you a digital badge for Safe Welding Practice/.test(mail.subject))).toBe(true);
    expect(mails.every((mail) => mail.text.includes(`${PUBLIC_URL}/claim/`))).toBe(true);
  });

  it('issues nothing twice when the same file comes again: every good row of the new job is skipped', async () => {
    const w = await world();
    const first = await w.uploadAndRun(CSV);
    const assertions = await countRows(w.db, 'assertions');
    const mails = await countRows(w.db, 'mail_queue');
    const second = await w.uploadAndRun(CSV);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ state: 'done', total: 6, processed: 6, issued: 0, skipped: 4, errors: 2 });
    expect(second.report.filter((entry) => entry.status === 'skipped').map((entry) => [entry.row, entry.assertionId])).toEqual([
      [1, first.report[0].assertionId],
      [4, first.report[0].assertionId],
      [5, first.report[4].assertionId],
      [6, first.report[5].assertionId],
    ]);
    expect(await countRows(w.db, 'assertions')).toBe(assertions);
    expect(await countRows(w.db, 'mail_queue')).toBe(mails);
  });

  it('issues again to someone whose badge was revoked', async () => {
    const w = await world();
    const first = await w.uploadAndRun('email,name\nrevoked@example.org,Rev Oked\n');
    const revoked = first.report[0].assertionId!;
    expect((await w.app.request(`/api/v1/assertions/${revoked}/revoke`, jsonRequest('POST', { reason: 'Wrong person' }, w.issuer.auth))).status).toBe(200);
    const second = await w.uploadAndRun('email,name\nrevoked@example.org,Rev Oked\n');
    expect(second.report).toEqual([{ row: 1, email: 'revoked@example.org', status: 'issued', assertionId: expect.not.stringMatching(revoked) }]);
  });

  it('takes JSON rows the same way', async () => {
    const w = await world();
    const job = await w.uploadAndRun(
      JSON.stringify({ rows: [{ email: 'a@example.org', name: 'A', narrative: 'Well done' }, { email: 'a@example.org', name: 'A' }, { name: 'No Email' }] }),
      'application/json',
    );
    expect(job).toMatchObject({ state: 'done', total: 3, issued: 1, skipped: 1, errors: 1 });
    expect(job.report.map((entry) => [entry.row, entry.status, entry.error])).toEqual([
      [1, 'issued', undefined],
      [2, 'skipped', undefined],
      [3, 'error', 'email is missing'],
    ]);
  });

  it("carries each row's attribute value (CSV text read as the kind needs, JSON as given), reporting values that do not fit", async () => {
    const w = await world();
    const create = await w.app.request(
      '/api/v1/badges',
      jsonRequest('POST', { name: 'CWI', description: 'D', category: 'certification', criteria: 'C', attribute: { kind: 'yearsActive', label: 'Years as CWI' } }, w.issuer.auth),
    );
    const badge = ((await create.json()) as { id: string }).id;
    const csv = ['email,name,attribute', 'a@example.org,A,12', 'b@example.org,B,', 'c@example.org,C,81', 'd@example.org,D,twelve'].join('\n');
    const json = JSON.stringify({ rows: [{ email: 'e@example.org', name: 'E', attribute: 3 }, { email: 'f@example.org', name: 'F', attribute: true }] });
    const reports = [];
    for (const [body, type] of [[csv, 'text/csv'], [json, 'application/json']]) {
      const res = await w.upload(body, type, badge);
      expect(res.status).toBe(202);
      await w.work();
      reports.push(...(await w.jobAt(((await res.json()) as { statusUrl: string }).statusUrl)).report);
    }
    expect(reports.map((entry) => [entry.email, entry.status, entry.error])).toEqual([
      ['a@example.org', 'issued', undefined],
      ['b@example.org', 'issued', undefined],
      ['c@example.org', 'error', 'attribute must be at most 80 years'],
      ['d@example.org', 'error', expect.stringMatching(/^attribute must be a whole number of years/)],
      ['e@example.org', 'issued', undefined],
      ['f@example.org', 'error', expect.stringMatching(/^attribute must be a whole number of years/)],
    ]);
    const values = [];
    for (const entry of reports.filter((entry) => entry.status === 'issued')) {
      values.push(((await (await w.app.request(`/api/v1/assertions/${entry.assertionId}`, { headers: w.key })).json()) as { attribute: unknown }).attribute);
    }
    expect(values).toEqual([12, null, 3]);
  });

  it('counts processed rows while the job runs, a chunk at a time, the report growing with them', async () => {
    const w = await world();
    const lines = ['email,name', ...Array.from({ length: 5 }, (_, n) => `p${n}@example.org,P ${n}`)];
    const { statusUrl } = (await (await w.upload(lines.join('\n'))).json()) as { statusUrl: string };
    const lease = (await leaseBulkJob(w.db, w.clock.now(), 10_000))!;
    const deps = { db: w.db, publicUrl: PUBLIC_URL, now: w.clock.now };
    const seen: [string, number, number][] = [];
    for (;;) {
      const step = await processBulkChunk(deps, lease, { chunkSize: 2 });
      const job = await w.jobAt(statusUrl);
      seen.push([job.state, job.processed, job.report.length]);
      if (step.step !== 'more') break;
    }
    expect(seen).toEqual([
      ['running', 2, 2],
      ['running', 4, 4],
      ['done', 5, 5],
    ]);
  });

  it('lets one node at a time work on a job: a second node waits for the lease, and a node that lost it writes nothing', async () => {
    const w = await world();
    const { statusUrl } = (await (await w.upload('email,name\na@example.org,A\nb@example.org,B\nc@example.org,C\n')).json()) as { statusUrl: string };
    const deps = { db: w.db, publicUrl: PUBLIC_URL, now: w.clock.now };
    const first = (await leaseBulkJob(w.db, w.clock.now(), 10_000))!;
    expect(await leaseBulkJob(w.db, w.clock.now(), 10_000)).toBeNull();
    expect((await processBulkChunk(deps, first, { chunkSize: 1 })).step).toBe('more');
    // The first node stalls past its lease; another takes the job over.
    w.clock.advance(10_001);
    const second = (await leaseBulkJob(w.db, w.clock.now(), 10_000))!;
    expect(second).not.toBeNull();
    expect(await processBulkChunk(deps, first, { chunkSize: 1 })).toEqual({ step: 'lost' });
    expect((await w.jobAt(statusUrl)).processed).toBe(1);
    await workOnBulkJob(deps, second);
    const job = await w.jobAt(statusUrl);
    expect(job).toMatchObject({ state: 'done', processed: 3, issued: 3 });
    expect(await countRows(w.db, 'assertions')).toBe(3);
  });

  it('rolls a chunk back whole when it fails half-way: the job fails, the rows handled before are kept', async () => {
    const w = await world();
    const { statusUrl } = (await (await w.upload('email,name\na@example.org,A\nb@example.org,B\nc@example.org,C\n')).json()) as { statusUrl: string };
    const lease = (await leaseBulkJob(w.db, w.clock.now(), 10_000))!;
    await processBulkChunk({ db: w.db, publicUrl: PUBLIC_URL, now: w.clock.now }, lease, { chunkSize: 1 });
    const before = queriesOf(w.db).length;
    const errors: unknown[] = [];
    // A broken public URL makes the claim email fail after the chunk's first assertion was inserted.
    await runBulkJobs({ db: w.db, publicUrl: 'not a url', now: w.clock.now }, { chunkSize: 2, onError: (error) => errors.push(error) });
    expect(errors).toHaveLength(0); // the lease is still held by the first run: nothing due
    w.clock.advance(10_001);
    await runBulkJobs({ db: w.db, publicUrl: 'not a url', now: w.clock.now }, { chunkSize: 2, onError: (error) => errors.push(error) });
    expect(errors).toHaveLength(1);
    expect(queriesOf(w.db).slice(before).some((query) => /^insert into "assertions"/.test(query))).toBe(true);
    const job = await w.jobAt(statusUrl);
    expect(job).toMatchObject({ state: 'failed', total: 3, processed: 1, issued: 1 });
    expect(job.failure).toMatch(/unexpected error/);
    expect(job.report.map((entry) => entry.email)).toEqual(['a@example.org']);
    expect(await countRows(w.db, 'assertions')).toBe(1);
    expect(await countRows(w.db, 'mail_queue')).toBe(1);
    expect(await countRows(w.db, 'one_time_tokens')).toBe(1);
  });

  it('pages the issued badges up to 200 at a time', async () => {
    const w = await world();
    const rows = Array.from({ length: 230 }, (_, n) => `r${n}@example.org,R ${n}`);
    expect((await w.uploadAndRun(['email,name', ...rows].join('\n'))).issued).toBe(230);
    const page = await w.app.request(`/api/v1/badges/${w.badgeClassId}/assertions?limit=200`, { headers: w.key });
    const body = (await page.json()) as { items: { id: string }[]; nextCursor: string };
    expect(body.items).toHaveLength(200);
    const rest = await w.app.request(`/api/v1/badges/${w.badgeClassId}/assertions?limit=200&cursor=${body.nextCursor}`, { headers: w.key });
    const restBody = (await rest.json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(restBody.items).toHaveLength(30);
    expect(restBody.nextCursor).toBeNull();
    expect(new Set([...body.items, ...restBody.items].map((item) => item.id)).size).toBe(230);
  });
});

describe('bulk issuing in /openapi.json', () => {
  it('documents both bodies (CSV and JSON), the 202 answer and the job', async () => {
    const w = await world();
    const document = (await (await w.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> }; responses: Record<string, unknown> }>>;
    };
    const bulk = document.paths['/api/v1/badges/{id}/assertions/bulk'].post;
    expect(Object.keys(bulk.requestBody!.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(bulk.requestBody!.content['text/csv'].example).toMatch(/^email,name,evidence,narrative,expires\r\n/);
    expect(Object.keys(bulk.responses).sort()).toEqual(['202', '400', '401', '404', '413', '415', '429']);
    expect(Object.keys(document.paths['/api/v1/jobs/{jobId}'].get.responses).sort()).toEqual(['200', '400', '401', '404']);
  });
});

describe('bulk issuing refuses', () => {
  it("another issuer's badge class and jobs as unknown (404), and requests without a key (401)", async () => {
    const w = await world();
    const other = await makeIssuer(w.db, 'Other Guild');
    const otherKey = { Authorization: other.auth.Authorization };
    const otherBadge = await w.badgeOf(other.auth, 'Their Badge');
    const theirs = await w.upload('email,name\na@example.org,A\n', 'text/csv', otherBadge);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ error: { code: 'not_found', message: `No badge class with id "${otherBadge}".` } });
    expect((await w.upload('email,name\na@example.org,A\n', 'text/csv', 'no-such-badge')).status).toBe(404);
    expect((await w.upload('email,name\na@example.org,A\n', 'text/csv', w.badgeClassId, {})).status).toBe(401);

    const { jobId, statusUrl } = (await (await w.upload('email,name\na@example.org,A\n')).json()) as { jobId: string; statusUrl: string };
    const peek = await w.app.request(statusUrl.replace(PUBLIC_URL, ''), { headers: otherKey });
    expect(peek.status).toBe(404);
    expect(await peek.json()).toEqual({ error: { code: 'not_found', message: `No job with id "${jobId}".` } });
    expect((await w.app.request('/api/v1/jobs/no-such-job', { headers: w.key })).status).toBe(404);
    expect((await w.app.request('/api/v1/jobs/bad%20id', { headers: w.key })).status).toBe(400);
    expect((await w.app.request(`/api/v1/jobs/${jobId}`)).status).toBe(401);
    expect(await countRows(w.db, 'bulk_jobs')).toBe(1);
  });

  it('bodies of another media type (415)', async () => {
    const w = await world();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const res = await w.upload('email,name\na@example.org,A\n', type);
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    }
    expect(await countRows(w.db, 'bulk_jobs')).toBe(0);
  });

  it(`bodies over ${BULK_BODY_LIMIT / 1024 / 1024} MB (413)`, async () => {
    const w = await world();
    const huge = 'email,name\n' + 'a@example.org,' + 'x'.repeat(BULK_BODY_LIMIT);
    const res = await w.upload(huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await countRows(w.db, 'bulk_jobs')).toBe(0);
  });

  it('50,001 rows, as CSV or JSON, with a clear 400', async () => {
    const w = await world();
    const csv = await w.upload('email,name\n' + 'a@example.org,A\n'.repeat(50_001));
    expect(csv.status).toBe(400);
    expect(await csv.json()).toEqual({
      error: { code: 'too_many_rows', message: 'The upload has 50001 rows; at most 50000 rows are taken at once. Split it into several uploads.' },
    });
    const json = await w.upload(JSON.stringify({ rows: Array.from({ length: 50_001 }, () => ({ email: 'a@example.org', name: 'A' })) }), 'application/json');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { message: string } }).error.message).toMatch(/rows: at most 50000 rows per upload/);
    expect(await countRows(w.db, 'bulk_jobs')).toBe(0);
  });

  it('CSV it cannot read and JSON that is not the expected shape (400)', async () => {
    const w = await world();
    const cases: [string, string, string][] = [
      ['email,name\n"a@example.org,A\n', 'text/csv', 'invalid_csv'],
      ['mail,name\na@example.org,A\n', 'text/csv', 'invalid_csv'],
      ['email,name\n', 'text/csv', 'no_rows'],
      ['{"rows": [', 'application/json', 'invalid_json'],
      ['{"rows": []}', 'application/json', 'invalid_request'],
      ['{"rows": [{"email": "a@example.org", "name": "A"}], "extra": 1}', 'application/json', 'invalid_request'],
      ['[{"email": "a@example.org", "name": "A"}]', 'application/json', 'invalid_request'],
    ];
    for (const [body, type, code] of cases) {
      const res = await w.upload(body, type);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, body).toBe(code);
    }
    expect(await countRows(w.db, 'bulk_jobs')).toBe(0);
  });
});
