import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { grantHits, RATE_LIMITS, rateLimit } from '../earners/rateLimit';
import { documented } from '../http/documentedValidation';
import type { AppEnv } from '../http/env';
import { verifyAnswerJson } from './answerJson';
import { verifyBatch } from './service';
import { countVerifications } from '../analytics/verifications';

/** Background pages of the BadgeLens extension in Chrome, Firefox and Safari call this route cross-origin. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9-]{1,64}$/;

export function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_ORIGIN.test(origin);
}

/**
 * CORS for the extension, every header set before the handler runs. (Hono's cors middleware appends
 * `Vary` after it, which turns @hono/node-server's ready answer back into a web Response with a
 * stream body: a third of a small verify request's CPU time.) A revocation must show at once: the
 * extension keeps its own short cache, nothing else may (no-store).
 */
const extensionCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const allowed = origin !== undefined && isExtensionOrigin(origin);
  c.header('Vary', 'Origin');
  if (allowed) c.header('Access-Control-Allow-Origin', origin);
  if (c.req.method === 'OPTIONS') {
    if (allowed) {
      c.header('Access-Control-Allow-Methods', 'POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', '600');
    }
    return c.body(null, 204);
  }
  c.header('Cache-Control', 'no-store');
  await next();
});

export const verifyRoutes = new Hono<AppEnv>()
  .use('*', extensionCors)
  .post('/', rateLimit(RATE_LIMITS.verify), documented('json', 'post /api/v1/verify'), async (c) => {
    const { db, publicUrl, now, foreignVerifier } = c.var.deps;
    const { results, foundIds } = await verifyBatch(c.req.valid('json'), {
      db,
      publicUrl,
      now: now(),
      foreign: foreignVerifier,
      allowForeign: (wanted) => grantHits(c, RATE_LIMITS.verifyForeign, wanted),
      signing: c.var.deps,
    });
    countVerifications(db, foundIds, now());
    // The JSON of c.json({ results }), this server's badges written from fragments serialized once.
    return c.body(verifyAnswerJson(results), 200, { 'Content-Type': 'application/json' });
  });
