import { Hono } from 'hono';
import { authTokenRequestSchema } from '../../../shared/schemas/earners';
import { createSession, deleteSession } from '../db/sessions';
import { earnerAuth } from '../earners/http';
import { RATE_LIMITS, rateLimited } from '../earners/rateLimit';
import { BEARER_SESSION_MS, SIGN_IN_MESSAGES, signIn } from '../earners/service';
import type { AppEnv } from '../http/env';
import { apiError, validate } from '../http/errors';
import { requireJson } from '../http/jsonInput';

/** Earner tokens for the extension: sign in for a Bearer token, sign out by revoking it. */
export const authRoutes = new Hono<AppEnv>()
  .post('/token', requireJson, validate('json', authTokenRequestSchema), async (c) => {
    const wait = await rateLimited(c, RATE_LIMITS.login);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `Too many sign-in attempts from your address. Try again in ${wait} seconds.`);
    const { email, password } = c.req.valid('json');
    const result = await signIn(c.var.deps, email, password);
    if (!result.ok) {
      if (result.reason === 'locked') return apiError(c, 423, 'account_locked', SIGN_IN_MESSAGES.locked);
      if (result.reason === 'unverified') return apiError(c, 403, 'email_not_confirmed', SIGN_IN_MESSAGES.unverified);
      return apiError(c, 401, 'invalid_credentials', SIGN_IN_MESSAGES.invalid);
    }
    const session = await createSession(c.var.deps.db, result.account.id, 'bearer', BEARER_SESSION_MS, c.var.deps.now());
    c.header('Cache-Control', 'no-store');
    return c.json({ token: session.token, expiresAt: session.expiresAt }, 201);
  })
  .delete('/token', earnerAuth, async (c) => {
    await deleteSession(c.var.deps.db, c.var.sessionId);
    return c.body(null, 204);
  });
