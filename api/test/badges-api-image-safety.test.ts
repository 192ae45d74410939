// Badge class and issuer images through the API: an image URL that leads to a non-public address
// (directly, through a host name, or through a redirect) is refused with 400 and never contacted;
// SVG uploads beyond the drawing limits are refused with 400.
import { Resvg } from '@resvg/resvg-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { testDb } from './helpers';
import { getBadgeClass } from '../src/db/badgeClasses';
import { createSafeFetch, parseFetchTestHosts, type Resolver } from '../src/fetch';
import { jsonRequest, makeIssuer, PUBLIC_URL } from './helpers';
import { startLoopbackServer, type LoopbackServer } from './fetch-servers';

const weldingBadge = {
  name: 'MIG Welding Level 1',
  description: 'Safe, clean MIG welds on mild steel.',
  category: 'skill',
  criteria: 'Pass the practical test with a supervisor.',
};
const NS = 'xmlns="http://www.w3.org/2000/svg"';
const BADGE_PNG = Buffer.from(new Resvg(`<svg ${NS} width="64" height="64"><circle cx="32" cy="32" r="30" fill="#0a6"/></svg>`).render().asPng());
const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * An app whose fetcher knows cdn.test (a loopback stand-in for an image host) and resolves every
 * other name to 127.0.0.1, like a hostile DNS answer would; `internal` counts connections that must never happen.
 */
async function setup() {
  const internal = await startLoopbackServer((_request, response) => response.writeHead(200, { 'Content-Type': 'image/png' }).end(BADGE_PNG));
  const cdn = await startLoopbackServer((request, response) => {
    if (request.url === '/badge.png') return response.writeHead(200, { 'Content-Type': 'image/png' }).end(BADGE_PNG);
    if (request.url === '/scripted.svg') return response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(`<svg ${NS}><script>alert(1)</script></svg>`);
    if (request.url === '/tall.svg') return response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(`<svg ${NS} width="10" height="1000000"/>`);
    if (request.url === '/to-loopback') return response.writeHead(302, { Location: `https://127.0.0.1:${internal.port}/badge.png` }).end();
    if (request.url === '/to-mapped') return response.writeHead(301, { Location: `https://[::ffff:127.0.0.1]:${internal.port}/badge.png` }).end();
    if (request.url === '/to-name') return response.writeHead(307, { Location: `https://intranet.test:${internal.port}/badge.png` }).end();
    response.writeHead(404).end();
  });
  servers.push(internal, cdn);
  const lookups: string[] = [];
  const resolve: Resolver = async (hostname) => {
    lookups.push(hostname);
    return [{ address: '127.0.0.1', family: 4 }];
  };
  // unreachable.test stands for a host that is down right now (nothing listens on port 9 of loopback).
  const safeFetch = createSafeFetch({ testHosts: parseFetchTestHosts(`cdn.test=127.0.0.1:${cdn.port},unreachable.test=127.0.0.1:9`), resolve });
  const db = await testDb();
  const app = createApp({ db, publicUrl: PUBLIC_URL, safeFetch });
  const { auth } = await makeIssuer(db);
  return { app, db, auth, internal, cdn, lookups };
}

describe('badge class image URLs', () => {
  it('refuses (400) an image URL at a non-public address in any spelling, without connecting to it', async () => {
    const { app, auth, internal } = await setup();
    const port = internal.port;
    for (const image of [
      `https://127.0.0.1:${port}/badge.png`,
      `https://[::ffff:127.0.0.1]:${port}/badge.png`,
      `https://[::1]:${port}/badge.png`,
      `https://2130706433:${port}/badge.png`,
      `https://0177.0.0.1:${port}/badge.png`,
      `https://0x7f.1:${port}/badge.png`,
      `https://0.0.0.0:${port}/badge.png`,
      `https://[64:ff9b::7f00:1]:${port}/badge.png`,
    ]) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image }, auth));
      expect(res.status, image).toBe(400);
      const body = await res.json();
      expect(body.error.issues[0]).toMatchObject({ path: 'image', message: expect.stringMatching(/not a public address/) });
    }
    expect(internal.connections).toBe(0);
  });

  it('refuses an image URL whose host name resolves to a non-public address, without connecting to it', async () => {
    const { app, auth, internal, lookups } = await setup();
    const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: `https://rebinding.test:${internal.port}/badge.png` }, auth));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].message).toMatch(/rebinding\.test resolves to a non-public address: 127\.0\.0\.1 is a loopback address/);
    expect(internal.connections).toBe(0);
    expect(lookups).toEqual(['rebinding.test']);
  });

  it('refuses an image URL that redirects to a non-public address, on create and on update, without connecting to it', async () => {
    const { app, db, auth, internal, cdn } = await setup();
    for (const path of ['/to-loopback', '/to-mapped', '/to-name']) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: `https://cdn.test${path}` }, auth));
      expect(res.status, path).toBe(400);
    }
    const created = await app.request('/api/v1/badges', jsonRequest('POST', weldingBadge, auth));
    const { id } = await created.json();
    const patched = await app.request(`/api/v1/badges/${id}`, jsonRequest('PATCH', { image: 'https://cdn.test/to-loopback' }, auth));
    expect(patched.status).toBe(400);
    expect((await getBadgeClass(db, id))?.image).toBeNull();
    expect(internal.connections).toBe(0);
    expect(cdn.connections).toBe(4);
  });

  it('refuses a remote image that is not an acceptable image (active SVG, over the limits, 404)', async () => {
    const { app, auth } = await setup();
    for (const [path, why] of [
      ['/scripted.svg', /<script> element/],
      ['/tall.svg', /height of 1000000/],
      ['/missing.png', /HTTP 404/],
    ] as const) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: `https://cdn.test${path}` }, auth));
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.issues[0].message).toMatch(why);
    }
  });

  it('accepts a public image URL and serves the fetched image as the badge PNG', async () => {
    const { app, auth } = await setup();
    const created = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: 'https://cdn.test/badge.png' }, auth));
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const issued = await app.request(`/api/v1/badges/${id}/assertions`, jsonRequest('POST', { email: 'ada@example.test', name: 'Ada Lovelace' }, auth));
    expect(issued.status).toBe(201);
    const { id: assertionId } = await issued.json();
    const png = await app.request(`/assertions/${assertionId}/image.png`);
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer()).equals(BADGE_PNG)).toBe(true);
  });

  it('accepts an image URL whose server cannot be reached right now (every later use fetches it again under the same rules)', async () => {
    const { app, auth } = await setup();
    const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: 'https://unreachable.test/badge.png' }, auth));
    expect(res.status).toBe(201);
  });

  it('refuses the issuer image the same way', async () => {
    const { app, auth, internal } = await setup();
    const res = await app.request('/api/v1/issuer', jsonRequest('PATCH', { image: 'https://cdn.test/to-loopback' }, auth));
    expect(res.status).toBe(400);
    expect(internal.connections).toBe(0);
  });
});

describe('SVG uploads beyond the drawing limits', () => {
  it.each([
    ['a tall SVG', `<svg ${NS} width="10" height="1000000"><rect width="10" height="10"/></svg>`, /height of 1000000/],
    ['an SVG that is huge once drawn', `<svg ${NS} width="100" height="16000"/>`, /512×81920 pixels/],
    ['a <use> explosion', `<svg ${NS}><defs><rect id="l0" width="1" height="1"/>${[1, 2, 3, 4, 5].map((level) => `<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`).join('')}</defs><use href="#l5"/></svg>`, /once <use> references are expanded/],
    ['an SVG that needs too much memory to draw', `<svg ${NS} width="100" height="100"><filter id="f" x="-100" y="-100" width="200" height="200"><feFlood flood-color="red"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>`, /cannot be drawn within the limits/],
    ['an SVG that takes too long to draw', `<svg ${NS} width="100" height="100"><filter id="f"><feMorphology radius="100"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>`, /cannot be drawn within the limits: drawing the image took longer than/],
  ])('refuses %s with 400', async (_name, svg, why) => {
    const { app, auth } = await setup();
    const before = process.memoryUsage().rss;
    const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: svgDataUri(svg) }, auth));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0]).toMatchObject({ path: 'image', message: expect.stringMatching(why) });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});
