// The OpenAPI 3.1 document of every /api/v1 route and of the Open Badges 3.0 documents verifiers fetch
// (served at /openapi.json, rendered at /docs), generated
// from a plain list of route descriptors and the zod schemas in shared/. A test walks the app's routes and
// fails when a registered /api/v1 route has no descriptor here, or validates its input with anything but the
// schemas of its own descriptor (`documented`, see http/documentedValidation.ts).
//
// To document a new route, append an `ApiRouteDoc` to `coreRouteDocs` below (or export an array of them,
// `as const satisfies readonly ApiRouteDoc[]`, from your feature's module and spread it into
// `validatingRouteDocs`), then validate with `documented(target, 'method /path')`. Response schemas listed in
// `schemaComponents` are emitted once under components.schemas and referenced by $ref.
import { z } from 'zod';
import {
  catalogueQuerySchema,
  issueAssertionSchema,
  pageQuerySchema,
  revokeAssertionSchema,
  updateIssuerSchema,
} from '../../shared/schemas/badges';
import {
  assertionPageSchema,
  assertionResponseSchema,
  badgeClassBodySchema,
  badgeClassPatchSchema,
  badgeClassResponseSchema,
  catalogueResponseSchema,
  errorBodySchema,
  idParamSchema,
  issuerResponseSchema,
} from '../../shared/schemas/issuerApi';
import { bulkJobResponseSchema } from '../../shared/schemas/bulk';
import { shareResponseSchema, statsQuerySchema, statsResponseSchema } from '../../shared/schemas/sharing';
import { relayQuerySchema, verifyRequestSchema, verifyResponseSchema } from '../../shared/schemas/verify';
import { formatRateLimit, RATE_LIMITS } from './earners/rateLimit';
import { bodyLimitFor, formatBytes } from './http/bodyLimit';
import { analyticsApiRouteDocs } from './analytics/apiDocs';
import { bulkApiRouteDocs } from './bulk/apiDocs';
import { earnerApiRouteDocs } from './earners/apiDocs';
import { RELAY_MAX_BYTES } from './verify/relayLimits';
import { requirementApiRouteDocs } from './earning/apiDocs';
import { membershipApiRouteDocs } from './earning/membershipsApiDocs';
import { skillsApiRouteDocs } from './skills/apiDocs';
import { credentialRouteDocs } from './ob3/apiDocs';
import { matchingApiRouteDocs } from './matching/apiDocs';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, an issuer with an API key, or a logged-in earner with a token. */
export type RouteAuth = 'none' | 'issuer' | 'earner';

export interface ApiResponseDoc {
  description: string;
  /** The body's media type (default application/json). */
  mediaType?: string;
  /** The JSON body; omit for responses without one. */
  schema?: z.ZodType;
  example?: unknown;
}

export interface ApiRouteDoc {
  method: HttpMethod;
  /** The path in OpenAPI form, `{name}` for parameters: `/api/v1/badges/{id}/assertions`. */
  path: string;
  /** Groups routes in the document and on /docs. */
  tag: string;
  summary: string;
  description: string;
  auth: RouteAuth;
  /** Validated path parameters (a 400 when invalid); without it, `{name}`s in the path are plain strings. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON request body. */
  body?: z.ZodType;
  exampleBody?: unknown;
  /** The route also takes its body as CSV (`text/csv`), besides the JSON `body`. */
  csvBody?: { description: string; example: string };
  /**
   * Success responses and the errors specific to the route (404, 409, …). The generic ones are added from
   * the rest of the descriptor: 400 when anything is validated, 401 for authenticated routes, 413 and 415
   * for routes with a body.
   */
  responses: Record<number, ApiResponseDoc>;
  /** Example path parameters, shown in the document and sent to the route by the tests (default: `id` of 12 letters). */
  exampleParams?: Record<string, string>;
  /** An example query string's parameters, shown in the document and sent to the route by the tests. */
  exampleQuery?: Record<string, string>;
}

const healthResponseSchema = z.object({ ok: z.literal(true) });

/** Named response schemas: emitted once in components.schemas and referenced wherever used. */
export const schemaComponents: Record<string, z.ZodType> = {
  Error: errorBodySchema,
  Issuer: issuerResponseSchema,
  BadgeClass: badgeClassResponseSchema,
  Catalogue: catalogueResponseSchema,
  Assertion: assertionResponseSchema,
  AssertionPage: assertionPageSchema,
  VerifyResponse: verifyResponseSchema,
  ShareKit: shareResponseSchema,
  Stats: statsResponseSchema,
  BulkJob: bulkJobResponseSchema,
};

const exampleBadgeClass = {
  name: 'MIG Welding Level 1',
  description: 'Safe, clean MIG welds on mild steel in the flat position.',
  category: 'skill',
  criteria: 'Complete the safety course and pass the practical test with a certified supervisor.',
  requirements: [
    { kind: 'course', title: 'Welding safety', url: 'https://welders.example/courses/safety' },
    { kind: 'quiz', title: 'MIG theory quiz' },
    { id: 'r8Kq2mZx7PaL' },
  ],
  skills: ['MIG welding', 'Metal preparation'],
  validityMonths: 36,
  offersCertificate: true,
};

/** An answer of POST /api/v1/verify for the example body: this server's badge, a Credly badge, an invalid VC-JWT. */
const verifyExample = {
  results: [
    {
      url: 'https://badges.example/assertions/Xc2v9kq0Rr7bT1mN4pL8aQ',
      status: 'valid',
      badge: {
        assertionId: 'Xc2v9kq0Rr7bT1mN4pL8aQ',
        pageUrl: 'https://badges.example/assertions/Xc2v9kq0Rr7bT1mN4pL8aQ',
        name: 'MIG Welding Level 1',
        description: 'Safe, clean MIG welds on mild steel in the flat position.',
        category: 'skill',
        imageUrl: 'https://badges.example/assertions/Xc2v9kq0Rr7bT1mN4pL8aQ/image',
        issuer: { id: 'https://badges.example/issuers/k3Jd8s', name: 'Guild of Welders', url: 'https://welders.example', imageUrl: null, domain: 'badges.example' },
        recipientName: 'Amara Okafor',
        issuedOn: '2025-03-01T09:00:00.000Z',
        expires: null,
        revocationReason: null,
      },
      source: { platform: 'badgelens', format: 'ob2-hosted', checkedUrl: 'https://badges.example/assertions/Xc2v9kq0Rr7bT1mN4pL8aQ' },
      checkedAt: '2026-06-01T12:00:00.000Z',
    },
    {
      url: 'https://www.credly.com/badges/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
      status: 'expired',
      badge: {
        assertionId: 'https://api.credly.com/v1/obi/v2/badge_assertions/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
        pageUrl: 'https://www.credly.com/badges/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
        name: 'Cloud Operations Associate',
        description: 'Operates cloud workloads.',
        category: null,
        imageUrl: 'https://images.credly.com/images/3b5c7d9e/image.png',
        issuer: { id: 'https://api.credly.com/v1/obi/v2/issuers/8a3f2c1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b', name: 'Northwind Cloud Academy', url: 'https://northwind.example/', imageUrl: null, domain: 'api.credly.com' },
        recipientName: null,
        issuedOn: '2023-03-01T00:00:00.000Z',
        expires: '2026-03-01T00:00:00.000Z',
        revocationReason: null,
      },
      source: { platform: 'credly', format: 'ob2-hosted', checkedUrl: 'https://api.credly.com/v1/obi/v2/badge_assertions/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' },
      checkedAt: '2026-06-01T11:42:10.000Z',
    },
    {
      credential: 0,
      status: 'invalid',
      reason: "its signature does not verify with its issuer's key",
      source: { platform: 'openbadges', format: 'ob3', checkedUrl: null },
      checkedAt: '2026-06-01T12:00:00.000Z',
    },
  ],
};

const notFound = (what: string): ApiResponseDoc => ({
  description: `No such ${what} for this issuer. Another issuer's ${what} answers exactly like an unknown id.`,
  schema: errorBodySchema,
});

/**
 * The routes described here. Kept literal (`as const`) so a router can take its validators from its descriptor
 * with the schemas' exact types: `documented('json', 'post /api/v1/verify')` (see http/documentedValidation.ts).
 */
export const coreRouteDocs = [
  {
    method: 'get',
    path: '/health',
    tag: 'Service',
    summary: 'Health check',
    description: 'Answers `{"ok":true}` while the server runs. Never cached.',
    auth: 'none',
    responses: { 200: { description: 'The server is up.', schema: healthResponseSchema, example: { ok: true } } },
  },
  {
    method: 'get',
    path: '/api/v1/issuer',
    tag: 'Issuer',
    summary: "The key's issuer profile",
    description: 'The issuer that owns the API key: the profile shown on its public page and in its Open Badges Issuer document.',
    auth: 'issuer',
    responses: { 200: { description: 'The issuer profile.', schema: issuerResponseSchema } },
  },
  {
    method: 'patch',
    path: '/api/v1/issuer',
    tag: 'Issuer',
    summary: 'Update the issuer profile',
    description:
      'Changes the given fields only. `description`, `image` and `linkedInOrganizationId` are cleared with `null`. ' +
      'An image is an https URL or a `data:` URI of a real PNG or SVG (SVGs without scripts).',
    auth: 'issuer',
    body: updateIssuerSchema,
    exampleBody: { description: 'The welding society of the north.', linkedInOrganizationId: '1035' },
    responses: { 200: { description: 'The updated profile.', schema: issuerResponseSchema } },
  },
  {
    method: 'get',
    path: '/api/v1/badges',
    tag: 'Badge classes',
    summary: 'The public badge catalogue',
    description:
      'Every badge class on this server with its issuer, by category then name. Filter with `category`. ' +
      '`q` searches names, descriptions and skills (full text, every word must match, known abbreviations and ' +
      'synonyms included: TIG finds GTAW); `skills` takes comma-separated skill phrases and finds the badge ' +
      'classes matching any of them. With `q` or `skills` the best matches come first: more matched skill ' +
      'phrases, then relevance. A query without a single letter or digit finds nothing. No key needed.',
    auth: 'none',
    query: catalogueQuerySchema,
    responses: { 200: { description: 'Matching badge classes.', schema: catalogueResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/badges',
    tag: 'Badge classes',
    summary: 'Create a badge class',
    description:
      'Creates a badge class of the key\'s issuer. `criteria` is a narrative text. Without `image` the badge gets a ' +
      'generated one; `image` in the answer is always the absolute URL it is served from. The `Location` header ' +
      'holds the public badge class URL.',
    auth: 'issuer',
    body: badgeClassBodySchema,
    exampleBody: exampleBadgeClass,
    responses: { 201: { description: 'The badge class was created.', schema: badgeClassResponseSchema } },
  },
  {
    method: 'patch',
    path: '/api/v1/badges/{id}',
    tag: 'Badge classes',
    summary: 'Update a badge class',
    description: 'Changes the given fields only (at least one). `validityMonths: null` removes the validity period.',
    auth: 'issuer',
    params: idParamSchema,
    body: badgeClassPatchSchema,
    exampleBody: { description: 'Safe, clean MIG welds on mild steel in every position.', validityMonths: 24 },
    responses: {
      200: { description: 'The updated badge class.', schema: badgeClassResponseSchema },
      404: notFound('badge class'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/badges/{id}/assertions',
    tag: 'Assertions',
    summary: 'Issue a badge',
    description:
      'Issues the badge class to a recipient, who gets an email with a claim link. Without `expires` the badge ' +
      'expires after the badge class\'s `validityMonths` (or never); `expires` must be in the future. The ' +
      '`Location` header and `url` hold the public badge URL, the one earners share.',
    auth: 'issuer',
    params: idParamSchema,
    body: issueAssertionSchema,
    exampleBody: {
      email: 'ada@example.org',
      name: 'Ada Example',
      evidence: 'https://welders.example/portfolio/ada',
      narrative: 'Passed the practical test with distinction.',
    },
    responses: {
      201: { description: 'The badge was issued.', schema: assertionResponseSchema },
      404: notFound('badge class'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/badges/{id}/assertions',
    tag: 'Assertions',
    summary: 'List issued badges',
    description:
      'The badges issued from a badge class, newest first, `limit` per page (1 to 200, default 50). Pass ' +
      '`nextCursor` as `cursor` to get the next page; it is null on the last page.',
    auth: 'issuer',
    params: idParamSchema,
    query: pageQuerySchema,
    responses: {
      200: { description: 'One page of assertions.', schema: assertionPageSchema },
      404: notFound('badge class'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/assertions/{id}',
    tag: 'Assertions',
    summary: 'An issued badge',
    description: 'One badge issued by the key\'s issuer, with its claim state and its status (valid, expired or revoked).',
    auth: 'issuer',
    params: idParamSchema,
    responses: {
      200: { description: 'The assertion.', schema: assertionResponseSchema },
      404: notFound('assertion'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/assertions/{id}/revoke',
    tag: 'Assertions',
    summary: 'Revoke a badge',
    description:
      'Revokes an issued badge for good, with a reason that verifiers and the public badge page show. ' +
      'The badge URL then answers 410 and verifies as `revoked`.',
    auth: 'issuer',
    params: idParamSchema,
    body: revokeAssertionSchema,
    exampleBody: { reason: 'Issued to the wrong person.' },
    responses: {
      200: { description: 'The revoked assertion.', schema: assertionResponseSchema },
      404: notFound('assertion'),
      409: { description: 'The badge was already revoked; a revocation cannot be changed.', schema: errorBodySchema },
    },
  },
  {
    method: 'post',
    path: '/api/v1/verify',
    tag: 'Verification',
    summary: 'Verify badges: URLs of any platform, and inline credentials',
    description:
      'Checks 1 to 100 items at once — `urls` (badge URLs as pages show them) and `credentials` (Open Badges 3.0 / ' +
      'VC objects, Open Badges 2.0 assertion objects, or VC-JWT strings) — and answers one result per item, urls ' +
      'first, then credentials, each in its order (`url` as given, or `credential`: its index). Statuses: `valid`, ' +
      '`expired`, `revoked`, `not_found`, `unsupported` (not a badge: this server\'s other pages, other schemes, ' +
      'pages that link no badge, URLs over 2048 characters), `invalid` (the proof does not verify, or the badge ' +
      'contradicts itself: its id is not where it was found, an origin its issuer does not allow, a malformed ' +
      'recipient, not yet valid), `unverifiable` (the source could not be reached or answered badly: try again ' +
      'later) and `self_claimed`. `invalid` and `unverifiable` results carry a one-line `reason`. This server\'s ' +
      'badges are read from its database; every other badge is fetched (https only, public addresses only, 5 s, ' +
      '1 MB): Credly (`www.credly.com/badges/<uuid>` through its public Open Badges endpoint), Canvas Credentials / ' +
      'Badgr (`/public/assertions/<id>` of every region), Accredible (`credential.net` pages) and any URL that answers ' +
      'an Open Badges 2.0 assertion or 3.0 credential, or a page linking one with `<link rel="alternate">`. LinkedIn ' +
      'redirect links and tracking parameters are unwrapped. Open Badges 2.0 is verified as hosted (id, badge class, ' +
      'issuer, allowed origins, expiry, revocation); 3.0 by its Data Integrity proof (eddsa-rdfc-2022, ' +
      'Ed25519Signature2020; did:key, did:web) or, for a VC-JWT, the issuer\'s key, with validFrom/validUntil and its ' +
      'status list. `source` says which platform and format, and the URL finally checked; `badge.issuer.domain` is ' +
      'the host the issuer\'s identity was proven on. Results for other sites are cached for up to an hour (failures ' +
      'a minute); a client has at most `RATE_LIMIT_VERIFY_FOREIGN` (by default ' +
      `${formatRateLimit(RATE_LIMITS.verifyForeign)}) badges of other sites checked that are not in the cache, ` +
      'beyond which those items are `unverifiable`. The whole answer comes within 5 s. Never cached by clients.',
    auth: 'none',
    body: verifyRequestSchema,
    exampleBody: {
      urls: ['https://badges.example/assertions/Xc2v9kq0Rr7bT1mN4pL8aQ', 'https://www.credly.com/badges/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e'],
      credentials: ['eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6a2V5OnpFeGFtcGxlIn0.c2lnbmF0dXJl'],
    },
    responses: {
      200: { description: 'One result per item, urls first, then credentials.', schema: verifyResponseSchema, example: verifyExample },
      429: {
        description: `Too many requests from this client (\`RATE_LIMIT_VERIFY\`, by default ${formatRateLimit(RATE_LIMITS.verify)}); retry after \`Retry-After\` seconds.`,
        schema: errorBodySchema,
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/relay',
    tag: 'Verification',
    summary: "Another site's JSON document, relayed as it is",
    description:
      'For the extension\'s trustless mode, which verifies Open Badges 3.0 credentials in the browser: the bytes of ' +
      'one credential, DID document or status list of a host that does not allow cross-origin reads. Fetched like ' +
      `every foreign document (https only, public addresses only, 5 s), at most ${RELAY_MAX_BYTES / 1024} KB, and only ` +
      'when it answers `application/ld+json`, `application/json`, `application/vc`, `application/vc+ld+json`, ' +
      '`application/did+json` or `application/did+ld+json`; answered with that content type and `Content-Location` ' +
      'set to the URL finally read (after redirects). Nothing is judged or changed: the browser checks the ' +
      'signature. Cross-origin reads are allowed for extension origins only. Rate-limited per client ' +
      `(\`RATE_LIMIT_RELAY\`, by default ${formatRateLimit(RATE_LIMITS.relay)}). Never cached by clients.`,
    auth: 'none',
    query: relayQuerySchema,
    responses: {
      200: { description: 'The document, byte for byte, with its content type.' },
      403: { description: 'The URL is not on a public address.', schema: errorBodySchema },
      404: { description: 'The host answered 404 or 410.', schema: errorBodySchema },
      429: {
        description: `Too many requests from this client (\`RATE_LIMIT_RELAY\`, by default ${formatRateLimit(RATE_LIMITS.relay)}); retry after \`Retry-After\` seconds.`,
        schema: errorBodySchema,
      },
      502: { description: 'The host could not be read, answered another content type, or more than the size limit.', schema: errorBodySchema },
      504: { description: 'The host did not answer within 5 s.', schema: errorBodySchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/assertions/{id}/share',
    tag: 'Sharing',
    summary: "A badge's share kit",
    description:
      "Everything the earner needs to share one of their badges: LinkedIn add-to-profile and share links " +
      '(tracked and direct), email signature snippets, a résumé snippet and the download links. For a badge imported from another site ' +
      '(id `imp_…`) the links point at its page (its issuer\'s, or `/imported/{id}` here), are not counted (`links` equals `directLinks`), ' +
      'and the baked downloads are null.',
    auth: 'earner',
    responses: {
      200: { description: 'The share kit.', schema: shareResponseSchema },
      404: { description: 'The earner has no badge with this id (someone else\'s badge answers the same).', schema: errorBodySchema },
      409: { description: 'The badge is private: make it public before sharing it.', schema: errorBodySchema },
      410: { description: 'The issuer revoked the badge, so it cannot be shared.', schema: errorBodySchema },
    },
  },
  {
    method: 'get',
    path: '/api/v1/stats',
    tag: 'Sharing',
    summary: 'Views and shares of your badges',
    description:
      "Per badge class of the key's issuer: badge page views and share-link clicks per channel, between the " +
      'inclusive UTC days `from` and `to` (YYYY-MM-DD, both optional).',
    auth: 'issuer',
    query: statsQuerySchema,
    responses: { 200: { description: 'Counts per badge class.', schema: statsResponseSchema } },
  },
] as const satisfies readonly ApiRouteDoc[];

/** The descriptors whose routes take their validators from them through `documented` (literal, for its types). */
export const validatingRouteDocs = [
  ...coreRouteDocs,
  ...earnerApiRouteDocs,
  ...bulkApiRouteDocs,
  ...analyticsApiRouteDocs,
  ...requirementApiRouteDocs,
  ...membershipApiRouteDocs,
  ...skillsApiRouteDocs,
  ...credentialRouteDocs,
  ...matchingApiRouteDocs,
] as const;

/** Every documented route. */
export const apiRouteDocs: ApiRouteDoc[] = [...validatingRouteDocs];

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a zod schema. Request schemas keep `additionalProperties: false` (unknown fields are
 * refused); response schemas drop it, so that clients tolerate fields added later.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return io === 'output' ? (withoutClosedObjects(rest) as JsonSchema) : rest;
}

function withoutClosedObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClosedObjects);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, child]) => !(key === 'additionalProperties' && child === false))
      .map(([key, child]) => [key, withoutClosedObjects(child)]),
  );
}

export interface ParameterDoc {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** One OpenAPI parameter per field of a params or query schema. */
export function parametersOf(schema: z.ZodObject, location: 'path' | 'query'): ParameterDoc[] {
  const json = toJsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...fieldSchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

/** Every response of a route, the generic error responses included. */
export function responsesOf(route: ApiRouteDoc): Record<number, ApiResponseDoc> {
  const generic: Record<number, ApiResponseDoc> = {};
  if (route.params || route.query || route.body) {
    generic[400] = { description: 'Invalid input (malformed JSON, or fields that fail validation: see `error.issues`).', schema: errorBodySchema };
  }
  if (route.auth !== 'none') {
    generic[401] = {
      description: route.auth === 'issuer' ? 'Missing or invalid issuer API key.' : 'Missing or invalid earner token.',
      schema: errorBodySchema,
    };
  }
  if (route.body) {
    const limit = bodyLimitFor(route.method.toUpperCase(), route.path.replace(/\{[^}]+\}/g, 'x'));
    generic[413] = { description: `The request body is larger than ${formatBytes(limit)}.`, schema: errorBodySchema };
    generic[415] = {
      description: route.csvBody ? 'The request body is not sent as `text/csv` or `application/json`.' : 'The request body is not sent as `application/json`.',
      schema: errorBodySchema,
    };
  }
  return { ...generic, ...route.responses };
}

const securitySchemeOf: Record<Exclude<RouteAuth, 'none'>, string> = { issuer: 'issuerKey', earner: 'earnerToken' };

function schemaOrRef(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const name = Object.entries(schemaComponents).find(([, component]) => component === schema)?.[0];
  return name && io === 'output' ? { $ref: `#/components/schemas/${name}` } : toJsonSchema(schema, io);
}

export function operationId(route: Pick<ApiRouteDoc, 'method' | 'path'>): string {
  const words = route.path
    .replace(/^\/api\/v1\//, '/')
    .split(/[/{}]+/)
    .filter(Boolean);
  return [route.method, ...words].map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

/** Path and query parameters; path parameters without a `params` schema are documented as plain strings. */
export function allParametersOf(route: ApiRouteDoc): ParameterDoc[] {
  const pathParameters = route.params
    ? parametersOf(route.params, 'path')
    : [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]): ParameterDoc => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  return [...pathParameters, ...(route.query ? parametersOf(route.query, 'query') : [])];
}

function operationOf(route: ApiRouteDoc) {
  const parameters = allParametersOf(route);
  const responses = Object.fromEntries(
    Object.entries(responsesOf(route)).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.schema || response.mediaType
          ? {
              content: {
                [response.mediaType ?? 'application/json']: {
                  ...(response.schema ? { schema: schemaOrRef(response.schema, 'output') } : {}),
                  ...(response.example !== undefined ? { example: response.example } : {}),
                },
              },
            }
          : {}),
      },
    ]),
  );
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    ...(route.auth !== 'none' ? { security: [{ [securitySchemeOf[route.auth]]: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: toJsonSchema(route.body, 'input'),
                ...(route.exampleBody !== undefined ? { example: route.exampleBody } : {}),
              },
              ...(route.csvBody
                ? { 'text/csv': { schema: { type: 'string', description: route.csvBody.description }, example: route.csvBody.example } }
                : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document for a server whose public base URL is `publicUrl`. */
export function buildOpenApiDocument(publicUrl: string, routes: readonly ApiRouteDoc[] = apiRouteDocs) {
  const paths: Record<string, Record<string, ReturnType<typeof operationOf>>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BadgeLens API',
      version: '1.0.0',
      description:
        'Issue, manage and verify Open Badges. Issuers authenticate with an API key from the server operator ' +
        '(`Authorization: Bearer <key>`). Errors always have the body `{"error":{"code","message","issues?"}}`.',
    },
    servers: [{ url: publicUrl }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        issuerKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An issuer API key (`blk_…`), created by the operator with `npm run admin -- create-issuer`.',
        },
        earnerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An earner session token from `POST /api/v1/auth/token`.',
        },
      },
      schemas: Object.fromEntries(Object.entries(schemaComponents).map(([name, schema]) => [name, toJsonSchema(schema, 'output')])),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
