// Issue 11 item 2 / issue 16: a body limit on every route, enforced while streaming, answered 413,
// and the keep-alive connection still usable afterwards — over one real connection.
import net from 'node:net';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitFor, DISCARD_LIMIT, FORM_BODY_LIMIT, IMAGE_BODY_LIMIT, JSON_BODY_LIMIT } from '../src/http/bodyLimit';
import { serveApp } from '../src/http/nodeServer';
import { makeIssuer, testApp } from './helpers';
import { oneConnectionAgent, send, type Answer } from './http-client';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FORM = 'application/x-www-form-urlencoded';

let server: ServerType;
let port: number;
let issuerAuth: Record<string, string>;

beforeAll(async () => {
  const { db, app } = await testApp();
  issuerAuth = (await makeIssuer(db)).auth;
  ({ server, port } = await serveApp(app.fetch, { port: 0, hostname: '127.0.0.1' }));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const formBody = (bytes: number) => `email=a%40b.test&password=${'x'.repeat(bytes)}`;
const jsonBody = (bytes: number) => JSON.stringify({ urls: ['https://badges.test/assertions/' + 'a'.repeat(bytes)] });
const badgeBody = (imageBytes: number) =>
  JSON.stringify({
    name: 'Big image',
    description: 'A badge class whose image is a large data: URI.',
    category: 'skill',
    criteria: 'None.',
    image: `data:image/png;base64,${'A'.repeat(imageBytes)}`,
  });

describe('body limits over one keep-alive connection', () => {
  it('answers oversize bodies (declared or chunked) with 413, and every request after them uses the same connection', async () => {
    const agent = oneConnectionAgent();
    const first = await send(agent, port, { path: '/health' });
    expect(first.status).toBe(200);
    const sameConnection = (answer: Answer, label: string) => {
      expect(answer.socket, label).toBe(first.socket);
      expect(answer.reusedSocket, label).toBe(true);
      expect(answer.headers.connection, label).not.toBe('close');
    };

    const cases: { label: string; path: string; type: string; body: string; chunked: boolean; accept?: string; headers?: Record<string, string>; status: number }[] = [
      { label: 'form, declared', path: '/login', type: FORM, body: formBody(200_000), chunked: false, accept: BROWSER_ACCEPT, status: 413 },
      { label: 'form, chunked', path: '/login', type: FORM, body: formBody(200_000), chunked: true, accept: BROWSER_ACCEPT, status: 413 },
      { label: 'form on another page, declared', path: '/register', type: FORM, body: formBody(FORM_BODY_LIMIT), chunked: false, status: 413 },
      { label: 'JSON, declared', path: '/api/v1/verify', type: 'application/json', body: jsonBody(1_500_000), chunked: false, status: 413 },
      { label: 'JSON, chunked, three times the limit', path: '/api/v1/verify', type: 'application/json', body: jsonBody(3_000_000), chunked: true, status: 413 },
      { label: 'JSON API, wrong media type', path: '/api/v1/badges', type: 'text/plain', body: badgeBody(10), chunked: false, headers: issuerAuth, status: 415 },
      { label: 'JSON API, wrong media type, chunked', path: '/api/v1/auth/token', type: 'text/plain', body: 'x'.repeat(500_000), chunked: true, status: 415 },
      { label: 'badge class with a 2.5 MB image', path: '/api/v1/badges', type: 'application/json', body: badgeBody(2_500_000), chunked: true, headers: issuerAuth, status: 413 },
    ];
    for (const { label, path, type, body, chunked, accept, headers, status } of cases) {
      const answer = await send(agent, port, { path, body, chunked, headers: { ...headers, 'Content-Type': type, Accept: accept ?? 'application/json' } });
      expect(answer.status, label).toBe(status);
      sameConnection(answer, label);
      if (status === 413 && accept === BROWSER_ACCEPT) {
        expect(answer.headers['content-type'], label).toMatch(/^text\/html/);
        expect(answer.body, label).toMatch(/too much data/i);
      } else {
        expect(JSON.parse(answer.body).error.code, label).toBe(status === 413 ? 'payload_too_large' : 'unsupported_media_type');
      }
      const next = await send(agent, port, { path: '/api/v1/verify', body: JSON.stringify({ urls: ['https://badges.test/assertions/x'] }), headers: { 'Content-Type': 'application/json' } });
      expect(next.status, `after ${label}`).toBe(200);
      sameConnection(next, `after ${label}`);
    }
    agent.destroy();
  }, 120_000);

  it("accepts bodies up to each route's limit, read in one piece or chunked", async () => {
    const agent = oneConnectionAgent();
    // 1.5 MB of image text fits the badge-class route (2 MB), not the general JSON limit (1 MB).
    const created = await send(agent, port, { path: '/api/v1/badges', body: badgeBody(1_500_000), chunked: true, headers: issuerAuth });
    expect(created.status).not.toBe(413);
    expect(created.status).toBeLessThan(500);
    const verify = await send(agent, port, { path: '/api/v1/verify', body: jsonBody(900_000), headers: { 'Content-Type': 'application/json' } });
    expect(verify.status).not.toBe(413);
    expect(verify.status).toBeLessThan(500);
    const form = await send(agent, port, { path: '/login', body: formBody(60_000), chunked: true, headers: { 'Content-Type': FORM, Accept: BROWSER_ACCEPT } });
    expect(form.status).not.toBe(413);
    expect(form.status).toBeLessThan(500);
    agent.destroy();
  }, 120_000);

  it('closes deliberately, saying so, when a declared body is far beyond what it would discard, and lingers so the answer is read', async () => {
    // A raw socket sending the headers of a 400 MB POST and 10 MB of it before reading anything (a
    // busy client): a connection reset at once would destroy the answer unread.
    const declared = 400 * 1024 * 1024;
    expect(declared - FORM_BODY_LIMIT).toBeGreaterThan(DISCARD_LIMIT);
    const socket = net.connect(port, '127.0.0.1');
    socket.pause();
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', () => {});
      socket.on('close', () => resolve(received));
      socket.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: ${declared}\r\n\r\n`);
      const piece = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const writeMore = () => {
        while (sent < 10) {
          sent++;
          if (!socket.write(piece)) return void socket.once('drain', writeMore);
        }
        socket.resume();
      };
      writeMore();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
  });
});

describe("@hono/node-server's fast path", () => {
  it('is kept: reading a JSON or form body never builds a web Request from the Node request', async () => {
    const { app } = await testApp();
    const materialized: string[] = [];
    // @hono/node-server 2.x keeps a lightweight request until something needs a real one, which it then caches under this symbol.
    const builtWebRequest = (request: Request) => Object.getOwnPropertySymbols(request).some((symbol) => symbol.description === 'requestCache');
    const probe = await serveApp(async (request, env) => {
      const response = await app.fetch(request, env as never);
      if (builtWebRequest(request)) materialized.push(`${request.method} ${new URL(request.url).pathname}`);
      return response;
    }, { port: 0, hostname: '127.0.0.1' });
    const agent = oneConnectionAgent();
    const verify = await send(agent, probe.port, { path: '/api/v1/verify', body: JSON.stringify({ urls: ['https://badges.test/assertions/x'] }), headers: { 'Content-Type': 'application/json' } });
    expect(verify.status).toBe(200);
    expect((await send(agent, probe.port, { path: '/api/v1/verify', body: jsonBody(2_000_000), chunked: true, headers: { 'Content-Type': 'application/json' } })).status).toBe(413);
    expect((await send(agent, probe.port, { path: '/login', body: formBody(10), headers: { 'Content-Type': FORM } })).status).toBe(403);
    expect(materialized).toEqual([]);
    agent.destroy();
    await new Promise((resolve) => probe.server.close(resolve));
  });
});

describe('HEAD over a keep-alive connection', () => {
  it("carries the GET answer's Content-Length, so Node's HTTP client keeps the connection", async () => {
    const agent = oneConnectionAgent();
    const first = await send(agent, port, { path: '/health' });
    for (const path of ['/health', '/', '/favicon.svg', '/terms']) {
      const head = await send(agent, port, { path, method: 'HEAD' });
      const get = await send(agent, port, { path });
      expect(head.headers['content-length'], path).toBe(String(Buffer.byteLength(get.body)));
      expect(head.body, path).toBe('');
      expect(get.socket, path).toBe(first.socket);
    }
    agent.destroy();
  });
});

describe('body limits under app.request()', () => {
  it('refuses an oversize form with a page for people, and oversize JSON with the JSON error', async () => {
    const { app } = await testApp();
    const form = await app.request('/login', { method: 'POST', body: formBody(FORM_BODY_LIMIT), headers: { 'Content-Type': FORM, Accept: BROWSER_ACCEPT } });
    expect(form.status).toBe(413);
    expect(form.headers.get('content-type')).toMatch(/^text\/html/);
    const json = await app.request('/api/v1/verify', { method: 'POST', body: jsonBody(JSON_BODY_LIMIT), headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(413);
    expect((await json.json()).error.code).toBe('payload_too_large');
  });
});

describe('bodyLimitFor', () => {
  it('gives forms 64 KB, the JSON API 1 MB, and the routes that take a data: image 2 MB', () => {
    expect(bodyLimitFor('POST', '/login')).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/claim/abc/register')).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/v1/verify')).toBe(JSON_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/v1/badges/abc/assertions')).toBe(JSON_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/v1/badges')).toBe(IMAGE_BODY_LIMIT);
    expect(bodyLimitFor('PATCH', '/api/v1/badges/abc')).toBe(IMAGE_BODY_LIMIT);
    expect(bodyLimitFor('PATCH', '/api/v1/issuer')).toBe(IMAGE_BODY_LIMIT);
    expect([FORM_BODY_LIMIT, JSON_BODY_LIMIT, IMAGE_BODY_LIMIT]).toEqual([64 * 1024, 1024 * 1024, 2 * 1024 * 1024]);
  });
});
