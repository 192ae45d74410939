import nodemailer from 'nodemailer';
import type { Db } from '../db/connection';
import { addToOutbox, type MailMessage } from '../db/mailQueue';

/** Where queued mail goes: a real SMTP server, or the embedded outbox table (demo without a mail server). */
export interface MailTransport {
  kind: 'smtp' | 'outbox';
  /** Sends a message; `messageId`, when given, is its Message-ID header (queued mail always has one). */
  send(message: MailMessage & { messageId?: string }): Promise<void>;
  close(): void;
}

export const DEFAULT_FROM = 'BadgeLens <no-reply@badgelens.example>';

export interface TransportOptions {
  smtpUrl?: string | null;
  from?: string;
  db: Db;
  now?: () => Date;
  /** Called after a message lands in the outbox (the server logs it). */
  onOutbox?: (message: MailMessage) => void;
}

export function createMailTransport(options: TransportOptions): MailTransport {
  const from = options.from ?? DEFAULT_FROM;
  if (options.smtpUrl) {
    // Short timeouts: a mail server that hangs must not hold up the queue for minutes (the message is retried).
    const smtp = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return {
      kind: 'smtp',
      async send(message) {
        await smtp.sendMail({ from, to: message.to, subject: message.subject, html: message.html, text: message.text, messageId: message.messageId });
      },
      close: () => smtp.close(),
    };
  }
  // Still built by nodemailer (so the outbox holds what SMTP would have carried), then stored.
  const builder = nodemailer.createTransport({ jsonTransport: true });
  const now = options.now ?? (() => new Date());
  return {
    kind: 'outbox',
    async send(message) {
      await builder.sendMail({ from, to: message.to, subject: message.subject, html: message.html, text: message.text, messageId: message.messageId });
      await addToOutbox(options.db, { to: message.to, subject: message.subject, html: message.html, text: message.text }, now());
      options.onOutbox?.(message);
    },
    close: () => builder.close(),
  };
}
