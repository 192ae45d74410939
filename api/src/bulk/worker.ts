// Works through bulk-issuing jobs in the background, a chunk of rows per transaction.
import { issueAssertion } from '../db/assertions';
import { getBadgeClass } from '../db/badgeClasses';
import {
  endBulkJob,
  findBadgeHolders,
  getBulkJob,
  leaseBulkJob,
  listPendingBulkRows,
  recordBulkOutcomes,
  releaseBulkLease,
  renewBulkLease,
  type BulkJob,
  type BulkJobLease,
  type BulkRowOutcome,
} from '../db/bulkJobs';
import { transaction } from '../db/engine';
import { getIssuer } from '../db/issuers';
import { afterAssertionIssued, type IssuingDeps } from '../earners/hooks';
import { normaliseEmail } from '../lib/crypto';

export interface BulkWorkerOptions {
  /** Rows per transaction. */
  chunkSize?: number;
  /** How long a node holds a job without renewing; renewed with every chunk. */
  leaseMs?: number;
  /** Called after every chunk with the job as it then stands. */
  onProgress?: (job: BulkJob) => void;
  onError?: (error: unknown) => void;
  /** Once aborted, the job is let go between two chunks (its lease released, so any node resumes it at once). */
  signal?: AbortSignal;
}

/** Small enough that a chunk holds the database (and, on SQLite, the event loop) for a fraction of a second. */
export const BULK_CHUNK_SIZE = 200;
/**
 * Many times what one chunk takes, so a live node never loses its job; short, because a job whose node
 * died (kill -9, power cut) resumes only once its lease has run out.
 */
export const BULK_LEASE_MS = 10_000;

type ChunkResult = { step: 'more' | 'done'; job: BulkJob } | { step: 'lost' };

/**
 * Handles the next chunk of a leased job in one transaction: renews the lease (or stops, when it was lost),
 * then for each pending row records an error (its problem found at upload), a skip (that email already holds
 * the badge, from before or from an earlier row) or a new assertion with its claim email queued. A crash
 * anywhere rolls the whole chunk back, and a row leaves `pending` only once, so none is issued twice.
 */
export async function processBulkChunk(deps: IssuingDeps, lease: BulkJobLease, options: BulkWorkerOptions = {}): Promise<ChunkResult> {
  const leaseMs = options.leaseMs ?? BULK_LEASE_MS;
  return transaction(deps.db, async (db) => {
    const now = deps.now();
    if (!(await renewBulkLease(db, lease, now, leaseMs))) return { step: 'lost' } as const;
    const rows = await listPendingBulkRows(db, lease.job.id, options.chunkSize ?? BULK_CHUNK_SIZE);
    if (rows.length === 0) return { step: 'done', job: await endBulkJob(db, lease, 'done', null, now) } as const;
    const badgeClass = await getBadgeClass(db, lease.job.badgeClassId);
    const issuer = badgeClass && (await getIssuer(db, badgeClass.issuerId));
    if (!badgeClass || !issuer) throw new Error(`badge class ${lease.job.badgeClassId} of job ${lease.job.id} is gone`);
    const holders = await findBadgeHolders(
      db,
      badgeClass.id,
      rows.filter((row) => row.problem === null).map((row) => normaliseEmail(row.email)),
    );
    const outcomes: BulkRowOutcome[] = [];
    for (const row of rows) {
      if (row.problem !== null) {
        outcomes.push({ row: row.row, status: 'error' });
        continue;
      }
      const email = normaliseEmail(row.email);
      const held = holders.get(email);
      if (held) {
        outcomes.push({ row: row.row, status: 'skipped', assertionId: held });
        continue;
      }
      const assertion = await issueAssertion(
        db,
        badgeClass,
        { email, name: row.name, evidenceUrl: row.evidenceUrl, narrative: row.narrative, expires: row.expires, attributeValue: row.attributeValue },
        now,
      );
      await afterAssertionIssued({ ...deps, db }, { assertion, badgeClass, issuer });
      holders.set(email, assertion.id);
      outcomes.push({ row: row.row, status: 'issued', assertionId: assertion.id });
    }
    const job = await recordBulkOutcomes(db, lease, outcomes, now);
    return { step: job.state === 'done' ? 'done' : 'more', job } as const;
  });
}

/** Works on a leased job until it is done, its lease is lost, or a chunk fails (the job then fails, its handled rows kept). */
export async function workOnBulkJob(deps: IssuingDeps, lease: BulkJobLease, options: BulkWorkerOptions = {}): Promise<void> {
  try {
    for (;;) {
      if (options.signal?.aborted) return await releaseBulkLease(deps.db, lease);
      const result = await processBulkChunk(deps, lease, options);
      if (result.step === 'lost') return;
      options.onProgress?.(result.job);
      if (result.step === 'done') return;
      // On SQLite every query of a chunk completes synchronously: let the requests waiting meanwhile be answered.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    (options.onError ?? console.error)(error);
    const failed = await endBulkJob(deps.db, lease, 'failed', 'The job stopped on an unexpected error; the rows in its report were handled, the others were not.', deps.now());
    options.onProgress?.(failed);
  }
}

/** Works on every due job (queued, or left by a node that died) until none is left. */
export async function runBulkJobs(deps: IssuingDeps, options: BulkWorkerOptions = {}): Promise<void> {
  while (!options.signal?.aborted) {
    const lease = await leaseBulkJob(deps.db, deps.now(), options.leaseMs ?? BULK_LEASE_MS);
    if (!lease) return;
    await workOnBulkJob(deps, lease, options);
  }
}

/**
 * Works on one job until it ends, here or on another node (then by watching it every `pollMs`): for the
 * command line. Returns the job as it ended.
 */
export async function runBulkJobToEnd(deps: IssuingDeps, jobId: string, options: BulkWorkerOptions & { pollMs?: number } = {}): Promise<BulkJob> {
  for (;;) {
    const lease = await leaseBulkJob(deps.db, deps.now(), options.leaseMs ?? BULK_LEASE_MS, jobId);
    if (lease) await workOnBulkJob(deps, lease, options);
    const job = await getBulkJob(deps.db, jobId);
    if (!job) throw new Error(`job ${jobId} is gone`);
    if (job.state === 'done' || job.state === 'failed') return job;
    options.onProgress?.(job);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}

export interface BulkWorker {
  /** Looks for work now (a job was just queued). */
  kick(): void;
  /** Stops looking for work, lets the job in hand go after its current chunk, and waits for that. */
  stop(): Promise<void>;
}

/** Looks for due jobs every `intervalMs` and when kicked (never two runs at once) until stopped. */
export function startBulkWorker(deps: IssuingDeps, intervalMs = 1000, options: BulkWorkerOptions = {}): BulkWorker {
  let running: Promise<void> | null = null;
  let again = false;
  const stopping = new AbortController();
  const tick = () => {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = runBulkJobs(deps, { ...options, signal: stopping.signal })
      .catch(options.onError ?? console.error)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  tick();
  return {
    kick: tick,
    async stop() {
      stopping.abort();
      clearInterval(timer);
      await running;
    },
  };
}
