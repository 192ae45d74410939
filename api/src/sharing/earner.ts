import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { bearerToken } from '../http/issuerAuth';

// PLACEHOLDER until the earners feature lands: the one place that knows how an earner is authenticated
// and which badges are theirs. Until then no token is valid (401), so nothing is revealed.

export interface EarnerIdentity {
  accountId: string;
}

type EarnerEnv = AppEnv & { Variables: { earner: EarnerIdentity } };

/** Requires `Authorization: Bearer <earner token>` and sets `earner`. */
export const requireEarner = createMiddleware<EarnerEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  const earner = token ? await findEarnerByToken(c, token) : null;
  if (!earner) {
    c.header('WWW-Authenticate', 'Bearer realm="earner"');
    return apiError(c, 401, 'unauthorized', 'Log in and send your token as "Authorization: Bearer <token>" (POST /api/v1/auth/token).');
  }
  c.set('earner', earner);
  await next();
});

async function findEarnerByToken(_c: unknown, _token: string): Promise<EarnerIdentity | null> {
  return null;
}

/** True when the badge sits in this earner's account. */
export async function earnerOwnsAssertion(_c: unknown, _earner: EarnerIdentity, _assertionId: string): Promise<boolean> {
  return false;
}
