import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { badgeClassBodySchema } from '../../shared/schemas/issuerApi';
import { verifyRequestSchema, verifyResponseSchema } from '../../shared/schemas/verify';
import { apiRouteDocs, buildOpenApiDocument, operationId, schemaComponents } from '../src/openapi';
import { describeType } from '../src/site/docsRoutes';
import { PUBLIC_URL, testApp } from './helpers';

type Operation = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown>; example?: unknown } } };
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
};

/** The public Open Badges 3.0 documents, documented with the API. */
const OB3_DOCUMENTS = /^\/credentials\/|^\/issuers\/:id\/(did\.json|status\/)/;

/** Every METHOD path the app serves under /api/v1 (and /health, and the Open Badges 3.0 documents), in OpenAPI form. */
async function registeredApiRoutes(): Promise<string[]> {
  const { app } = await testApp();
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && (route.path.startsWith('/api/v1/') || route.path === '/health' || OB3_DOCUMENTS.test(route.path)))
    .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/(.)\/$/, '$1')}`);
  return [...new Set(routes)].sort();
}

function documentedRoutes(document: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    .sort();
}

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument(PUBLIC_URL);
  const operation = (method: string, path: string) => (document.paths[path] as Record<string, Operation>)[method];

  it('documents every /api/v1 route the app registers, and only those', async () => {
    const registered = await registeredApiRoutes();
    expect(registered).toContain('post /api/v1/badges/{id}/assertions');
    expect(registered).toContain('post /api/v1/verify');
    const documented = documentedRoutes(document);
    const undocumented = registered.filter((route) => !documented.includes(route));
    const stale = documented.filter((route) => !registered.includes(route));
    expect(undocumented, 'Add an ApiRouteDoc for each of these routes to apiRouteDocs in api/src/openapi.ts').toEqual([]);
    expect(stale, 'These documented routes are not served by the app').toEqual([]);
  });

  it('is an OpenAPI 3.1 document with the public server URL and bearer security schemes', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: PUBLIC_URL }]);
    expect(document.components.securitySchemes.issuerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.earnerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it('gives every operation a unique id, and issuer routes the issuer key scheme and a 401', () => {
    const ids = apiRouteDocs.map(operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of apiRouteDocs) {
      const op = operation(route.method, route.path);
      if (route.auth !== 'none') {
        expect(op.security, route.path).toEqual([{ [route.auth === 'issuer' ? 'issuerKey' : 'earnerToken']: [] }]);
        expect(op.responses['401'], route.path).toBeDefined();
      } else {
        expect(op.security, route.path).toBeUndefined();
      }
    }
    expect(operation('get', '/api/v1/badges').security).toBeUndefined();
  });

  it('describes request bodies, path and query parameters from the shared zod schemas', () => {
    const create = operation('post', '/api/v1/badges');
    const body = create.requestBody!.content['application/json'];
    expect(body.schema).toMatchObject({ type: 'object', required: ['name', 'description', 'category', 'criteria'], additionalProperties: false });
    expect(Object.keys(body.schema.properties as object)).toEqual(Object.keys(badgeClassBodySchema.shape));
    expect(badgeClassBodySchema.safeParse(body.example).success).toBe(true);
    const verifyBody = operation('post', '/api/v1/verify').requestBody!.content['application/json'];
    expect(Object.keys(verifyBody.schema.properties as object)).toEqual(['urls', 'credentials']);
    expect(verifyRequestSchema.safeParse(verifyBody.example).success).toBe(true);

    const list = operation('get', '/api/v1/badges/{id}/assertions');
    expect(list.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ minimum: 1, maximum: 200, default: 50 }) }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
    expect(operation('get', '/api/v1/badges').parameters?.map((p) => p.name)).toEqual(['category', 'q', 'skills']);
    // A path parameter without a params schema is still declared, as a plain string.
    expect(operation('get', '/api/v1/assertions/{id}/share').parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('documents success and error responses with $refs to named schemas', () => {
    const issue = operation('post', '/api/v1/badges/{id}/assertions');
    expect(Object.keys(issue.responses).sort()).toEqual(['201', '400', '401', '404', '413', '415']);
    expect(issue.responses['201'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/Assertion' });
    expect(issue.responses['404'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(Object.keys(operation('post', '/api/v1/assertions/{id}/revoke').responses)).toContain('409');
    expect(Object.keys(document.components.schemas).sort()).toEqual(Object.keys(schemaComponents).sort());
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
    // Responses stay open to fields added later.
    expect(JSON.stringify(document.components.schemas)).not.toMatch(/"additionalProperties":false/);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(operations as Record<string, Operation>)) {
        expect(Object.keys(op.responses).some((status) => status.startsWith('2')), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('documents the Open Badges 3.0 documents with their own media types', () => {
    expect(Object.keys(operation('get', '/credentials/{id}').responses['200'].content!)).toEqual(['application/vc']);
    expect(Object.keys(operation('get', '/credentials/{id}/baked.png').responses['200'].content!)).toEqual(['image/png']);
    expect(Object.keys(operation('get', '/issuers/{id}/did.json').responses['200'].content!)).toEqual(['application/did+ld+json']);
    expect(operation('post', '/api/v1/issuer/keys').responses['201'].content!['application/json'].schema).toMatchObject({ required: ['keyId', 'verificationMethod'] });
    expect(operation('delete', '/api/v1/issuer/keys/{keyId}').parameters).toEqual([expect.objectContaining({ name: 'keyId', in: 'path', required: true })]);
  });

  it('keeps every example body valid against its own schema', () => {
    for (const route of apiRouteDocs.filter((r) => r.body && r.exampleBody !== undefined)) {
      expect(route.body!.safeParse(route.exampleBody).success, `${route.method} ${route.path}`).toBe(true);
    }
    const verifyDoc = apiRouteDocs.find((r) => r.path === '/api/v1/verify')!;
    expect(verifyRequestSchema.safeParse(verifyDoc.exampleBody).success).toBe(true);
    expect(verifyResponseSchema.safeParse(verifyDoc.responses[200].example).success).toBe(true);
  });
});

describe('GET /openapi.json and GET /docs/plain', () => {
  it('serves the document for the configured public URL', async () => {
    const { app } = await testApp();
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(PUBLIC_URL))));
  });

  it('renders every documented route with its description, authentication and example body, without scripts', async () => {
    const { app } = await testApp();
    const res = await app.request('/docs/plain');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const window = new Window();
    const page = new window.DOMParser().parseFromString(await res.text(), 'text/html');
    expect(page.documentElement.getAttribute('lang')).toBe('en');
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect(page.querySelector(`a[href="${PUBLIC_URL}/openapi.json"]`)).not.toBeNull();
    for (const route of apiRouteDocs) {
      const section = page.getElementById(operationId(route));
      expect(section, `${route.method} ${route.path}`).not.toBeNull();
      const text = section!.textContent!.replace(/\s+/g, ' ');
      expect(text).toContain(`${route.method.toUpperCase()} ${route.path}`);
      expect(text).toContain(route.summary);
      expect(text).toContain(route.auth === 'none' ? 'None: public.' : 'Authorization: Bearer');
      if (route.exampleBody !== undefined) {
        const example = [...section!.querySelectorAll('pre code')].map((code) => code.textContent).find((code) => code!.trim().startsWith('{'));
        expect(JSON.parse(example!)).toEqual(route.exampleBody);
      }
      expect(page.querySelector(`nav a[href="#${operationId(route)}"]`)).not.toBeNull();
    }
    const issue = page.getElementById('postBadgesIdAssertions')!;
    expect([...issue.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(expect.arrayContaining(['email', 'name', 'expires', '201', '404']));
    // Styled like every other page: the site's header and footer around it.
    for (const landmark of ['header', 'nav[aria-label="Main"]', 'main', 'footer']) expect(page.querySelectorAll(landmark), landmark).toHaveLength(1);
    // A column is shown only when it has something in it.
    for (const table of page.querySelectorAll('table')) {
      const columns = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim()));
      columns.forEach((column, index) => expect(rows.some((row) => row[index] !== ''), `${table.querySelector('caption')?.textContent}: ${column}`).toBe(true));
    }
  });

  it('describes JSON Schema types briefly', () => {
    expect(describeType({ type: 'string', format: 'email' })).toBe('string (email)');
    expect(describeType({ enum: ['a', 'b'] })).toBe('one of: a, b');
    expect(describeType({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toBe('integer or null');
    expect(describeType({ type: 'array', items: { type: 'string' } })).toBe('array of string');
  });
});
