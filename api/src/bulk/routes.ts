import { Hono } from 'hono';
import { getBadgeClass } from '../db/badgeClasses';
import { createBulkJob } from '../db/bulkJobs';
import { jobStatusUrl } from './present';
import { BulkUploadError, checkRows, rowsFromCsv, rowsFromJson, type UploadedRow } from './rows';
import { keyRateLimited, RATE_LIMITS } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented, documentedBodySchema } from '../http/documentedValidation';
import { apiError, issuesOf } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { archivedBadgeClass } from '../catalogue/badgesApiRoutes';

const CSV_MEDIA_TYPE = /^text\/csv$/i;
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** Read by hand: the body may also be CSV, which the JSON validator cannot take. */
const jsonBodySchema = documentedBodySchema('post /api/v1/badges/{id}/assertions/bulk');

/** Bulk issuing (mounted at /api/v1/badges): an upload becomes a job that a background worker issues. */
export const bulkIssuingRoutes = new Hono<AppEnv>().post('/:id/assertions/bulk', issuerAuth, documented('param', 'post /api/v1/badges/{id}/assertions/bulk'), async (c) => {
  const { deps } = c.var;
  const { id } = c.req.valid('param');
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0].trim();
  const isCsv = CSV_MEDIA_TYPE.test(mediaType);
  if (!isCsv && !JSON_MEDIA_TYPE.test(mediaType)) {
    return apiError(
      c,
      415,
      'unsupported_media_type',
      `Send the rows as CSV ("Content-Type: text/csv") or as JSON {"rows": [...]} ("Content-Type: application/json")${mediaType ? ` (got "${mediaType}")` : ''}.`,
    );
  }
  const badgeClass = await getBadgeClass(deps.db, id);
  if (!badgeClass || badgeClass.issuerId !== c.var.issuerId) return apiError(c, 404, 'not_found', `No badge class with id "${id}".`);
  if (badgeClass.archivedAt) return apiError(c, 409, 'archived', archivedBadgeClass(id));
  const wait = await keyRateLimited(deps, RATE_LIMITS.bulkIssue, `issuer:${c.var.issuerId}`);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return apiError(c, 429, 'rate_limited', `Your issuer account has started too many bulk uploads lately. Try again in ${wait} seconds.`);
  }
  let rows: UploadedRow[];
  try {
    if (isCsv) rows = rowsFromCsv(await c.req.text());
    else {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.');
      }
      const parsed = jsonBodySchema.safeParse(body);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        return apiError(c, 400, 'invalid_request', `Invalid request body: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
      }
      rows = rowsFromJson(parsed.data.rows);
    }
  } catch (error) {
    if (error instanceof BulkUploadError) return apiError(c, 400, error.code, error.message);
    throw error;
  }
  const job = await createBulkJob(deps.db, { issuerId: c.var.issuerId, badgeClassId: id, rows: checkRows(rows, deps.now(), badgeClass.attribute) }, deps.now());
  deps.onBulkJobQueued();
  const statusUrl = jobStatusUrl(deps.publicUrl, job.id);
  c.header('Location', statusUrl);
  return c.json({ jobId: job.id, statusUrl }, 202);
});
