// OpenAPI descriptor of GET /api/v1/analytics (spread into apiRouteDocs in api/src/openapi.ts).
import { ANALYTICS_MAX_DAYS, analyticsQuerySchema, analyticsReportSchema } from '../../../shared/schemas/analytics';
import { errorBodySchema } from '../../../shared/schemas/issuerApi';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';
import { ANALYTICS_CSV_COLUMNS } from './csv';

const zeros = (value: number) => ({
  issued: value, claimed: 0, accepted: 0, declined: 0, revoked: 0, views: 0, sharesLinkedin: 0, sharesX: 0, sharesFacebook: 0,
  sharesEmail: 0, addedToLinkedin: 0, verifications: 0,
});

const exampleReport = {
  badgeClass: null,
  interval: 'week',
  from: '2026-06-01',
  to: '2026-06-10',
  periods: [
    { start: '2026-06-01', end: '2026-06-07' },
    { start: '2026-06-08', end: '2026-06-10' },
  ],
  series: { ...Object.fromEntries(Object.keys(zeros(0)).map((metric) => [metric, [0, 0]])), issued: [3, 1], claimed: [2, 0], accepted: [2, 0] },
  totals: { ...zeros(4), claimed: 2, accepted: 2 },
  funnel: [
    { step: 'issued', count: 4, rateOfPrevious: null, rateOfIssued: 1 },
    { step: 'claimed', count: 2, rateOfPrevious: 0.5, rateOfIssued: 0.5 },
    { step: 'accepted', count: 2, rateOfPrevious: 1, rateOfIssued: 0.5 },
    { step: 'shared', count: 0, rateOfPrevious: 0, rateOfIssued: 0 },
  ],
  badgeClasses: [{ id: 'k3Jd8sPq', name: 'Certified Welder', totals: { ...zeros(4), claimed: 2, accepted: 2 } }],
};

export const analyticsApiRouteDocs = [
  {
    method: 'get',
    path: '/api/v1/analytics',
    tag: 'Sharing',
    summary: 'Analytics: figures over time and the claim-rate funnel (JSON or CSV)',
    description:
      "Figures of the key's issuer's badges — or of one badge class (`badge`) — per period (`interval` = `day`, `week` (ISO weeks, " +
      'from Monday) or `month`), in UTC: badges issued, claimed (joined an earner\'s account), accepted, declined and revoked; badge page ' +
      'views; tracked shares per channel; additions to LinkedIn profiles; verifications by the extension (`POST /api/v1/verify`, counted ' +
      'by the server within seconds). `from` and `to` are inclusive UTC days (YYYY-MM-DD): `to` defaults to today, `from` to 30 days, ' +
      `12 weeks or 12 months before it; at most ${ANALYTICS_MAX_DAYS} days. The first and last periods are cut to the range. The funnel ` +
      'follows the badges issued in the range: how many were claimed, accepted, and accepted and shared at least once. ' +
      '`format=csv` (or `Accept: text/csv`) answers every figure as one CSV table with the columns ' +
      `\`${ANALYTICS_CSV_COLUMNS.join(',')}\` (sections \`period\`, \`total\`, \`badge_class_total\`, \`funnel\`). Limited per issuer ` +
      `(\`RATE_LIMIT_ANALYTICS\`, by default ${formatRateLimit(RATE_LIMITS.analytics)}). Never cached.`,
    auth: 'issuer',
    query: analyticsQuerySchema,
    responses: {
      200: { description: 'The figures (JSON), or with `format=csv` the CSV table (`text/csv`).', schema: analyticsReportSchema, example: exampleReport },
      404: { description: "No such badge class for this issuer. Another issuer's badge class answers exactly like an unknown id.", schema: errorBodySchema },
      429: { description: 'Too many analytics requests for this issuer lately; retry after `Retry-After` seconds.', schema: errorBodySchema },
    },
  },
] as const satisfies readonly ApiRouteDoc[];
