import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/openbadges/cache';
import { generateBadgeSvg, generateIssuerSvg, initialsOf, parseStoredImage } from '../src/openbadges/images';
import { wrapText } from '../src/openbadges/og';
import { PNG_SIGNATURE } from '../src/openbadges/png';
import { fetchRemoteImage, isPrivateAddress } from '../src/openbadges/remoteImage';
import { negotiate } from '../src/http/negotiate';

const HOSTILE = `</text><script>alert("x")</script><text a='1'>&amp; \u0007 \ud800`;
const TINY_PNG = Buffer.concat([PNG_SIGNATURE, Buffer.from('rest of a png')]);
const publicDns = async () => ['93.184.216.34'];

function svgResponse(body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'image/svg+xml' }, status = 200) {
  return new Response(body, { status, headers });
}

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

  it('wraps card text by words within the line and line limits', () => {
    expect(wrapText('Advanced MIG Welding for Pressure Vessels', 18, 3)).toEqual(['Advanced MIG', 'Welding for', 'Pressure Vessels']);
    const cut = wrapText('one two three four five six seven eight nine ten', 9, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1].endsWith('…')).toBe(true);
  });
});

describe('stored images', () => {
  it('decodes data: URIs and refuses ones that do not hold what they claim', () => {
    expect(parseStoredImage(`data:image/png;base64,${TINY_PNG.toString('base64')}`)).toEqual({ kind: 'data', image: { kind: 'png', bytes: TINY_PNG } });
    const svg = parseStoredImage(`data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`);
    expect(svg.kind === 'data' && svg.image.kind).toBe('svg');
    expect(parseStoredImage(`data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}`)).toEqual({ kind: 'none' });
    expect(parseStoredImage('data:image/svg+xml,%E0%A4%A')).toEqual({ kind: 'none' });
    expect(parseStoredImage('https://cdn.test/badge.png')).toEqual({ kind: 'url', url: 'https://cdn.test/badge.png' });
    expect(parseStoredImage(null)).toEqual({ kind: 'none' });
  });
});

describe('fetching remote images (fetch replaced at the network edge)', () => {
  it('accepts a PNG or SVG whose content type matches its bytes', async () => {
    const png = await fetchRemoteImage('https://cdn.test/a.png', {
      resolveHost: publicDns,
      fetchFn: async () => new Response(TINY_PNG, { headers: { 'Content-Type': 'image/png' } }),
    });
    expect(png).toEqual({ kind: 'png', bytes: TINY_PNG });
    const svg = await fetchRemoteImage('https://cdn.test/a.svg', { resolveHost: publicDns, fetchFn: async () => svgResponse('<svg xmlns="http://www.w3.org/2000/svg"></svg>') });
    expect(svg?.kind).toBe('svg');
  });

  it('refuses other content types, lying content types, errors and oversized bodies', async () => {
    const html = await fetchRemoteImage('https://cdn.test/a', { resolveHost: publicDns, fetchFn: async () => svgResponse('<html>', { 'Content-Type': 'text/html' }) });
    expect(html).toBeNull();
    const lying = await fetchRemoteImage('https://cdn.test/a', { resolveHost: publicDns, fetchFn: async () => svgResponse('not a png', { 'Content-Type': 'image/png' }) });
    expect(lying).toBeNull();
    const missing = await fetchRemoteImage('https://cdn.test/a', { resolveHost: publicDns, fetchFn: async () => svgResponse('<svg></svg>', undefined, 404) });
    expect(missing).toBeNull();
    const big = new Uint8Array(4096).fill(32);
    const tooBig = await fetchRemoteImage('https://cdn.test/a', { resolveHost: publicDns, maxBytes: 1000, fetchFn: async () => svgResponse(big) });
    expect(tooBig).toBeNull();
    const thrown = await fetchRemoteImage('https://cdn.test/a', { resolveHost: publicDns, fetchFn: async () => { throw new TypeError('network down'); } });
    expect(thrown).toBeNull();
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const result = await fetchRemoteImage('https://cdn.test/slow', {
      resolveHost: publicDns,
      timeoutMs: 50,
      fetchFn: (_url, init) =>
        new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))),
    });
    expect(result).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never calls private, loopback or plain-http addresses, also not through a redirect', async () => {
    const called: string[] = [];
    const fetchFn = async (url: string | URL | Request) => {
      called.push(String(url));
      return new Response(null, { status: 302, headers: { Location: 'https://169.254.169.254/latest' } });
    };
    for (const url of ['http://cdn.test/a.png', 'https://localhost/a.png', 'https://127.0.0.1/a.png', 'https://[::1]/a.png', 'https://10.0.0.8/a.png']) {
      expect(await fetchRemoteImage(url, { resolveHost: publicDns, fetchFn })).toBeNull();
    }
    expect(called).toEqual([]);
    expect(await fetchRemoteImage('https://internal.test/a.png', { resolveHost: async () => ['192.168.1.2'], fetchFn })).toBeNull();
    expect(called).toEqual([]);
    expect(await fetchRemoteImage('https://cdn.test/a.png', { resolveHost: publicDns, fetchFn })).toBeNull();
    expect(called).toEqual(['https://cdn.test/a.png']);
  });

  it('classifies addresses', () => {
    expect(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.0.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', '::ffff:10.0.0.1'].every(isPrivateAddress)).toBe(true);
    expect(['93.184.216.34', '2606:4700::1111', '172.32.0.1'].some(isPrivateAddress)).toBe(false);
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
