import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

export interface SecurityHeaderOptions {
  /** The Content-Security-Policy of HTML pages that do not set their own. */
  contentSecurityPolicy: string;
}

/**
 * Every answer: `X-Content-Type-Options: nosniff`. Every HTML page, unless its route set its own:
 * a Content-Security-Policy (with `frame-ancestors 'none'`), `X-Frame-Options: DENY` for older
 * browsers, and a Referrer-Policy that never sends a page's path to other sites.
 */
export function securityHeaders({ contentSecurityPolicy }: SecurityHeaderOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (!headers.get('content-type')?.startsWith('text/html')) return;
    // A route with its own policy (a future embed route, the outbox) also decides about framing.
    if (!headers.has('content-security-policy')) {
      headers.set('Content-Security-Policy', contentSecurityPolicy);
      headers.set('X-Frame-Options', 'DENY');
    }
    if (!headers.has('referrer-policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
}
