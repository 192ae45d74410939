import { Hono } from 'hono';
import { createSession, deleteSession } from '../db/sessions';
import { earnerAuth } from './http';
import { RATE_LIMITS, rateLimited } from './rateLimit';
import { BEARER_SESSION_MS, BUSY_RETRY_SECONDS, signIn, signInMessage } from './service';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { requireJson } from '../http/jsonInput';
import { documented } from '../http/documentedValidation';

/** Earner tokens for the extension: sign in for a Bearer token, sign out by revoking it. */
export const authRoutes = new Hono<AppEnv>()
  .post('/token', requireJson, documented('json', 'post /api/v1/auth/token'), async (c) => {
    const wait = await rateLimited(c, RATE_LIMITS.login);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `Too many sign-in attempts from your address. Try again in ${wait} seconds.`);
    const { email, password } = c.req.valid('json');
    const { publicUrl, db, now } = c.var.deps;
    const result = await signIn(c.var.deps, email, password);
    if (!result.ok) {
      const message = signInMessage(result.reason, publicUrl);
      if (result.reason === 'locked') return apiError(c, 423, 'account_locked', message);
      if (result.reason === 'unverified') return apiError(c, 403, 'email_not_confirmed', message);
      if (result.reason === 'busy') {
        c.header('Retry-After', String(BUSY_RETRY_SECONDS));
        return apiError(c, 429, 'sign_in_busy', message);
      }
      return apiError(c, 401, 'invalid_credentials', message);
    }
    const session = await createSession(db, result.account, 'bearer', BEARER_SESSION_MS, now());
    // The password changed or the account was deleted after the check: as for any wrong password.
    if (!session) return apiError(c, 401, 'invalid_credentials', signInMessage('invalid', publicUrl));
    c.header('Cache-Control', 'no-store');
    return c.json({ token: session.token, expiresAt: session.expiresAt }, 201);
  })
  .delete('/token', earnerAuth, async (c) => {
    await deleteSession(c.var.deps.db, c.var.sessionId);
    return c.body(null, 204);
  });
