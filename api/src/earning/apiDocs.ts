// OpenAPI descriptors of the requirement routes under /api/v1 (spread into apiRouteDocs in api/src/openapi.ts).
import { errorBodySchema, idParamSchema } from '../../../shared/schemas/issuerApi';
import {
  completionBodySchema,
  completionResponseSchema,
  requirementBodySchema,
  requirementListSchema,
  requirementPatchSchema,
  requirementResponseSchema,
} from '../../../shared/schemas/requirements';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });
const notFound = error("No such requirement for this issuer. Another issuer's requirement answers exactly like an unknown id.");
const exists = error('The issuer already has a requirement with this title and URL (its id is in the message).');

export const requirementApiRouteDocs = [
  {
    method: 'get',
    path: '/api/v1/requirements',
    tag: 'Requirements',
    summary: "The issuer's requirements",
    description: 'Every requirement object of the key\'s issuer, by title, each with the badge classes listing it as an option.',
    auth: 'issuer',
    responses: { 200: { description: 'The requirements.', schema: requirementListSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/requirements',
    tag: 'Requirements',
    summary: 'Define a requirement',
    description:
      'A course, seminar, quiz, conference or other requirement, defined once and listed as an option on any number of badge classes ' +
      '(`requirements: [{"id": …}]` in `POST`/`PATCH /api/v1/badges`). Title and URL together are unique per issuer.',
    auth: 'issuer',
    body: requirementBodySchema,
    exampleBody: { kind: 'course', title: 'Welding Fundamentals Online Course', url: 'https://welders.example/learn/fundamentals', provider: 'Guild of Welders' },
    responses: { 201: { description: 'The new requirement.', schema: requirementResponseSchema }, 409: exists },
  },
  {
    method: 'get',
    path: '/api/v1/requirements/{id}',
    tag: 'Requirements',
    summary: 'A requirement',
    description: 'One requirement of the key\'s issuer, with the badge classes listing it.',
    auth: 'issuer',
    params: idParamSchema,
    responses: { 200: { description: 'The requirement.', schema: requirementResponseSchema }, 404: notFound },
  },
  {
    method: 'patch',
    path: '/api/v1/requirements/{id}',
    tag: 'Requirements',
    summary: 'Update a requirement',
    description: 'Changes the given fields (at least one; `url: null` and `provider: null` remove them). Every badge class listing it shows the change at once.',
    auth: 'issuer',
    params: idParamSchema,
    body: requirementPatchSchema,
    exampleBody: { provider: 'Guild of Welders Academy' },
    responses: { 200: { description: 'The updated requirement.', schema: requirementResponseSchema }, 404: notFound, 409: exists },
  },
  {
    method: 'post',
    path: '/api/v1/requirements/{id}/completions',
    tag: 'Requirements',
    summary: 'Report a completion',
    description:
      'Records that a person completed the requirement and, in one transaction, issues every badge class of the issuer listing it as an ' +
      'option that the person does not hold yet (a revoked badge is not held), with one email listing them all. Reporting the same ' +
      'completion again changes nothing and sends nothing (200, `awarded: []`). Reports for one person at one issuer take turns, so two ' +
      'at the same moment never issue a badge twice. `completedOn` (a date or date-time, not in the future) defaults to now. Limited per ' +
      `person and issuer (\`RATE_LIMIT_COMPLETION_RECIPIENT\`, by default ${formatRateLimit(RATE_LIMITS.completionRecipient)}). ` +
      '`attributes` gives the value of a badge class\'s attribute (years, level, volunteer flag) by badge class id, for the badges this completion issues or verifies.',
    auth: 'issuer',
    params: idParamSchema,
    body: completionBodySchema,
    exampleBody: { email: 'amara@example.com', name: 'Amara Okafor', completedOn: '2026-03-01', evidence: 'https://welders.example/learn/results/123' },
    responses: {
      201: { description: 'The completion is recorded; the badges it issued.', schema: completionResponseSchema },
      200: { description: 'This completion was reported before: nothing new was issued.', schema: completionResponseSchema },
      404: notFound,
      422: error('An `attributes` key is not a badge class listing this requirement, or its value does not fit the attribute.'),
      429: error('Too many completions reported for this person lately; retry after `Retry-After` seconds.'),
    },
  },
] as const satisfies readonly ApiRouteDoc[];
