import type { Db } from './connection';

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export interface QueuedMail extends MailMessage {
  id: number;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

interface QueuedMailRow {
  id: number;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

function queuedMailFromRow(row: QueuedMailRow): QueuedMail {
  return {
    id: row.id,
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

/** Puts a message in the queue; the mail worker sends it outside any request. */
export async function enqueueMail(db: Db, message: MailMessage, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const result = db
    .prepare('INSERT INTO mail_queue (to_address, subject, html, text, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(message.to, message.subject, message.html, message.text, at, at);
  return Number(result.lastInsertRowid);
}

export async function listDueMail(db: Db, now: Date, limit: number): Promise<QueuedMail[]> {
  const rows = db
    .prepare(`SELECT * FROM mail_queue WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`)
    .all(now.toISOString(), limit) as QueuedMailRow[];
  return rows.map(queuedMailFromRow);
}

export async function listMailQueue(db: Db): Promise<QueuedMail[]> {
  return (db.prepare('SELECT * FROM mail_queue ORDER BY id').all() as QueuedMailRow[]).map(queuedMailFromRow);
}

/**
 * Marks a message sent; false when it was not queued any more (so it is never counted twice). The body is
 * dropped: it carries live links (claim, reset) whose tokens are otherwise stored only as hashes.
 */
export async function markMailSent(db: Db, id: number, now = new Date()): Promise<boolean> {
  return (
    db.prepare(`UPDATE mail_queue SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, html = '', text = '' WHERE id = ? AND status = 'queued'`).run(
      now.toISOString(),
      id,
    ).changes === 1
  );
}

/** Records a failed attempt: retried at `nextAttemptAt`, or given up on (status 'failed', body dropped) when that is null. */
export async function markMailAttemptFailed(db: Db, id: number, error: string, nextAttemptAt: Date | null): Promise<void> {
  db.prepare(
    `UPDATE mail_queue SET attempts = attempts + 1, last_error = @error, status = @status,
       next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at),
       html = CASE WHEN @status = 'failed' THEN '' ELSE html END, text = CASE WHEN @status = 'failed' THEN '' ELSE text END
     WHERE id = @id AND status = 'queued'`,
  ).run({ error: error.slice(0, 500), status: nextAttemptAt ? 'queued' : 'failed', nextAttemptAt: nextAttemptAt?.toISOString() ?? null, id });
}

export interface OutboxMail extends MailMessage {
  id: number;
  createdAt: string;
}

/** The embedded outbox: where mail "arrives" when no SMTP server is configured (shown at /dev/outbox). */
export async function addToOutbox(db: Db, message: MailMessage, now = new Date()): Promise<number> {
  const result = db
    .prepare('INSERT INTO outbox (to_address, subject, html, text, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(message.to, message.subject, message.html, message.text, now.toISOString());
  return Number(result.lastInsertRowid);
}

export async function listOutbox(db: Db, limit = 50): Promise<OutboxMail[]> {
  const rows = db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    to_address: string;
    subject: string;
    html: string;
    text: string;
    created_at: string;
  }[];
  return rows.map((row) => ({ id: row.id, to: row.to_address, subject: row.subject, html: row.html, text: row.text, createdAt: row.created_at }));
}
