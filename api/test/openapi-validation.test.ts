// The descriptors in /openapi.json are what the routes validate: every route of the core and earner
// descriptors takes its validators from its descriptor, and every documented example gets past validation.
import { describe, expect, it } from 'vitest';
import { earnerApiRouteDocs } from '../src/earners/apiDocs';
import { documentedValidators } from '../src/http/documentedValidation';
import { apiRouteDocs, coreRouteDocs, type ApiRouteDoc } from '../src/openapi';
import { earnerWorld, requestToken, verifiedAccount, DEFAULT_PASSWORD } from './earners-helpers';
import { makeIssuer } from './helpers';

const targets = [
  ['body', 'json'],
  ['query', 'query'],
  ['params', 'param'],
] as const;

/** A path parameter the examples leave out: a well-formed id no row has (the route answers 404). */
const DEFAULT_ID = 'Xc2v9kq0Rr7b';

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
  it('takes every body, query and path schema of the core and earner descriptors from the descriptor', async () => {
    await import('../src/app');
    const expected = [...coreRouteDocs, ...earnerApiRouteDocs].flatMap((route: ApiRouteDoc) =>
      targets.filter(([field]) => route[field]).map(([, target]) => `${route.method} ${route.path} ${target}`),
    );
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.filter((key) => !documentedValidators.has(key)), 'validate these with documented(target, key)').toEqual([]);
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
