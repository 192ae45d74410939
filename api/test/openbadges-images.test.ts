import { Resvg } from '@resvg/resvg-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeFetch, parseFetchTestHosts, type SafeFetch } from '../src/fetch';
import { BoundedCache } from '../src/openbadges/cache';
import { generateBadgeSvg, generateIssuerSvg, imageBytes, initialsOf, parseStoredImage } from '../src/openbadges/images';
import { wrapLines } from '../src/fonts/text';
import { PNG_SIGNATURE } from '../src/openbadges/png';
import { fetchRemoteImage } from '../src/openbadges/remoteImage';
import { negotiate } from '../src/http/negotiate';
import { startLoopbackServer, type LoopbackServer } from './fetch-servers';

const HOSTILE = `</text><script>alert("x")</script><text a='1'>&amp; \u0007 \ud800`;
const TINY_PNG = Buffer.concat([PNG_SIGNATURE, Buffer.from('rest of a png')]);
const REAL_PNG = Buffer.from(new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>').render().asPng());

describe('generated badge images', () => {
  it('escapes a hostile name and stays a valid SVG that resvg renders', () => {
    const svg = generateBadgeSvg({ name: HOSTILE, category: 'skill' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('alert("x")');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('\u0007');
    expect(() => new Resvg(svg)).not.toThrow();
    expect(new Resvg(svg).width).toBe(512);
  });

  it('is deterministic, and coloured by category', () => {
    const skill = generateBadgeSvg({ name: 'Advanced MIG Welding', category: 'skill' });
    expect(generateBadgeSvg({ name: 'Advanced MIG Welding', category: 'skill' })).toBe(skill);
    const membership = generateBadgeSvg({ name: 'Advanced MIG Welding', category: 'membership' });
    expect(membership).not.toBe(skill);
    expect(skill).toContain('>AMW<');
    expect(generateIssuerSvg({ name: 'Guild of Test Welders' })).toContain('>GTW<');
  });

  it('makes initials from significant words, in any script', () => {
    expect(initialsOf('Guild of Test Welders')).toBe('GTW');
    expect(initialsOf('élan vital')).toBe('ÉV');
    expect(initialsOf('the')).toBe('T');
    expect(initialsOf('!!!')).toBe('★');
  });

  it('wraps card text by words, measured with the fonts, within the line and line limits', () => {
    // At 54 px bold, "Advanced MIG Welding" is wider than 500 px.
    expect(wrapLines('Advanced MIG Welding for Pressure Vessels', 700, 54, 500, 3)).toEqual({
      lines: ['Advanced MIG', 'Welding for', 'Pressure Vessels'],
      truncated: false,
    });
    const cut = wrapLines('one two three four five six seven eight nine ten', 400, 30, 150, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith('…')).toBe(true);
  });
});

describe('stored images', () => {
  it('decodes data: URIs and refuses ones that do not hold what they claim', () => {
    expect(parseStoredImage(`data:image/png;base64,${REAL_PNG.toString('base64')}`)).toEqual({ kind: 'data', image: { kind: 'png', bytes: REAL_PNG } });
    expect(parseStoredImage(`data:image/png;base64,${TINY_PNG.toString('base64')}`)).toEqual({ kind: 'none' });
    // An SVG stored before the allow-list existed, with a payload the old regex check missed.
    const bypass = '<svg xmlns="http://www.w3.org/2000/svg"><rect data-x=">" onmouseover="alert(1)"/></svg>';
    expect(parseStoredImage(`data:image/svg+xml,${encodeURIComponent(bypass)}`)).toEqual({ kind: 'none' });
    const svg = parseStoredImage(`data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`);
    expect(svg.kind === 'data' && svg.image.kind).toBe('svg');
    expect(parseStoredImage(`data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}`)).toEqual({ kind: 'none' });
    expect(parseStoredImage('data:image/svg+xml,%E0%A4%A')).toEqual({ kind: 'none' });
    expect(parseStoredImage('https://cdn.test/badge.png')).toEqual({ kind: 'url', url: 'https://cdn.test/badge.png' });
    expect(parseStoredImage(null)).toEqual({ kind: 'none' });
  });
});

describe('remote images (through the safe fetcher, served on loopback)', () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function cdn(): Promise<{ server: LoopbackServer; safeFetch: SafeFetch }> {
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script></svg>';
    const routes: Record<string, [number, string, Buffer | string]> = {
      '/a.png': [200, 'image/png', REAL_PNG],
      '/a.svg': [200, 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'],
      '/scripted.svg': [200, 'image/svg+xml', scripted],
      '/page': [200, 'text/html', '<html></html>'],
      '/lying.png': [200, 'image/png', 'not a png'],
      '/missing.png': [404, 'text/plain', 'no'],
      '/down.png': [503, 'text/plain', 'later'],
    };
    const server = await startLoopbackServer((request, response) => {
      const [status, type, body] = routes[request.url!] ?? [404, 'text/plain', ''];
      response.writeHead(status, { 'Content-Type': type }).end(body);
    });
    servers.push(server);
    const safeFetch = createSafeFetch({
      testHosts: parseFetchTestHosts(`cdn.test=127.0.0.1:${server.port}`),
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    return { server, safeFetch };
  }

  it('fetches a PNG or an SVG, and says whether a failure is lasting (the URL) or only for now', async () => {
    const { safeFetch } = await cdn();
    expect(await fetchRemoteImage('https://cdn.test/a.png', safeFetch)).toEqual({ ok: true, image: { kind: 'png', bytes: REAL_PNG } });
    expect(await fetchRemoteImage('https://cdn.test/a.svg', safeFetch)).toMatchObject({ ok: true, image: { kind: 'svg' } });
    expect(await fetchRemoteImage('https://cdn.test/page', safeFetch)).toMatchObject({ ok: false, lasting: true, problem: expect.stringMatching(/text\/html/) });
    expect(await fetchRemoteImage('https://cdn.test/missing.png', safeFetch)).toMatchObject({ ok: false, lasting: true, problem: expect.stringMatching(/404/) });
    expect(await fetchRemoteImage('https://cdn.test/down.png', safeFetch)).toMatchObject({ ok: false, lasting: false, problem: expect.stringMatching(/503/) });
  });

  it('never connects to a non-public address, named directly or through a host name', async () => {
    const { server, safeFetch } = await cdn();
    for (const url of [`https://127.0.0.1:${server.port}/a.png`, `https://[::ffff:127.0.0.1]:${server.port}/a.png`, `https://internal.test:${server.port}/a.png`]) {
      expect(await fetchRemoteImage(url, safeFetch)).toMatchObject({ ok: false, lasting: true, problem: expect.stringMatching(/non-public|not a public/) });
    }
    expect(server.connections).toBe(0);
  });

  it('uses the generated image instead of a remote one that fails the content checks', async () => {
    const { safeFetch } = await cdn();
    const generate = () => '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';
    for (const path of ['/scripted.svg', '/lying.png', '/missing.png']) {
      const bytes = await imageBytes({ kind: 'url', url: `https://cdn.test${path}` }, generate, safeFetch);
      expect(bytes.bytes.toString(), path).toBe(generate());
    }
    expect((await imageBytes({ kind: 'url', url: 'https://cdn.test/a.png' }, generate, safeFetch)).bytes).toEqual(REAL_PNG);
  });
});

describe('BoundedCache', () => {
  it('evicts the least recently used entry and expires entries', () => {
    let now = 0;
    const cache = new BoundedCache<number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 150;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('negotiate()', () => {
  it.each([
    [undefined, 'jsonld'],
    ['', 'jsonld'],
    ['*/*', 'jsonld'],
    ['application/json', 'json'],
    ['application/json;q=0.9, application/ld+json', 'jsonld'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['text/html;q=0.8, */*', 'jsonld'],
    ['TEXT/HTML', 'html'],
    ['application/ld+json;profile="https://w3id.org/openbadges/v2"', 'jsonld'],
    ['garbage', 'jsonld'],
    ['text/html;q=abc, application/json;q=0.1', 'json'],
  ] as const)('%s -> %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});
