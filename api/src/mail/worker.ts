import type { Db } from '../db/connection';
import { listDueMail, markMailAttemptFailed, markMailSent } from '../db/mailQueue';
import type { MailTransport } from './transport';

export interface MailWorkerDeps {
  db: Db;
  now: () => Date;
  /** Delay before retry number `attempt` (1-based); exponential by default. */
  backoffMs?: (attempt: number) => number;
  maxAttempts?: number;
  batchSize?: number;
}

export const MAX_MAIL_ATTEMPTS = 12;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function exponentialBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 60 * 60 * 1000);
}

export interface MailRunResult {
  sent: number;
  failed: number;
}

/** Sends every message that is due, one by one; failures are rescheduled with back-off, never lost. */
export async function processMailQueue(deps: MailWorkerDeps, transport: MailTransport): Promise<MailRunResult> {
  const backoff = deps.backoffMs ?? exponentialBackoffMs;
  const maxAttempts = deps.maxAttempts ?? MAX_MAIL_ATTEMPTS;
  const result: MailRunResult = { sent: 0, failed: 0 };
  for (const mail of await listDueMail(deps.db, deps.now(), deps.batchSize ?? 20)) {
    try {
      await transport.send(mail);
      await markMailSent(deps.db, mail.id, deps.now());
      result.sent++;
    } catch (error) {
      const attempt = mail.attempts + 1;
      const retryAt = attempt >= maxAttempts ? null : new Date(deps.now().getTime() + backoff(attempt));
      await markMailAttemptFailed(deps.db, mail.id, error instanceof Error ? error.message : String(error), retryAt);
      result.failed++;
    }
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
