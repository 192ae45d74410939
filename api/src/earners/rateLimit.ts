import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../http/env';

/**
 * Fixed-window counters per client, in memory. They stop one client from guessing passwords across
 * many addresses; the per-account lockout (10 failures) stops guessing one account's password, so
 * these limits are set well above 10 and a person mistyping meets the lockout rule first.
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

interface Window {
  startedAt: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** Counts one hit; returns 0 when allowed, or the seconds to wait. */
  hit(rule: RateLimitRule, client: string, now: number): number {
    const key = `${rule.name} ${client}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= rule.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > rule.limit ? Math.ceil((window.startedAt + rule.windowMs - now) / 1000) : 0;
  }

  private sweep(now: number): void {
    const longest = Math.max(...Object.values(RATE_LIMITS).map((rule) => rule.windowMs));
    for (const [key, window] of this.windows) if (now - window.startedAt >= longest) this.windows.delete(key);
  }
}

// One limiter per app instance (keyed by its deps object), so tests with fresh apps start clean.
const limiters = new WeakMap<object, RateLimiter>();

function limiterFor(c: Context<AppEnv>): RateLimiter {
  let limiter = limiters.get(c.var.deps);
  if (!limiter) {
    limiter = new RateLimiter();
    limiters.set(c.var.deps, limiter);
  }
  return limiter;
}

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
export function rateLimited(c: Context<AppEnv>, rule: RateLimitRule): number {
  const wait = limiterFor(c).hit(rule, clientAddress(c), c.var.deps.now().getTime());
  if (wait > 0) c.header('Retry-After', String(wait));
  return wait;
}
