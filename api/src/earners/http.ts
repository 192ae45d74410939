import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import { getAccount, type Account } from '../db/accounts';
import { createSession, findSession, type SessionKind } from '../db/sessions';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { bearerToken } from '../http/issuerAuth';
import { constantTimeEqual, randomId } from '../lib/crypto';
import { COOKIE_SESSION_MS } from './service';

export const SESSION_COOKIE = 'bl_session';
export const CSRF_COOKIE = 'bl_csrf';
export const CSRF_FIELD = 'csrf';

function cookieOptions(c: Context<AppEnv>, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: c.var.deps.publicUrl.startsWith('https:'),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Origin check (Hono's csrf()) for form posts: the page must come from this site's public or request origin. */
export const originCheck = csrf({
  origin: (origin, c) => origin === new URL((c as Context<AppEnv>).var.deps.publicUrl).origin || origin === new URL(c.req.url).origin,
});

/** The per-browser form token (double-submit cookie): set on first sight, placed in every form. */
export function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomId(24);
  setCookie(c, CSRF_COOKIE, token, cookieOptions(c));
  return token;
}

export function csrfTokenMatches(c: Context<AppEnv>, submitted: string | undefined): boolean {
  const cookie = getCookie(c, CSRF_COOKIE);
  return !!cookie && !!submitted && constantTimeEqual(cookie, submitted);
}

/** Reads a urlencoded or multipart form into plain strings (files are ignored). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

export type FieldErrors = Record<string, string>;

/** Validates form fields; on failure, one message per field (the first), to show next to it. */
export function parseForm<T extends z.ZodType>(schema: T, fields: Record<string, unknown>): { ok: true; value: z.infer<T> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Starts a cookie session for the credentials just checked; false when they changed meanwhile (or the account is gone). */
export async function startCookieSession(c: Context<AppEnv>, account: { id: string; credentialVersion: number }): Promise<boolean> {
  const session = await createSession(c.var.deps.db, account, 'cookie', COOKIE_SESSION_MS, c.var.deps.now());
  if (!session) return false;
  setCookie(c, SESSION_COOKIE, session.token, cookieOptions(c, COOKIE_SESSION_MS / 1000));
  return true;
}

export function endCookieSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The signed-in earner of a page request (cookie session), or null. */
export async function pageAccount(c: Context<AppEnv>): Promise<{ account: Account; sessionId: string } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  return sessionAccount(c, token, 'cookie');
}

async function sessionAccount(c: Context<AppEnv>, token: string, kind: SessionKind) {
  const { db, now } = c.var.deps;
  const session = await findSession(db, token, kind, now());
  const account = session ? await getAccount(db, session.accountId) : null;
  return session && account ? { account, sessionId: session.sessionId } : null;
}

/** Requires `Authorization: Bearer <earner token>` (from POST /api/v1/auth/token); sets accountId and sessionId. */
export const earnerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  const found = token ? await sessionAccount(c, token, 'bearer') : null;
  if (!found) {
    c.header('WWW-Authenticate', `Bearer realm="earner"${token ? ', error="invalid_token"' : ''}`);
    return apiError(c, 401, 'unauthorized', token ? 'This token is not valid (unknown, expired or revoked). Sign in again.' : 'Send your earner token as "Authorization: Bearer <token>" (get one from POST /api/v1/auth/token).');
  }
  c.set('accountId', found.account.id);
  c.set('sessionId', found.sessionId);
  await next();
});
