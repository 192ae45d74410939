// The descriptors in /openapi.json are what the routes validate: every /api/v1 route takes its validators from
// its own descriptor, and every documented example gets past validation.
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import { describe, expect, it } from 'vitest';
import { documentedHandParsedBodies, documentedValidators } from '../src/http/documentedValidation';
import { validators } from '../src/http/errors';
import { apiRouteDocs, type ApiRouteDoc } from '../src/openapi';
import { earnerWorld, requestToken, verifiedAccount, DEFAULT_PASSWORD } from './earners-helpers';
import { makeIssuer, testApp } from './helpers';

const targets = [
  ['body', 'json'],
  ['query', 'query'],
  ['params', 'param'],
] as const;


/** A path parameter the examples leave out: a well-formed id no row has (the route answers 404). */
const DEFAULT_ID = 'Xc2v9kq0Rr7b';

/** `/api/v1/badges/:id/assertions/` as OpenAPI writes it: `/api/v1/badges/{id}/assertions`. */
const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/(.)\/$/, '$1');

function examplePath(route: ApiRouteDoc): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(route.exampleParams?.[name] ?? DEFAULT_ID));
  return route.exampleQuery ? `${path}?${new URLSearchParams(route.exampleQuery)}` : path;
}

/** The route's answer was a validation error (of zod or of the JSON parsing) rather than the route's work. */
function rejectedByValidation(status: number, body: { error?: { code?: string; message?: string } } | null): boolean {
  if (status === 413 || status === 415) return true;
  return status === 400 && /^Invalid (request body|query string|path)\b|JSON/i.test(body?.error?.message ?? '');
}

describe('route validation comes from the route descriptors', () => {
  it('validates every /api/v1 body, query and path with the schemas of its own descriptor, and with nothing else', async () => {
    const { app } = await testApp();
    const descriptors = new Map(apiRouteDocs.map((route) => [`${route.method} ${route.path}`, route]));
    const validatedTargets = new Map<string, string[]>();
    const problems: string[] = [];
    for (const { method, path, handler } of app.routes) {
      if (!path.startsWith('/api/v1/')) continue;
      const route = `${method.toLowerCase()} ${openApiPath(path)}`;
      // A router with an error handler of its own is mounted wrapped; the wrapper keeps the handler here.
      const middleware = (handler as { [COMPOSED_HANDLER]?: object })[COMPOSED_HANDLER] ?? handler;
      const documentedAs = documentedValidators.get(middleware);
      if (documentedAs?.startsWith(`${route} `)) validatedTargets.set(route, [...(validatedTargets.get(route) ?? []), documentedAs.slice(route.length + 1)]);
      else if (documentedAs) problems.push(`${route} validates with the descriptor of ${documentedAs}`);
      else if (validators.has(middleware)) problems.push(`${route} validates with a schema of its own: use documented(target, '${route}')`);
      if (method !== 'ALL' && !descriptors.has(route)) problems.push(`${route} has no descriptor`);
    }
    for (const [route, doc] of descriptors) {
      if (!doc.path.startsWith('/api/v1/')) continue;
      const declared = targets.filter(([field]) => doc[field]).map(([, target]) => target);
      const validated = [...(validatedTargets.get(route) ?? []), ...(doc.csvBody && documentedHandParsedBodies.has(route) ? ['json'] : [])];
      if (validated.sort().join() !== declared.sort().join()) problems.push(`${route} validates [${validated}] but its descriptor declares [${declared}]`);
    }
    expect(problems).toEqual([]);
    expect([...validatedTargets.values()].flat().length).toBeGreaterThan(60);
  });

  it('accepts every documented example: body, query and path parameters pass the validators', async () => {
    const world = await earnerWorld();
    const issuer = await makeIssuer(world.db);
    await verifiedAccount(world, 'docs@example.org');
    const tokenAnswer = await requestToken(world, 'docs@example.org', DEFAULT_PASSWORD);
    expect(tokenAnswer.status).toBe(201);
    const { token } = (await tokenAnswer.json()) as { token: string };
    const authOf = { none: {}, issuer: { Authorization: issuer.auth.Authorization }, earner: { Authorization: `Bearer ${token}` } };

    const examples = apiRouteDocs.filter((route) => route.exampleBody !== undefined || route.exampleQuery || route.params || route.exampleParams);
    expect(examples.length).toBeGreaterThan(25);
    const rejected: string[] = [];
    for (const route of examples) {
      const headers: Record<string, string> = { ...authOf[route.auth] };
      const init: RequestInit = { method: route.method.toUpperCase(), headers };
      if (route.body) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(route.exampleBody ?? {});
      }
      const res = await world.app.request(examplePath(route), init);
      if (route.auth !== 'none') expect(res.status, `${route.method} ${route.path}`).not.toBe(401);
      const text = await res.text();
      const body = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : null;
      if (rejectedByValidation(res.status, body)) rejected.push(`${route.method} ${route.path}: ${res.status} ${text}`);
    }
    world.transport.close();
    expect(rejected).toEqual([]);
  });
});
