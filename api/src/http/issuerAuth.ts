import { createMiddleware } from 'hono/factory';
import { findIssuerIdByApiKey } from '../db/apiKeys';
import { apiError } from './errors';
import type { AppEnv } from './env';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** Requires `Authorization: Bearer <issuer API key>` and sets `issuerId`. */
export const issuerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearerToken(c.req.header('authorization'));
  if (!key) {
    c.header('WWW-Authenticate', 'Bearer realm="issuer"');
    return apiError(c, 401, 'unauthorized', 'Send your issuer API key as "Authorization: Bearer <key>".');
  }
  const issuerId = await findIssuerIdByApiKey(c.var.deps.db, key, c.var.deps.now());
  if (!issuerId) {
    c.header('WWW-Authenticate', 'Bearer realm="issuer", error="invalid_token"');
    return apiError(c, 401, 'unauthorized', 'This API key is not valid (unknown or revoked).');
  }
  c.set('issuerId', issuerId);
  await next();
});
