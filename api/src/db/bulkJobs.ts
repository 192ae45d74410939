import type { Selectable } from 'kysely';
import type { BadgeAttributeValue } from '../../../shared/schemas/attributes';
import { randomId } from '../lib/crypto';
import { isPostgres, transaction, type Db } from './engine';
import type { BulkJobsTable, BulkJobState, BulkRowStatus } from './schema';

export interface BulkJob {
  id: string;
  issuerId: string;
  badgeClassId: string;
  state: BulkJobState;
  total: number;
  processed: number;
  issued: number;
  skipped: number;
  errors: number;
  failure: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A job a node holds: only the holder of `leaseToken` may work on it. */
export interface BulkJobLease {
  job: BulkJob;
  leaseToken: string;
}

/** A row to store with a new job: checked values, or the problem that makes it an error. */
export interface NewBulkRow {
  row: number;
  /** The email as given (trimmed), for the report, even when it is not a valid address. */
  email: string;
  name: string;
  evidenceUrl: string | null;
  narrative: string | null;
  expires: string | null;
  /** Checked against the badge class's attribute. */
  attributeValue: BadgeAttributeValue | null;
  problem: string | null;
}

export type BulkRowOutcome =
  | { row: number; status: 'issued' | 'skipped'; assertionId: string }
  | { row: number; status: 'error' };

export interface BulkReportRow {
  row: number;
  email: string;
  status: Exclude<BulkRowStatus, 'pending'>;
  assertionId: string | null;
  problem: string | null;
}

function bulkJobFromRow(row: Selectable<BulkJobsTable>): BulkJob {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    badgeClassId: row.badge_class_id,
    state: row.state,
    total: row.total,
    processed: row.processed,
    issued: row.issued,
    skipped: row.skipped,
    errors: row.errors,
    failure: row.failure,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Rows per INSERT: 9 parameters each, well under both engines' limits. */
const INSERT_BATCH = 500;

/** Stores a job and all its rows, together or not at all; it waits, queued, for a worker. */
export async function createBulkJob(db: Db, job: { issuerId: string; badgeClassId: string; rows: readonly NewBulkRow[] }, now = new Date()): Promise<BulkJob> {
  const id = randomId(16);
  const at = now.toISOString();
  return transaction(db, async (trx) => {
    const row = await trx
      .insertInto('bulk_jobs')
      .values({ id, issuer_id: job.issuerId, badge_class_id: job.badgeClassId, total: job.rows.length, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let start = 0; start < job.rows.length; start += INSERT_BATCH) {
      const values = job.rows.slice(start, start + INSERT_BATCH).map((input) => ({
        job_id: id,
        row: input.row,
        email: input.email,
        name: input.name,
        evidence_url: input.evidenceUrl,
        narrative: input.narrative,
        expires: input.expires,
        attribute_value: input.attributeValue === null ? null : JSON.stringify(input.attributeValue),
        problem: input.problem,
      }));
      await trx.insertInto('bulk_job_rows').values(values).execute();
    }
    return bulkJobFromRow(row);
  });
}

export async function getBulkJob(db: Db, id: string): Promise<BulkJob | null> {
  const row = await db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? bulkJobFromRow(row) : null;
}

/** The handled rows of a job, in row order. */
export async function listBulkReport(db: Db, jobId: string): Promise<BulkReportRow[]> {
  const rows = await db
    .selectFrom('bulk_job_rows')
    .select(['row', 'email', 'status', 'assertion_id', 'problem'])
    .where('job_id', '=', jobId)
    .where('status', '<>', 'pending')
    .orderBy('row')
    .execute();
  return rows.map((row) => ({
    row: row.row,
    email: row.email,
    status: row.status as BulkReportRow['status'],
    assertionId: row.assertion_id,
    problem: row.problem,
  }));
}

/**
 * Takes a job to work on (the oldest due one, or `onlyJobId`): queued, or running under a lease that ran out
 * (its node died). Sets a fresh lease in one UPDATE; on PostgreSQL the candidate is locked with FOR UPDATE
 * SKIP LOCKED, so nodes never wait on each other (as leaseNextMail). Null when no job is due.
 */
export async function leaseBulkJob(db: Db, now: Date, leaseMs: number, onlyJobId?: string): Promise<BulkJobLease | null> {
  const at = now.toISOString();
  const leaseToken = randomId(16);
  const next = db
    .selectFrom('bulk_jobs')
    .select('id')
    .where('state', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .$if(onlyJobId !== undefined, (query) => query.where('id', '=', onlyJobId!))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .$if(isPostgres(db), (query) => query.forUpdate().skipLocked());
  const row = await db
    .updateTable('bulk_jobs')
    .set({ state: 'running', lease_until: new Date(now.getTime() + leaseMs).toISOString(), lease_token: leaseToken, updated_at: at })
    .where('id', '=', next)
    .where('state', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row ? { job: bulkJobFromRow(row), leaseToken } : null;
}

/**
 * Extends the lease; false when it was lost (it ran out and another node took the job) or the job ended.
 * Run first in a chunk's transaction: on PostgreSQL the row stays locked until the chunk commits, so no
 * other node can take the job while this one writes.
 */
export async function renewBulkLease(db: Db, lease: BulkJobLease, now: Date, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('bulk_jobs')
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: now.toISOString() })
    .where('id', '=', lease.job.id)
    .where('state', '=', 'running')
    .where('lease_token', '=', lease.leaseToken)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Lets a job go (this node stops): it stays running, and any node may take it at once. */
export async function releaseBulkLease(db: Db, lease: BulkJobLease): Promise<void> {
  await db
    .updateTable('bulk_jobs')
    .set({ lease_until: null, lease_token: null })
    .where('id', '=', lease.job.id)
    .where('lease_token', '=', lease.leaseToken)
    .execute();
}

/** The next rows still to handle, in row order. */
export async function listPendingBulkRows(db: Db, jobId: string, limit: number): Promise<NewBulkRow[]> {
  const rows = await db
    .selectFrom('bulk_job_rows')
    .select(['row', 'email', 'name', 'evidence_url', 'narrative', 'expires', 'attribute_value', 'problem'])
    .where('job_id', '=', jobId)
    .where('status', '=', 'pending')
    .orderBy('row')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    row: row.row,
    email: row.email,
    name: row.name,
    evidenceUrl: row.evidence_url,
    narrative: row.narrative,
    expires: row.expires,
    attributeValue: row.attribute_value === null ? null : (JSON.parse(row.attribute_value) as BadgeAttributeValue),
    problem: row.problem,
  }));
}

/** Which of `emails` (normalised) already hold the badge class (not revoked): email -> that assertion's id. */
export async function findBadgeHolders(db: Db, badgeClassId: string, emails: readonly string[]): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  const unique = [...new Set(emails)];
  for (let start = 0; start < unique.length; start += INSERT_BATCH) {
    const rows = await db
      .selectFrom('assertions')
      .select(['id', 'recipient_email'])
      .where('badge_class_id', '=', badgeClassId)
      .where('recipient_email', 'in', unique.slice(start, start + INSERT_BATCH))
      .where('revoked', '=', 0)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of rows) if (!holders.has(row.recipient_email)) holders.set(row.recipient_email, row.id);
  }
  return holders;
}

export class BulkRowAlreadyHandledError extends Error {}

/**
 * Records the outcome of handled rows and adds them to the job's counters; a job whose rows are all handled
 * is done. Every row must still be pending: a row handled twice throws (and its transaction rolls back).
 */
export async function recordBulkOutcomes(db: Db, lease: BulkJobLease, outcomes: readonly BulkRowOutcome[], now: Date): Promise<BulkJob> {
  const jobId = lease.job.id;
  for (const outcome of outcomes) {
    const result = await db
      .updateTable('bulk_job_rows')
      .set({ status: outcome.status, assertion_id: outcome.status === 'error' ? null : outcome.assertionId })
      .where('job_id', '=', jobId)
      .where('row', '=', outcome.row)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new BulkRowAlreadyHandledError(`row ${outcome.row} of job ${jobId} was already handled`);
  }
  const count = (status: BulkRowOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
  const row = await db
    .updateTable('bulk_jobs')
    .set((eb) => ({
      processed: eb('processed', '+', outcomes.length),
      issued: eb('issued', '+', count('issued')),
      skipped: eb('skipped', '+', count('skipped')),
      errors: eb('errors', '+', count('error')),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', jobId)
    .where('lease_token', '=', lease.leaseToken)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.processed < row.total) return bulkJobFromRow(row);
  return endBulkJob(db, lease, 'done', null, now);
}

/** Ends a job (done, or failed with the reason) and releases its lease. */
export async function endBulkJob(db: Db, lease: BulkJobLease, state: 'done' | 'failed', failure: string | null, now: Date): Promise<BulkJob> {
  const row = await db
    .updateTable('bulk_jobs')
    .set({ state, failure, lease_until: null, lease_token: null, updated_at: now.toISOString() })
    .where('id', '=', lease.job.id)
    .where('lease_token', '=', lease.leaseToken)
    .returningAll()
    .executeTakeFirstOrThrow();
  return bulkJobFromRow(row);
}

