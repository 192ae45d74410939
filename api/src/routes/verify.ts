import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { verifyRequestSchema, type VerifyResponse } from '../../../shared/schemas/verify';
import { grantHits, RATE_LIMITS, rateLimit } from '../earners/rateLimit';
import { validate } from '../http/errors';
import type { AppEnv } from '../http/env';
import { verifyBatch } from '../verify/service';

/** Background pages of the BadgeLens extension in Chrome, Firefox and Safari call this route cross-origin. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9-]{1,64}$/;

export function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_ORIGIN.test(origin);
}

export const verifyRoutes = new Hono<AppEnv>()
  .use(
    '*',
    cors({
      origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
      allowMethods: ['POST'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  )
  .use('*', async (c, next) => {
    // A revocation must show at once; the extension keeps its own short cache.
    c.header('Cache-Control', 'no-store');
    await next();
  })
  .post('/', rateLimit(RATE_LIMITS.verify), validate('json', verifyRequestSchema), async (c) => {
    const { db, publicUrl, now, foreignVerifier } = c.var.deps;
    const results = await verifyBatch(c.req.valid('json'), {
      db,
      publicUrl,
      now: now(),
      foreign: foreignVerifier,
      allowForeign: (wanted) => grantHits(c, RATE_LIMITS.verifyForeign, wanted),
      signing: c.var.deps,
    });
    return c.json({ results } satisfies VerifyResponse, 200);
  });
