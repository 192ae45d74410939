import { Hono } from 'hono';
import { presentBulkJob } from './present';
import { getBulkJob, listBulkReport } from '../db/bulkJobs';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';

/** Background jobs of the key's issuer (bulk issuing); another issuer's job answers like an unknown one. */
export const jobsRoutes = new Hono<AppEnv>().get('/:jobId', issuerAuth, documented('param', 'get /api/v1/jobs/{jobId}'), async (c) => {
  const { db } = c.var.deps;
  const { jobId } = c.req.valid('param');
  const job = await getBulkJob(db, jobId);
  if (!job || job.issuerId !== c.var.issuerId) return apiError(c, 404, 'not_found', `No job with id "${jobId}".`);
  c.header('Cache-Control', 'no-store');
  return c.json(presentBulkJob(job, await listBulkReport(db, jobId)), 200);
});
