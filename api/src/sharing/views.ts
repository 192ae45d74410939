import { createMiddleware } from 'hono/factory';
import { recordBadgeEvent } from '../db/sharing';
import type { AppEnv } from '../http/env';

/**
 * Counts a view each time the public HTML badge page `/assertions/:id` is served with 200.
 * Mounted in front of the assertion routes; JSON-LD, revoked (410) and unknown (404) answers do not count.
 * Counting never breaks the page: a failure is logged and the response goes out as it is.
 */
export const countBadgePageViews = createMiddleware<AppEnv>(async (c, next) => {
  // Read before next(): afterwards c.req.param() answers for whichever route ran last.
  const id = c.req.param('id');
  await next();
  if (!id || c.req.method !== 'GET' || c.res.status !== 200) return;
  if (!(c.res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')) return;
  try {
    await recordBadgeEvent(c.var.deps.db, id, 'view', c.var.deps.now());
  } catch (error) {
    console.error('could not count a badge page view', error);
  }
});
