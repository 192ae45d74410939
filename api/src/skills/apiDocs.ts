// OpenAPI descriptors of the skill vocabulary routes (spread into apiRouteDocs in api/src/openapi.ts).
import { errorBodySchema } from '../../../shared/schemas/issuerApi';
import { skillParamSchema, skillSynonymsResponseSchema, skillVocabularySchema, synonymsBodySchema } from '../../../shared/schemas/skills';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';

const tooMany = (rule: { limit: number; windowMs: number }) => ({
  description: `Too many requests (${formatRateLimit(rule)}); retry after \`Retry-After\` seconds.`,
  schema: errorBodySchema,
});

export const skillsApiRouteDocs = [
  {
    method: 'get',
    path: '/api/v1/skills',
    tag: 'Skills',
    summary: 'The skill vocabulary',
    description:
      'Every skill the catalogue’s badge classes declare, with the synonyms their issuer set and the badge classes ' +
      'declaring it, and those badge classes’ names, images, pages and requirements. The browser extension downloads it ' +
      'daily and reads job postings with it locally. Cacheable: send the `ETag` back in `If-None-Match` for a 304 ' +
      'when nothing changed.',
    auth: 'none',
    responses: {
      200: { description: 'The vocabulary (with `ETag` and `Cache-Control` headers).', schema: skillVocabularySchema },
      304: { description: 'Not modified: the `If-None-Match` tag is still current.' },
      429: tooMany(RATE_LIMITS.skills),
    },
  },
  {
    method: 'get',
    path: '/api/v1/skills/{skill}/synonyms',
    tag: 'Skills',
    summary: "The issuer's synonyms for a skill",
    description: 'The synonyms the key’s issuer set for a skill (an empty list when none). Skills are compared by their words: `Flux-Cored` is `flux cored`.',
    auth: 'issuer',
    params: skillParamSchema,
    responses: { 200: { description: 'The synonyms.', schema: skillSynonymsResponseSchema } },
  },
  {
    method: 'put',
    path: '/api/v1/skills/{skill}/synonyms',
    tag: 'Skills',
    summary: 'Set the synonyms of a skill',
    description:
      'Replaces the key’s issuer’s synonyms for a skill (URL-encode the skill in the path). They widen only this ' +
      'issuer’s badge classes declaring the skill: a job posting or a catalogue search naming a synonym finds them. ' +
      'Repeats and the skill itself are dropped. The vocabulary (`GET /api/v1/skills`) changes at once.',
    auth: 'issuer',
    params: skillParamSchema,
    body: synonymsBodySchema,
    exampleBody: { synonyms: ['stick welding', 'shielded metal arc welding', 'MMA welding'] },
    responses: {
      200: { description: 'The synonyms as stored.', schema: skillSynonymsResponseSchema },
      429: tooMany(RATE_LIMITS.skillSynonyms),
    },
  },
] as const satisfies readonly ApiRouteDoc[];
