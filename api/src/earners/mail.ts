import { enqueueMail, type MailMessage } from '../db/mailQueue';
import type { AppDeps } from '../http/env';
import { keyRateLimited, RATE_LIMITS, recipientKey } from './rateLimit';

type Deps = Required<AppDeps>;

/** Queues a message (in the transaction of `deps.db`, when it is one), its Message-ID on this server's host. */
export async function queueMail(deps: Pick<Deps, 'db' | 'publicUrl'>, message: MailMessage, now: Date): Promise<void> {
  await enqueueMail(deps.db, message, now, new URL(deps.publicUrl).hostname);
}

/**
 * Queues an account email that anyone can make us send to an address (activation, password reset,
 * "you already have an account") unless that address had its share lately (the accountMail rule); false
 * when it was not queued. Callers answer the same either way.
 */
export async function queueAccountMail(deps: Deps, message: MailMessage, now: Date): Promise<boolean> {
  if ((await keyRateLimited(deps, RATE_LIMITS.accountMail, recipientKey(message.to))) > 0) return false;
  await queueMail(deps, message, now);
  return true;
}
