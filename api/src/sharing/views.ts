import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { saltedHash, utcDay, type BadgeEvent } from '../db/sharing';
import { clientKey } from '../http/clientAddress';
import type { AppEnv } from '../http/env';

/** The first-party cookie that tells one browser from another behind the same address. */
export const VISITOR_COOKIE = 'bl_visitor';
const VISITOR_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Counts `event` for the badge once per client and day (sharing/badgeEventCounter.ts, written in batches). The client is
 * its address (IPv6 by /64), its User-Agent and its visitor cookie. A browser without the cookie gets the
 * value it would have: one derived from the day's salt, its address and its User-Agent, so it is counted
 * once whether it keeps cookies or not (and a client that never keeps them cannot be counted again by
 * coming back without). With `setVisitorCookie`, that value is also set as the cookie, until the end of the
 * UTC day; only answers that no shared cache keeps may set it.
 */
export async function countForClient(c: Context<AppEnv>, assertionId: string, event: BadgeEvent, options: { setVisitorCookie: boolean }): Promise<void> {
  const { badgeEvents, now } = c.var.deps;
  const at = now();
  const address = clientKey(c);
  const userAgent = (c.req.header('user-agent') ?? '').slice(0, 512);
  const presented = getCookie(c, VISITOR_COOKIE);
  let visitor = presented && VISITOR_PATTERN.test(presented) ? presented : null;
  if (!visitor) {
    visitor = saltedHash(await badgeEvents.salt(utcDay(at)), 'visitor', address, userAgent).slice(0, 32);
    if (options.setVisitorCookie) {
      const endOfDay = new Date(`${utcDay(at)}T00:00:00.000Z`).getTime() + 24 * 60 * 60 * 1000;
      setCookie(c, VISITOR_COOKIE, visitor, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: c.var.deps.publicUrl.startsWith('https:'),
        maxAge: Math.max(1, Math.floor((endOfDay - at.getTime()) / 1000)),
      });
    }
  }
  await badgeEvents.count(assertionId, event, { address, userAgent, visitor }, at);
}

/**
 * Counts a view when the public HTML badge page `/assertions/:id` is served with 200 (once per client and
 * day). Mounted in front of the assertion routes; JSON-LD, revoked (410) and unknown (404) answers do not
 * count. The page is publicly cacheable, so it sets no cookie. Counting never breaks the page: a failure is
 * logged and the response goes out as it is.
 */
export const countBadgePageViews = createMiddleware<AppEnv>(async (c, next) => {
  // Read before next(): afterwards c.req.param() answers for whichever route ran last.
  const id = c.req.param('id');
  await next();
  if (!id || c.req.method !== 'GET' || c.res.status !== 200 || c.get('badgeViewNotCounted')) return;
  if (!(c.res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')) return;
  try {
    await countForClient(c, id, 'view', { setVisitorCookie: false });
  } catch (error) {
    console.error('could not count a badge page view', error);
  }
});
