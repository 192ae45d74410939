import type { BulkJob } from '../db/bulkJobs';

/** One line of progress for a terminal: `[#########-----------]  45%  4,500/10,000 rows · 4,400 issued · 60 skipped · 40 errors`. */
export function progressLine(job: Pick<BulkJob, 'total' | 'processed' | 'issued' | 'skipped' | 'errors'>, width = 30): string {
  const fraction = job.total === 0 ? 1 : Math.min(1, job.processed / job.total);
  const filled = Math.round(fraction * width);
  const number = (value: number) => value.toLocaleString('en');
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ` +
    `${number(job.processed)}/${number(job.total)} rows · ${number(job.issued)} issued · ${number(job.skipped)} skipped · ${number(job.errors)} errors`
  );
}
