// OpenAPI descriptors of bulk issuing and its jobs (spread into apiRouteDocs in api/src/openapi.ts).
import { BULK_MAX_ROWS, bulkAcceptedSchema, bulkJobResponseSchema, bulkJsonBodySchema, jobIdParamSchema } from '../../../shared/schemas/bulk';
import { errorBodySchema, idParamSchema } from '../../../shared/schemas/issuerApi';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });

const exampleCsv = [
  'email,name,evidence,narrative,expires',
  'ada@example.org,Ada Example,https://welders.example/portfolio/ada,"Passed, with distinction",2030-06-30',
  'grace@example.org,Grace Example,,,',
].join('\r\n');

const exampleJob = {
  id: 'q3C0xU8bHk2mW1nZrT5yLg',
  badgeClassId: 'k3Jd8sPq',
  state: 'done',
  total: 3,
  processed: 3,
  issued: 1,
  skipped: 1,
  errors: 1,
  createdAt: '2026-06-01T12:00:00.000Z',
  report: [
    { row: 1, email: 'ada@example.org', status: 'issued', assertionId: 'Xc2v9kq0Rr7bT1mN4pL8aQ' },
    { row: 2, email: 'grace@example.org', status: 'skipped', assertionId: 'Pq7dLm2sT0vB9xN1cR4wYe' },
    { row: 3, email: 'not-an-email', status: 'error', error: 'email: must be an email address' },
  ],
};

export const bulkApiRouteDocs = [
  {
    method: 'post',
    path: '/api/v1/badges/{id}/assertions/bulk',
    tag: 'Assertions',
    summary: 'Issue a badge to many recipients (CSV or JSON)',
    description:
      `Queues a job that issues the badge class to up to ${BULK_MAX_ROWS.toLocaleString('en')} recipients, each with a claim email, and ` +
      'answers at once with the job id and its absolute `statusUrl` (also in `Location`). Send either CSV ' +
      '(`Content-Type: text/csv`, UTF-8, RFC 4180: a header row naming `email` and `name` and optionally `evidence`, `narrative`, ' +
      '`expires`, `attribute`, in any order; quoted fields may hold commas and line breaks; blank lines are not rows) or JSON ' +
      '`{"rows": [{"email", "name", "evidence"?, "narrative"?, "expires"?, "attribute"?}]}`. `attribute` is the value of the badge ' +
      "class's attribute (whole years 0–80, a level's text, or the volunteer flag: true/false, yes/no, 1/0). " +
      '`expires` is an ISO 8601 date-time with a time zone, or ' +
      'a date (midnight UTC), and must be in the future. Each row is checked on its own: a bad row (invalid email, missing name, bad ' +
      'evidence URL, expiry or attribute value) becomes an `error` entry of the report, never a refusal of the upload. A row whose email already holds ' +
      'this badge (not revoked) — from an earlier row of the file, an earlier upload, or single issuing — is `skipped` and names the ' +
      'assertion it holds, so uploading the same file again issues nothing twice. Rows are issued in the background in chunks, each ' +
      'chunk in one transaction; a job interrupted by a crash resumes when the server starts again, and no row is ever issued twice. ' +
      `Bulk uploads are limited per issuer (\`RATE_LIMIT_BULK_ISSUE\`, by default ${formatRateLimit(RATE_LIMITS.bulkIssue)}).`,
    auth: 'issuer',
    params: idParamSchema,
    body: bulkJsonBodySchema,
    exampleBody: { rows: [{ email: 'ada@example.org', name: 'Ada Example', expires: '2030-06-30' }, { email: 'grace@example.org', name: 'Grace Example' }] },
    csvBody: { description: 'The rows as CSV with a header row (see above).', example: exampleCsv },
    responses: {
      202: {
        description: 'The job is queued; follow `statusUrl`.',
        schema: bulkAcceptedSchema,
        example: { jobId: exampleJob.id, statusUrl: `https://badges.example/api/v1/jobs/${exampleJob.id}` },
      },
      400: error(
        `The upload cannot be read as a whole: \`invalid_csv\` (unclosed quote, unknown or missing column), \`no_rows\`, \`too_many_rows\` (over ${BULK_MAX_ROWS.toLocaleString('en')} rows), \`invalid_json\`, or \`invalid_request\` (JSON not of the shape \`{"rows": [...]}\`).`,
      ),
      404: error("No such badge class for this issuer. Another issuer's badge class answers exactly like an unknown id."),
      429: error('This issuer started too many bulk uploads lately; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/jobs/{jobId}',
    tag: 'Assertions',
    summary: 'A bulk issuing job: progress and per-row report',
    description:
      'The state of a job (`queued`, `running`, `done` or `failed`), its counters and its report: one entry per handled row, in row ' +
      'order (rows numbered from 1 after the header; blank lines are not rows). `processed` counts every handled row, errors included, ' +
      'and grows while the job runs; the report is complete once the job is `done`. A `failed` job (an unexpected server error) keeps ' +
      'the rows it handled. Never cached.',
    auth: 'issuer',
    params: jobIdParamSchema,
    responses: {
      200: { description: 'The job.', schema: bulkJobResponseSchema, example: exampleJob },
      404: error("No such job for this issuer. Another issuer's job answers exactly like an unknown id."),
    },
  },
] as const satisfies readonly ApiRouteDoc[];
