import { Hono } from 'hono';
import { analyticsCsv, analyticsCsvFileName, wantsCsv } from './csv';
import { loadAnalytics } from './load';
import { keyRateLimited, RATE_LIMITS } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';

/** GET /api/v1/analytics: the key's issuer's figures over time and its claim-rate funnel, as JSON or CSV. */
export const analyticsApiRoutes = new Hono<AppEnv>().get('/', issuerAuth, documented('query', 'get /api/v1/analytics'), async (c) => {
  const { db, now } = c.var.deps;
  const wait = await keyRateLimited(c.var.deps, RATE_LIMITS.analytics, `issuer:${c.var.issuerId}`);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return apiError(c, 429, 'rate_limited', `Too many analytics requests for this issuer. Try again in ${wait} seconds.`);
  }
  const query = c.req.valid('query');
  const report = await loadAnalytics(c.var.deps, c.var.issuerId, query, now());
  if (!report) return apiError(c, 404, 'not_found', `No badge class with id "${query.badge}".`);
  c.header('Cache-Control', 'no-store');
  c.header('Vary', 'Accept');
  if (!wantsCsv(query.format, c.req.header('accept'))) return c.json(report, 200);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${analyticsCsvFileName(report)}"`);
  return c.body(analyticsCsv(report), 200);
});
