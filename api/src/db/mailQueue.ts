import type { Selectable } from 'kysely';
import { randomId } from '../lib/crypto';
import { isPostgres, type Db } from './engine';
import type { MailQueueTable } from './schema';

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export interface QueuedMail extends MailMessage {
  id: number;
  /** The Message-ID header every delivery of this message carries (fixed when it was queued). */
  messageId: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** A queued message a worker holds: only the holder of `leaseToken` may record how sending it went. */
export interface LeasedMail extends QueuedMail {
  leaseToken: string;
  leaseUntil: string;
}

function queuedMailFromRow(row: Selectable<MailQueueTable>): QueuedMail {
  return {
    id: row.id,
    messageId: row.message_id,
    to: row.to_address,
    subject: row.subject,
    html: row.html,
    text: row.text,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/** A new Message-ID: `<random@host>`, the host being this server's public one. */
export function newMessageId(host: string): string {
  return `<${randomId(18)}@${host}>`;
}

/**
 * Puts a message in the queue; the mail worker sends it outside any request. Its Message-ID is chosen
 * now and stored with it, so that if a worker dies after the mail server took the message but before
 * marking it sent, the copy sent again carries the same Message-ID and mail clients show it once.
 */
export async function enqueueMail(db: Db, message: MailMessage, now = new Date(), messageIdHost = 'badgelens.invalid'): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('mail_queue')
    .values({
      to_address: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      message_id: newMessageId(messageIdHost),
      next_attempt_at: at,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes the next due message for one worker: sets a lease until `now + leaseMs` under a fresh token, in one
 * UPDATE. On PostgreSQL the candidate row is locked with FOR UPDATE SKIP LOCKED, so workers on several nodes
 * each take a different message without waiting on each other; on SQLite the write lock does the same.
 * A message whose lease ran out (its worker died mid-send) is due again. Null when nothing is due.
 */
export async function leaseNextMail(db: Db, now: Date, leaseMs: number): Promise<LeasedMail | null> {
  const at = now.toISOString();
  const leaseToken = randomId(16);
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const next = db
    .selectFrom('mail_queue')
    .select('id')
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .$if(isPostgres(db), (query) => query.forUpdate().skipLocked());
  const row = await db
    .updateTable('mail_queue')
    .set({ lease_until: leaseUntil, lease_token: leaseToken })
    .where('id', '=', next)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ? { ...queuedMailFromRow(row), leaseToken, leaseUntil } : null;
}

export async function listMailQueue(db: Db): Promise<QueuedMail[]> {
  return (await db.selectFrom('mail_queue').selectAll().orderBy('id').execute()).map(queuedMailFromRow);
}

/**
 * Marks a leased message sent; false when the lease was lost (it ran out and another worker took the
 * message) or the message is not queued any more, so it is never counted twice. The body is dropped: it
 * carries live links (claim, reset) whose tokens are otherwise stored only as hashes.
 */
export async function markMailSent(db: Db, mail: LeasedMail, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('mail_queue')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: now.toISOString(),
      last_error: null,
      html: '',
      text: '',
      lease_until: null,
      lease_token: null,
    }))
    .where('id', '=', mail.id)
    .where('status', '=', 'queued')
    .where('lease_token', '=', mail.leaseToken)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Records a failed attempt of a leased message: retried at `nextAttemptAt`, or given up on (status 'failed', body dropped) when that is null. */
export async function markMailAttemptFailed(db: Db, mail: LeasedMail, error: string, nextAttemptAt: Date | null): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      lease_until: null,
      lease_token: null,
      ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt.toISOString() } : { status: 'failed' as const, html: '', text: '' }),
    }))
    .where('id', '=', mail.id)
    .where('status', '=', 'queued')
    .where('lease_token', '=', mail.leaseToken)
    .execute();
}

export interface OutboxMail extends MailMessage {
  id: number;
  createdAt: string;
}

/** The embedded outbox: where mail "arrives" when no SMTP server is configured (shown at /dev/outbox). */
export async function addToOutbox(db: Db, message: MailMessage, now = new Date()): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({ to_address: message.to, subject: message.subject, html: message.html, text: message.text, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listOutbox(db: Db, limit = 50): Promise<OutboxMail[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, to: row.to_address, subject: row.subject, html: row.html, text: row.text, createdAt: row.created_at }));
}
