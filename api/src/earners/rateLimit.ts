import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/connection';
import { isPostgres } from '../db/engine';
import { countHit, type CounterWindow } from '../db/rateLimits';
import { LocalWindows } from './localWindows';
import { clientKey } from '../http/clientAddress';
import type { AppDeps, AppEnv } from '../http/env';
import { normaliseEmail, sha256Hex } from '../lib/crypto';
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

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const RATE_LIMITS = {
  login: { name: 'login', limit: 30, windowMs: 15 * 60 * 1000 },
  reset: { name: 'reset', limit: 10, windowMs: HOUR_MS },
  register: { name: 'register', limit: 20, windowMs: HOUR_MS },
  // The extension batches a profile's badges into one request; a recruiter paging through profiles
  // behind an office NAT shares one address with colleagues, hence generous.
  verify: { name: 'verify', limit: 300, windowMs: 60 * 1000 },
  // Badges of other sites that a client has this server fetch (those not in the result cache): each
  // costs up to four outbound requests, so no client turns the server into an amplifier. Over it, a
  // request is still answered; those items get `unverifiable` (not a 429 for the whole batch).
  verifyForeign: { name: 'verifyForeign', limit: 600, windowMs: 60 * 1000 },
  // The extension's trustless mode reads credentials, DID documents and status lists of hosts without
  // CORS through GET /api/v1/relay: one outbound request each, and most hosts are read directly.
  relay: { name: 'relay', limit: 120, windowMs: 60 * 1000 },
  // Mail that someone can make us send to an address, counted per sender (account or issuer) and per
  // recipient (the address, hashed), whatever client asks: our mail must not become a way to flood a
  // mailbox, nor lose our server's reputation.
  altEmailAccount: { name: 'altEmailAccount', limit: 10, windowMs: DAY_MS },
  altEmailRecipient: { name: 'altEmailRecipient', limit: 3, windowMs: DAY_MS },
  claimResendIssuer: { name: 'claimResendIssuer', limit: 500, windowMs: DAY_MS },
  claimResendRecipient: { name: 'claimResendRecipient', limit: 3, windowMs: DAY_MS },
  // Bulk uploads (each up to 50,000 rows and as many emails), per issuer.
  bulkIssue: { name: 'bulkIssue', limit: 30, windowMs: HOUR_MS },
  // Reported completions for one person at one issuer (each may email them): an issuer reports a
  // person's courses a few at a time, never hundreds a day.
  completionRecipient: { name: 'completionRecipient', limit: 50, windowMs: DAY_MS },
  // Activation, password-reset and "you already have an account" emails to one address; past the limit
  // they are silently not sent (the pages answer the same either way, so nothing tells an address apart).
  accountMail: { name: 'accountMail', limit: 5, windowMs: HOUR_MS },
  // Badges an earner imports from other sites, per account: each import fetches from the badge's site
  // (up to four requests) and stores a row.
  badgeImport: { name: 'badgeImport', limit: 30, windowMs: HOUR_MS },
  // Analytics reports (GET /api/v1/analytics), per issuer: each reads every counter of the range.
  analytics: { name: 'analytics', limit: 60, windowMs: 60 * 1000 },
  // Skill badges an earner claims for themselves, per account: each stores a row and a public page.
  selfClaim: { name: 'selfClaim', limit: 60, windowMs: HOUR_MS },
  // Rotating or withdrawing an issuer's signing keys: rare by nature; a leaked API key must not flood the DID document.
  issuerKeys: { name: 'issuerKeys', limit: 20, windowMs: 60 * 60 * 1000 },
  // Changes made in the issuer console, per staff account (issuing one badge, revoking, editing).
  consoleAction: { name: 'consoleAction', limit: 600, windowMs: HOUR_MS },
  // Staff invitations, per issuer: each one is an email.
  staffInvite: { name: 'staffInvite', limit: 50, windowMs: DAY_MS },
  // The skill vocabulary: each extension downloads it about once a day (a 304 when unchanged), so a burst
  // is a scraper or a loop. Generous for many browsers behind one office address.
  skills: { name: 'skills', limit: 120, windowMs: 60 * 1000 },
  // An issuer editing synonyms (each edit changes the vocabulary every extension downloads).
  skillSynonyms: { name: 'skillSynonyms', limit: 300, windowMs: HOUR_MS },
  // Roster writes (PUT/DELETE /api/v1/issuer/members…), per issuer; a bulk upload of up to 1,000 members counts once.
  roster: { name: 'roster', limit: 600, windowMs: HOUR_MS },
  // Membership links an earner asks for (each an email to a member's roster address): per account, and per
  // member so that nobody floods a member's mailbox by asking again and again.
  membershipLinkAccount: { name: 'membershipLinkAccount', limit: 10, windowMs: DAY_MS },
  membershipLinkMember: { name: 'membershipLinkMember', limit: 3, windowMs: DAY_MS },
} satisfies Record<string, RateLimitRule>;

/** Rules that refuse single items of a request instead of answering 429 (every other rule answers 429). */
export const PER_ITEM_RATE_LIMITS: readonly string[] = [RATE_LIMITS.verifyForeign.name];

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
 * Counts a hit for `key` (a client, an account, an issuer, a recipient) under the configured form of
 * `rule`; returns 0 when allowed, or the seconds to wait. Uses the `db` given (a transaction's, when the
 * count belongs to it).
 */
export async function keyRateLimited(deps: Pick<Required<AppDeps>, 'db' | 'now' | 'rateLimits'>, rule: RateLimitRule, key: string): Promise<number> {
  const settings = deps.rateLimits;
  if (settings === 'off') return 0;
  const effective = settings[rule.name] ?? rule;
  const now = deps.now().getTime();
  const window = await countHits(deps.db, effective, key, now, 1);
  return window.hits > effective.limit ? Math.ceil((window.windowEndsAt - now) / 1000) : 0;
}

/**
 * Rules counted on every request of a hot route, never inside a transaction: on SQLite (one server
 * process per database) counted in memory, with no database write; on PostgreSQL in the shared
 * counter, except that a client this node already saw over its limit is refused without a write.
 * Every other rule is counted in the database, in the caller's transaction when there is one.
 */
const HOT_RULES: ReadonlySet<string> = new Set([RATE_LIMITS.verify.name, RATE_LIMITS.verifyForeign.name]);

const localWindows = new WeakMap<Db, LocalWindows>();

function localWindowsOf(db: Db): LocalWindows {
  let windows = localWindows.get(db);
  if (!windows) {
    windows = new LocalWindows();
    localWindows.set(db, windows);
  }
  return windows;
}

/** Counts `hits` hits of `key` under `rule`: the window after counting. */
async function countHits(db: Db, rule: RateLimitRule, key: string, now: number, hits: number): Promise<CounterWindow> {
  if (!HOT_RULES.has(rule.name)) return countHit(db, rule.name, key, rule.windowMs, now, hits);
  const windows = localWindowsOf(db);
  if (!isPostgres(db)) return windows.count(rule.name, key, rule.windowMs, now, hits);
  // The shared counter only grows within its window: what it said last is a lower bound.
  const known = windows.current(rule.name, key, now);
  if (known && known.hits >= rule.limit) return { hits: (known.hits += hits), windowEndsAt: known.windowEndsAt };
  const window = await countHit(db, rule.name, key, rule.windowMs, now, hits);
  windows.remember(rule.name, key, window, now);
  return window;
}

/** The rate-limit key of a recipient address: a hash, so the counters hold no address. */
export function recipientKey(email: string): string {
  return `to:${sha256Hex(normaliseEmail(email))}`;
}

/**
 * Counts this client's hit under `rule`; returns 0 when allowed, or the seconds to wait (also set as
 * Retry-After, which every 429 carries).
 */
export async function rateLimited(c: Context<AppEnv>, rule: RateLimitRule): Promise<number> {
  return withRetryAfter(c, await keyRateLimited(c.var.deps, rule, clientKey(c)));
}

/**
 * Counts a hit under each rule for its key, in order, stopping at the first one over its limit: that rule
 * and the seconds to wait (also set as Retry-After), or null when every rule allows it.
 */
export async function firstRateLimited(c: Context<AppEnv>, checks: [RateLimitRule, string][]): Promise<{ rule: RateLimitRule; wait: number } | null> {
  for (const [rule, key] of checks) {
    const wait = await keyRateLimited(c.var.deps, rule, key);
    if (wait > 0) return { rule, wait: withRetryAfter(c, wait) };
  }
  return null;
}

function withRetryAfter(c: Context<AppEnv>, wait: number): number {
  if (wait > 0) c.header('Retry-After', String(wait));
  return wait;
}

/**
 * Counts `wanted` hits at once for this client under `rule` and answers how many of them fit in the
 * current window (the first ones: a caller grants them in order). Hits beyond the limit still count.
 */
export async function grantHits(c: Context<AppEnv>, rule: RateLimitRule, wanted: number): Promise<number> {
  const settings = c.var.deps.rateLimits;
  if (settings === 'off' || wanted === 0) return wanted;
  const effective = settings[rule.name] ?? rule;
  const window = await countHits(c.var.deps.db, effective, clientKey(c), c.var.deps.now().getTime(), wanted);
  const before = window.hits - wanted;
  return Math.max(0, Math.min(wanted, effective.limit - before));
}

/** Middleware for JSON routes: 429 with Retry-After and the uniform error body once the client is over `rule`. */
export function rateLimit(rule: RateLimitRule) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const wait = await rateLimited(c, rule);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `Too many requests from your address. Try again in ${wait} seconds.`);
    await next();
  });
}
