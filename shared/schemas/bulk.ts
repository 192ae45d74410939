// Bulk issuing (POST /api/v1/badges/:id/assertions/bulk) and its jobs (GET /api/v1/jobs/:jobId).
import { z } from 'zod';
import { issueAssertionSchema } from './badges';

/** The most rows one upload may hold. */
export const BULK_MAX_ROWS = 50_000;

/** The columns of an upload: `email` and `name` required, the others optional (blank means absent). */
export const BULK_COLUMNS = ['email', 'name', 'evidence', 'narrative', 'expires', 'attribute'] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
export const BULK_REQUIRED_COLUMNS: readonly BulkColumn[] = ['email', 'name'];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A blank cell is an absent value; a date without a time means midnight UTC of that day. */
const blankToAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** One row to issue, as a CSV line or a JSON object gives it; checked row by row (a bad row is reported, not refused). */
export const bulkRowSchema = z.strictObject({
  email: z.preprocess(blankToAbsent, issueAssertionSchema.shape.email),
  name: z.preprocess(blankToAbsent, issueAssertionSchema.shape.name),
  evidence: z.preprocess(blankToAbsent, issueAssertionSchema.shape.evidence),
  narrative: z.preprocess(blankToAbsent, issueAssertionSchema.shape.narrative),
  expires: z.preprocess(
    (value) => {
      const present = blankToAbsent(value);
      return typeof present === 'string' && DATE_ONLY.test(present.trim()) ? `${present.trim()}T00:00:00Z` : present;
    },
    issueAssertionSchema.shape.expires,
  ),
  /** The value of the badge class's attribute; checked against its kind by checkRows (text such as "12" or "yes" is read as the kind needs). */
  attribute: z.preprocess(blankToAbsent, issueAssertionSchema.shape.attribute),
});
export type BulkRowInput = z.infer<typeof bulkRowSchema>;

export const bulkJsonBodySchema = z.strictObject({
  rows: z
    .array(z.record(z.string(), z.unknown()).meta({ description: 'A row: email, name and optionally evidence, narrative, expires, attribute.' }))
    .min(1, 'give at least one row')
    .max(BULK_MAX_ROWS, `at most ${BULK_MAX_ROWS} rows per upload; split the file`),
});

export const jobIdParamSchema = z.strictObject({
  jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid job id'),
});

export const bulkAcceptedSchema = z.object({
  jobId: z.string(),
  statusUrl: z.string().url().meta({ description: 'The absolute URL of GET /api/v1/jobs/{jobId}.' }),
});

export const BULK_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const BULK_ROW_STATUSES = ['issued', 'skipped', 'error'] as const;

export const bulkReportEntrySchema = z.object({
  row: z.number().int().min(1).meta({ description: 'The row number, counted from 1 after the header; blank lines are not rows.' }),
  email: z.string().meta({ description: 'The email as given.' }),
  status: z.enum(BULK_ROW_STATUSES),
  assertionId: z
    .string()
    .optional()
    .meta({ description: 'Issued: the new assertion. Skipped: the assertion the email already holds.' }),
  error: z.string().optional().meta({ description: 'Why the row was not issued (status error).' }),
});
export type BulkReportEntry = z.infer<typeof bulkReportEntrySchema>;

export const bulkJobResponseSchema = z.object({
  id: z.string(),
  badgeClassId: z.string(),
  state: z.enum(BULK_JOB_STATES),
  total: z.number().int(),
  processed: z.number().int().meta({ description: 'Rows handled so far, errors included.' }),
  issued: z.number().int(),
  skipped: z.number().int(),
  errors: z.number().int(),
  failure: z.string().optional().meta({ description: 'Why the job failed (state failed).' }),
  createdAt: z.string(),
  report: z.array(bulkReportEntrySchema).meta({ description: 'One entry per handled row, in row order; complete once the job is done.' }),
});
export type BulkJobResponse = z.infer<typeof bulkJobResponseSchema>;
