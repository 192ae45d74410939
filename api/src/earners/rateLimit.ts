import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { countHit } from '../db/rateLimits';
import type { AppEnv } from '../http/env';

/**
 * Fixed-window counters per client, kept in the database (db/rateLimits.ts) so that every API node counts
 * the same hits. They stop one client from guessing passwords across many addresses; the per-account
 * lockout (10 failures) stops guessing one account's password, so these limits are set well above 10
 * and a person mistyping meets the lockout rule first.
 */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

export const RATE_LIMITS = {
  login: { name: 'login', limit: 30, windowMs: 15 * 60 * 1000 },
  reset: { name: 'reset', limit: 10, windowMs: 60 * 60 * 1000 },
  register: { name: 'register', limit: 20, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

/** The client's address: the socket's, or the first X-Forwarded-For entry when the proxy is trusted. */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Counts a hit for this client; returns 0 when allowed, or the seconds to wait (also set as Retry-After). */
export async function rateLimited(c: Context<AppEnv>, rule: RateLimitRule): Promise<number> {
  const now = c.var.deps.now().getTime();
  const window = await countHit(c.var.deps.db, rule.name, clientAddress(c), rule.windowMs, now);
  const wait = window.hits > rule.limit ? Math.ceil((window.windowEndsAt - now) / 1000) : 0;
  if (wait > 0) c.header('Retry-After', String(wait));
  return wait;
}
