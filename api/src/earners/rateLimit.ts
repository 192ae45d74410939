import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { countHit } from '../db/rateLimits';
import { clientKey } from '../http/clientAddress';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';

/**
 * Fixed-window counters per client (its address; IPv6 by /64, see http/clientAddress.ts), kept in the
 * database (db/rateLimits.ts) so that every API node counts the same hits. They stop one client from
 * guessing passwords across many addresses; the per-account lockout (10 failures) stops guessing one
 * account's password, so these limits are set well above 10 and a person mistyping meets the lockout
 * rule first. Each rule is a setting (RATE_LIMIT_<NAME>=<count>/<window>, listed in the README);
 * RATE_LIMITS=off switches them all off for load tests and benchmarks.
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
  // The extension batches a profile's badges into one request; a recruiter paging through profiles
  // behind an office NAT shares one address with colleagues, hence generous.
  verify: { name: 'verify', limit: 300, windowMs: 60 * 1000 },
  // Rotating or withdrawing an issuer's signing keys: rare by nature; a leaked API key must not flood the DID document.
  issuerKeys: { name: 'issuerKeys', limit: 20, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

/** The rules in force: RATE_LIMITS with the configured overrides (by rule name), or 'off'. */
export type RateLimitSettings = 'off' | Readonly<Record<string, RateLimitRule>>;

/** The environment variable that overrides a rule: login -> RATE_LIMIT_LOGIN, altEmail -> RATE_LIMIT_ALT_EMAIL. */
export function rateLimitVariable(name: string): string {
  return `RATE_LIMIT_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

const WINDOW_UNITS_MS = { s: 1000, m: 60 * 1000, h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 } as const;

/** Reads "<count>/<window>" such as "30/15m" or "300/1m" (units s, m, h, d); null when malformed. */
export function parseRateLimit(value: string): { limit: number; windowMs: number } | null {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,6})\s*([smhd])\s*$/.exec(value);
  if (!match) return null;
  const limit = Number(match[1]);
  const windowMs = Number(match[2]) * WINDOW_UNITS_MS[match[3] as keyof typeof WINDOW_UNITS_MS];
  return limit >= 1 && windowMs >= 1000 ? { limit, windowMs } : null;
}

/** "30/15m" for a rule, the form the settings take. */
export function formatRateLimit(rule: { limit: number; windowMs: number }): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (rule.windowMs % WINDOW_UNITS_MS[unit] === 0) return `${rule.limit}/${rule.windowMs / WINDOW_UNITS_MS[unit]}${unit}`;
  }
  return `${rule.limit}/${Math.ceil(rule.windowMs / 1000)}s`;
}

/**
 * Counts a hit for this client under the configured form of `rule`; returns 0 when allowed, or the
 * seconds to wait (also set as Retry-After, which every 429 carries).
 */
export async function rateLimited(c: Context<AppEnv>, rule: RateLimitRule): Promise<number> {
  const settings = c.var.deps.rateLimits;
  if (settings === 'off') return 0;
  const effective = settings[rule.name] ?? rule;
  const now = c.var.deps.now().getTime();
  const window = await countHit(c.var.deps.db, effective.name, clientKey(c), effective.windowMs, now);
  const wait = window.hits > effective.limit ? Math.ceil((window.windowEndsAt - now) / 1000) : 0;
  if (wait > 0) c.header('Retry-After', String(wait));
  return wait;
}

/** Middleware for JSON routes: 429 with Retry-After and the uniform error body once the client is over `rule`. */
export function rateLimit(rule: RateLimitRule) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const wait = await rateLimited(c, rule);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `Too many requests from your address. Try again in ${wait} seconds.`);
    await next();
  });
}
