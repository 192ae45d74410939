import type { BulkJobResponse, BulkReportEntry } from '../../../shared/schemas/bulk';
import type { BulkJob, BulkReportRow } from '../db/bulkJobs';

/** The absolute URL of a job's status (GET /api/v1/jobs/:jobId). */
export function jobStatusUrl(publicUrl: string, jobId: string): string {
  return `${publicUrl}/api/v1/jobs/${encodeURIComponent(jobId)}`;
}

export function presentReportEntry(row: BulkReportRow): BulkReportEntry {
  const entry: BulkReportEntry = { row: row.row, email: row.email, status: row.status };
  if (row.status !== 'error' && row.assertionId) entry.assertionId = row.assertionId;
  if (row.status === 'error') entry.error = row.problem ?? 'this row could not be issued';
  return entry;
}

export function presentBulkJob(job: BulkJob, report: readonly BulkReportRow[]): BulkJobResponse {
  return {
    id: job.id,
    badgeClassId: job.badgeClassId,
    state: job.state,
    total: job.total,
    processed: job.processed,
    issued: job.issued,
    skipped: job.skipped,
    errors: job.errors,
    ...(job.failure ? { failure: job.failure } : {}),
    createdAt: job.createdAt,
    report: report.map(presentReportEntry),
  };
}
