import type { Db } from '../db/connection';
import { leaseNextMail, markMailAttemptFailed, markMailSent } from '../db/mailQueue';
import type { MailTransport } from './transport';

export interface MailWorkerDeps {
  db: Db;
  now: () => Date;
  /** Delay before retry number `attempt` (1-based); exponential by default. */
  backoffMs?: (attempt: number) => number;
  maxAttempts?: number;
  batchSize?: number;
  /** How long a worker holds a message while sending it; past that, another node's worker may send it. */
  leaseMs?: number;
}

export const MAX_MAIL_ATTEMPTS = 12;

/**
 * Longer than one send can take (the SMTP transport gives up after 10 s to connect, 10 s for the greeting
 * and 30 s of silence), so a live worker never loses a message it is sending; short enough that the mail
 * of a node that died is sent a few minutes later.
 */
export const MAIL_LEASE_MS = 2 * 60 * 1000;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function exponentialBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 60 * 60 * 1000);
}

export interface MailRunResult {
  sent: number;
  failed: number;
}

/**
 * Sends the messages that are due, one lease at a time (up to `batchSize`); failures are rescheduled with
 * back-off, never lost. Workers on several nodes share the queue: each message is leased by one of them.
 */
export async function processMailQueue(deps: MailWorkerDeps, transport: MailTransport): Promise<MailRunResult> {
  const backoff = deps.backoffMs ?? exponentialBackoffMs;
  const maxAttempts = deps.maxAttempts ?? MAX_MAIL_ATTEMPTS;
  const result: MailRunResult = { sent: 0, failed: 0 };
  for (let taken = 0; taken < (deps.batchSize ?? 20); taken++) {
    const mail = await leaseNextMail(deps.db, deps.now(), deps.leaseMs ?? MAIL_LEASE_MS);
    if (!mail) break;
    try {
      await transport.send(mail);
    } catch (error) {
      const attempt = mail.attempts + 1;
      const retryAt = attempt >= maxAttempts ? null : new Date(deps.now().getTime() + backoff(attempt));
      await markMailAttemptFailed(deps.db, mail, error instanceof Error ? error.message : String(error), retryAt);
      result.failed++;
      continue;
    }
    if (await markMailSent(deps.db, mail, deps.now())) result.sent++;
  }
  return result;
}

/**
 * Runs the queue every `intervalMs` (never two runs at once) until the returned function is called.
 * The stop function waits for a run in progress to finish.
 */
export function startMailWorker(deps: MailWorkerDeps, transport: MailTransport, intervalMs = 2000, onError: (error: unknown) => void = console.error): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = processMailQueue(deps, transport)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
