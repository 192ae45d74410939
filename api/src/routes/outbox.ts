import { Hono } from 'hono';
import { listOutbox } from '../db/mailQueue';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { OutboxPage } from '../pages/earner/OutboxPage';

/** /dev/outbox: the embedded outbox, served only when the server runs without SMTP (devOutbox). */
export const outboxRoutes = new Hono<AppEnv>().get('/outbox', async (c) => {
  const { db, publicUrl, devOutbox } = c.var.deps;
  if (!devOutbox) return apiError(c, 404, 'not_found', 'The outbox is only shown when no mail server (SMTP_URL) is configured.');
  c.header('Cache-Control', 'no-store');
  return c.html(OutboxPage({ publicUrl, mails: await listOutbox(db) }));
});
