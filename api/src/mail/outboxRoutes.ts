import { Hono, type Context } from 'hono';
import { listOutbox } from '../db/mailQueue';
import { isLoopbackAddress, socketAddress } from '../http/clientAddress';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';
import { outboxContentSecurityPolicy } from '../pages/csp';
import { OutboxPage } from '../pages/earner/OutboxPage';

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * The outbox holds live claim and password-reset links, so only a developer on this machine may read
 * it: the TCP peer must be a loopback address (headers cannot fake that), the request must not have
 * come through a proxy on this machine (which would make every visitor look local), and there must be
 * a socket at all (app.request() has none).
 */
export function mayReadOutbox(c: Context<AppEnv>): boolean {
  if (!c.var.deps.devOutbox) return false;
  if (PROXY_HEADERS.some((name) => c.req.header(name) !== undefined)) return false;
  return isLoopbackAddress(socketAddress(c));
}

// The same answer whatever the reason, so a remote visitor cannot tell the outbox exists.
const notHere = (c: Context<AppEnv>) => errorAnswer(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}.`);

/** /dev/outbox: the embedded outbox, served only in development without SMTP, to this machine only. */
export const outboxRoutes = new Hono<AppEnv>()
  .get('/outbox', async (c) => {
    const { db, publicUrl } = c.var.deps;
    if (!mayReadOutbox(c)) return notHere(c);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', outboxContentSecurityPolicy(publicUrl));
    c.header('X-Frame-Options', 'DENY');
    return c.html(OutboxPage({ publicUrl, mails: await listOutbox(db) }));
  })
  // The page polls this and reloads itself when a new email has arrived.
  .get('/outbox/latest', async (c) => {
    if (!mayReadOutbox(c)) return notHere(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ latestId: (await listOutbox(c.var.deps.db, 1))[0]?.id ?? null });
  });
