import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

/**
 * A HEAD answer carries the Content-Length its GET answer would have. Hono answers HEAD by running
 * the GET route and dropping the body, length and all; Node's own HTTP client (and the link checkers
 * built on it) then closes the keep-alive connection, unable to tell where the answer ends.
 */
export const headContentLength = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'HEAD' || c.res.headers.has('content-length') || c.res.body === null) return;
  c.res.headers.set('Content-Length', String((await c.res.clone().arrayBuffer()).byteLength));
});
