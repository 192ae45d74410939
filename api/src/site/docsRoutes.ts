import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/env';
import { publicUrls } from '../lib/urls';
import { apiReferenceContentSecurityPolicy, apiReferencePage } from './apiReference';
import { Layout } from '../pages/Layout';
import {
  allParametersOf,
  apiRouteDocs,
  buildOpenApiDocument,
  operationId,
  responsesOf,
  toJsonSchema,
  type ApiRouteDoc,
  type JsonSchema,
  type OpenApiDocument,
} from '../openapi';

// The document depends only on the public URL, so it is built once per URL.
const documents = new Map<string, OpenApiDocument>();
function openApiDocument(publicUrl: string): OpenApiDocument {
  let document = documents.get(publicUrl);
  if (!document) {
    document = buildOpenApiDocument(publicUrl);
    documents.set(publicUrl, document);
  }
  return document;
}

/** A short human description of a JSON Schema type: "string (email)", "one of: a, b", "array of string". */
export function describeType(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(describeType).join(' or ');
  if (schema.type === 'array') return `array of ${describeType((schema.items as JsonSchema) ?? {})}`;
  if (typeof schema.type === 'string') return typeof schema.format === 'string' ? `${schema.type} (${schema.format})` : schema.type;
  return 'any';
}

/** Text with `code` spans, as in the descriptors' descriptions. */
function prose(text: string) {
  return text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part));
}

const authText: Record<ApiRouteDoc['auth'], string> = {
  none: 'None: public.',
  issuer: 'Issuer API key: Authorization: Bearer <key>.',
  earner: 'Earner token: Authorization: Bearer <token>.',
};

function curlExample(route: ApiRouteDoc, baseUrl: string): string {
  const lines = [`curl -X ${route.method.toUpperCase()} '${baseUrl}${route.path}'`];
  if (route.auth === 'issuer') lines.push(`  -H 'Authorization: Bearer blk_…'`);
  if (route.auth === 'earner') lines.push(`  -H 'Authorization: Bearer <token>'`);
  if (route.body) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d '${JSON.stringify(route.exampleBody ?? {}).replaceAll("'", "'\\''")}'`);
  }
  return lines.join(' \\\n');
}

/** The body's fields as a table; a Notes column only when some field has a description. */
function bodyTable(schema: JsonSchema) {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  const required = (schema.required ?? []) as string[];
  const withNotes = properties.some(([, property]) => typeof property.description === 'string');
  const notes = (property: JsonSchema) => (withNotes ? html`<td>${typeof property.description === 'string' ? property.description : ''}</td>` : '');
  return html`<table><caption>Request body (JSON; unknown fields are refused)</caption><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th>${withNotes ? html`<th scope="col">Notes</th>` : ''}</tr></thead><tbody>${properties.map(
    ([name, property]) =>
      html`<tr><th scope="row"><code>${name}</code></th><td>${describeType(property)}</td><td>${required.includes(name) ? 'yes' : 'no'}</td>${notes(property)}</tr>`,
  )}</tbody></table>`;
}

function routeSection(route: ApiRouteDoc, baseUrl: string) {
  const id = operationId(route);
  const parameters = allParametersOf(route);
  const bodySchema = route.body ? toJsonSchema(route.body, 'input') : null;
  const responses = Object.entries(responsesOf(route));
  return html`<section class="route" id="${id}" aria-labelledby="${id}-title">
  <h3 id="${id}-title"><span class="method method-${route.method}">${route.method.toUpperCase()}</span> <code>${route.path}</code></h3>
  <p class="summary">${route.summary}</p>
  <p>${prose(route.description)}</p>
  <p><strong>Authentication:</strong> ${authText[route.auth]}</p>
  ${parameters.length
    ? html`<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th></tr></thead><tbody>${parameters.map(
        (parameter) => html`<tr><th scope="row"><code>${parameter.name}</code></th><td>${parameter.in}</td><td>${describeType(parameter.schema)}</td><td>${parameter.required ? 'yes' : 'no'}</td></tr>`,
      )}</tbody></table>`
    : ''}
  ${bodySchema ? bodyTable(bodySchema) : ''}
  ${route.exampleBody !== undefined ? html`<p>Example body:</p><pre><code>${JSON.stringify(route.exampleBody, null, 2)}</code></pre>` : ''}
  <p>Example request:</p>
  <pre><code>${curlExample(route, baseUrl)}</code></pre>
  <table><caption>Responses</caption><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead><tbody>${responses.map(
    ([status, response]) => html`<tr><th scope="row">${status}</th><td>${prose(response.description)}</td></tr>`,
  )}</tbody></table>
</section>`;
}


/**
 * The API reference: /openapi.json; /docs draws it with Scalar; /docs/plain is the same routes as a
 * server-rendered page, for readers without scripts.
 */
export const docsRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(openApiDocument(c.var.deps.publicUrl), 200);
  })
  .get('/docs', (c) => {
    const { publicUrl } = c.var.deps;
    c.header('Content-Security-Policy', apiReferenceContentSecurityPolicy(publicUrl));
    c.header('X-Frame-Options', 'DENY');
    return c.html(apiReferencePage(publicUrl));
  })
  .get('/docs/plain', (c) => {
    const { publicUrl } = c.var.deps;
    const urls = publicUrls(publicUrl);
    const tags = [...new Set(apiRouteDocs.map((route) => route.tag))];
    const content = html`<div class="docs">
  <h1>API reference</h1>
  <p class="lead">Base URL: <code>${publicUrl}</code>. Machine-readable: <a href="${urls.openapi()}">OpenAPI 3.1 document</a>. Interactive: <a href="${urls.apiDocs()}">the same reference, searchable</a>.</p>
  <h2>Using the API</h2>
  <p>Send JSON bodies with <code>Content-Type: application/json</code>. Issuers authenticate with an API key:
  <code>Authorization: Bearer blk_…</code>. The server's operator creates an issuer and its first key with
  <code>npm run --silent admin -- create-issuer --name "…" --url … --email …</code>.</p>
  <p>Every error has the body <code>{"error":{"code","message","issues?"}}</code>; validation errors list one issue per
  field in <code>issues</code>. Another issuer's badge classes and badges answer 404, exactly like unknown ids.</p>
  <nav aria-labelledby="toc-title">
    <h2 id="toc-title">Routes</h2>
    <ul>${apiRouteDocs.map(
      (route) => html`<li><a href="#${operationId(route)}"><code>${route.method.toUpperCase()} ${route.path}</code></a>: ${route.summary}</li>`,
    )}</ul>
  </nav>
  ${tags.map(
    (tag) => html`<h2>${tag}</h2>${apiRouteDocs.filter((route) => route.tag === tag).map((route) => routeSection(route, publicUrl))}`,
  )}
</div>`;
    return c.html(
      Layout({
        title: 'API reference',
        publicUrl,
        description: 'Every route of the BadgeLens JSON API, with its parameters, body, responses and an example.',
        stylesheets: ['docs'],
        children: content,
      }),
    );
  });
