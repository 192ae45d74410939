// The signing queue's worker. Issuing only queues a credential (signing costs milliseconds of JSON-LD
// canonicalisation); every node runs this worker, which leases queued credentials one at a time (as the
// mail worker leases messages) and signs them. It signs back to back while the node is quiet and at most
// one credential per `busyIntervalMs` while requests are being served, so signing never takes more than
// a few percent of a busy node. A credential fetched before its turn is signed on demand instead.
import { setTimeout as sleep } from 'node:timers/promises';
import { getAssertionRecords } from '../db/assertions';
import { assertionsWithoutCredential, getCredentialRow, leaseNextUnsignedCredential, markCredentialSigningFailed } from '../db/credentials';
import { exponentialBackoffMs } from '../mail/worker';
import { queueCredential } from './issuance';
import { signCredentialRow, type SigningDeps } from './signing';

export interface CredentialWorkerDeps extends SigningDeps {
  /** How long a worker holds a credential while signing it; past that another node's worker may take it. */
  leaseMs?: number;
}

/** Far longer than one signature takes (milliseconds); short enough that a dead node's lease soon runs out. */
export const CREDENTIAL_LEASE_MS = 60_000;

export type SigningStep = 'signed' | 'failed' | 'idle';

/** Leases the oldest due credential and signs it; a failure is retried later with back-off. */
export async function signNextCredential(deps: CredentialWorkerDeps): Promise<SigningStep> {
  const leased = await leaseNextUnsignedCredential(deps.db, deps.now(), deps.leaseMs ?? CREDENTIAL_LEASE_MS);
  if (!leased) return 'idle';
  const row = await getCredentialRow(deps.db, leased.assertionId);
  if (!row || row.signedAt) return 'signed';
  try {
    await signCredentialRow(deps, row);
    return 'signed';
  } catch (error) {
    const retryAt = new Date(deps.now().getTime() + exponentialBackoffMs(leased.attempts + 1));
    await markCredentialSigningFailed(deps.db, leased, error instanceof Error ? error.message : String(error), retryAt);
    return 'failed';
  }
}

/** Signs up to `limit` due credentials, one after another; how many were signed and how many failed. */
export async function processCredentialQueue(deps: CredentialWorkerDeps, limit = 100): Promise<{ signed: number; failed: number }> {
  const result = { signed: 0, failed: 0 };
  for (let taken = 0; taken < limit; taken++) {
    const step = await signNextCredential(deps);
    if (step === 'idle') break;
    result[step]++;
  }
  return result;
}

/**
 * Queues a credential for every badge that has none (badges issued before Open Badges 3.0), walking the
 * badges by id in batches. Idempotent, and safe on several nodes at once. Returns how many were queued.
 */
export async function queueMissingCredentials(deps: SigningDeps, batchSize = 200, signal?: AbortSignal): Promise<number> {
  let queued = 0;
  let after = '';
  while (!signal?.aborted) {
    const ids = await assertionsWithoutCredential(deps.db, after, batchSize);
    if (ids.length === 0) break;
    const records = await getAssertionRecords(deps.db, ids);
    for (const id of ids) {
      const record = records.get(id);
      if (record) await queueCredential(deps.db, record, deps.publicUrl, deps.now(), { build: true });
      queued++;
    }
    after = ids[ids.length - 1];
    await sleep(0);
  }
  return queued;
}

export interface CredentialWorkerOptions {
  /** True while the node serves no request (see http/activity.ts); without it the node counts as quiet. */
  isQuiet?: () => boolean;
  /** Pause when the queue is empty. */
  idleIntervalMs?: number;
  /** Pause after each credential signed while the node is busy. */
  busyIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Starts the worker: first it queues the credentials of older badges, then it signs until stopped. The
 * returned function stops it and waits for the credential in hand.
 */
export function startCredentialWorker(deps: CredentialWorkerDeps, options: CredentialWorkerOptions = {}): () => Promise<void> {
  const { isQuiet = () => true, idleIntervalMs = 1000, busyIntervalMs = 5000, onError = console.error } = options;
  const stop = new AbortController();
  const pause = (ms: number) => sleep(ms, undefined, { signal: stop.signal, ref: false }).catch(() => {});
  const run = async () => {
    try {
      await queueMissingCredentials(deps, 200, stop.signal);
    } catch (error) {
      onError(error);
    }
    while (!stop.signal.aborted) {
      const quiet = isQuiet();
      let step: SigningStep;
      try {
        step = await signNextCredential(deps);
      } catch (error) {
        onError(error);
        step = 'idle';
      }
      if (step === 'idle') await pause(idleIntervalMs);
      else await pause(quiet ? 0 : busyIntervalMs);
    }
  };
  const running = run();
  return async () => {
    stop.abort();
    await running;
  };
}
