import { describe, expect, it } from 'vitest';
import { issueAssertion, revokeAssertion, setAssertionPublic } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import { updateIssuer } from '../src/db/issuers';
import { unbakePng, unbakeSvg } from '../src/openbadges/bake';
import { generateBadgeSvg, rasterise } from '../src/openbadges/images';
import { PNG_SIGNATURE } from '../src/openbadges/png';
import { makeIssuer, PUBLIC_URL, testApp } from './helpers';

const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Reads width and height from the IHDR chunk, independently of the code under test. */
function ihdr(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function bytesOf(response: Response) {
  return Buffer.from(await response.arrayBuffer());
}

async function setup(image?: string) {
  const { db, app } = await testApp();
  const { issuer } = await makeIssuer(db);
  const badgeClass = await createBadgeClass(db, issuer.id, {
    name: 'Advanced MIG Welding',
    description: 'Welds thin steel with MIG.',
    category: 'certification',
    criteria: 'Pass the practical exam.',
    ...(image ? { image } : {}),
  });
  const assertion = await issueAssertion(db, badgeClass, { email: 'ann@example.test', name: 'Ann Example', narrative: 'Tricky ]]> text' });
  return { db, app, issuer, badgeClass, assertion };
}

async function pngDataUri() {
  const png = await rasterise(generateBadgeSvg({ name: 'Uploaded', category: 'skill' }), 64);
  return { png, uri: `data:image/png;base64,${png.toString('base64')}` };
}

describe('badge images', () => {
  it('generates an SVG with the security headers when a badge class has no image', async () => {
    const { app, assertion, badgeClass } = await setup();
    for (const path of [`/assertions/${assertion.id}/image`, `/badges/${badgeClass.id}/image`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(res.headers.get('content-security-policy')).toBe(SVG_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const svg = await res.text();
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain('AMW');
    }
  });

  it('escapes a hostile badge name in the generated image', async () => {
    const { db, app, issuer } = await setup();
    const hostile = await createBadgeClass(db, issuer.id, {
      name: '<script>alert(1)</script>"&',
      description: 'x',
      category: 'skill',
      criteria: 'x',
    });
    const svg = await (await app.request(`/badges/${hostile.id}/image`)).text();
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
  });

  it('serves the bytes of a data: URI image with its content type', async () => {
    const { png, uri } = await pngDataUri();
    const { app, assertion, badgeClass } = await setup(uri);
    for (const path of [`/assertions/${assertion.id}/image`, `/badges/${badgeClass.id}/image`]) {
      const res = await app.request(path);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(await bytesOf(res)).toEqual(png);
    }
    const svgSource = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';
    const svgBadge = await setup(`data:image/svg+xml;base64,${Buffer.from(svgSource).toString('base64')}`);
    const res = await svgBadge.app.request(`/badges/${svgBadge.badgeClass.id}/image`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-security-policy')).toBe(SVG_CSP);
    expect(await res.text()).toBe(svgSource);
  });

  it('never serves a stored SVG that fails the allow-list (stored before it existed): the generated image stands in', async () => {
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect data-x=">" onmouseover="alert(1)"/><script>alert(1)</script></svg>';
    const { app, badgeClass } = await setup(`data:image/svg+xml;base64,${Buffer.from(scripted).toString('base64')}`);
    const res = await app.request(`/badges/${badgeClass.id}/image`);
    expect(res.headers.get('content-security-policy')).toBe(SVG_CSP);
    const served = await res.text();
    expect(served).not.toContain('alert(1)');
    expect(served).toBe(generateBadgeSvg(badgeClass));
  });

  it('redirects to an https image', async () => {
    const { app, assertion, badgeClass } = await setup('https://127.0.0.1/badge.png');
    for (const path of [`/assertions/${assertion.id}/image`, `/badges/${badgeClass.id}/image`]) {
      const res = await app.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://127.0.0.1/badge.png');
    }
  });

  it('serves issuer images, generated or stored', async () => {
    const { db, app, issuer } = await setup();
    const generated = await app.request(`/issuers/${issuer.id}/image`);
    expect(generated.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(generated.headers.get('content-security-policy')).toBe(SVG_CSP);
    expect(await generated.text()).toContain('GTW');
    await updateIssuer(db, issuer.id, { image: 'https://cdn.welders.test/logo.png' });
    const redirected = await app.request(`/issuers/${issuer.id}/image`);
    expect(redirected.status).toBe(302);
    expect((await app.request('/issuers/unknown/image')).status).toBe(404);
  });
});

describe('baked badges (Open Badges 2.0 baking)', () => {
  it('bakes the assertion JSON into a PNG that unbakes to the hosted assertion', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}/baked.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = await bytesOf(res);
    expect(ihdr(png).width).toBe(512);
    const baked = unbakePng(png);
    const hosted = await (await app.request(`/assertions/${assertion.id}`)).text();
    expect(baked).toBe(hosted);
    expect(JSON.parse(baked!).id).toBe(`${PUBLIC_URL}/assertions/${assertion.id}`);
  });

  it('bakes into an SVG that unbakes to the hosted assertion, without a verify attribute', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}/baked.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-security-policy')).toBe(SVG_CSP);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns:openbadges="http:\/\/openbadges\.org"[^>]*><openbadges:assertion><!\[CDATA\[/);
    const hosted = await (await app.request(`/assertions/${assertion.id}`)).text();
    expect(svg).not.toMatch(/<openbadges:assertion[^>]*verify=/);
    expect(unbakeSvg(svg)).toEqual({ verify: null, assertion: hosted });
  });

  it('bakes an uploaded PNG as it is, and wraps it in an SVG for baked.svg', async () => {
    const { png, uri } = await pngDataUri();
    const { app, assertion } = await setup(uri);
    const bakedPng = await bytesOf(await app.request(`/assertions/${assertion.id}/baked.png`));
    expect(ihdr(bakedPng)).toEqual(ihdr(png));
    expect(JSON.parse(unbakePng(bakedPng)!).id).toBe(`${PUBLIC_URL}/assertions/${assertion.id}`);
    const svg = await (await app.request(`/assertions/${assertion.id}/baked.svg`)).text();
    expect(svg).toContain(`href="data:image/png;base64,${png.toString('base64')}"`);
    expect(JSON.parse(unbakeSvg(svg)!.assertion).id).toBe(`${PUBLIC_URL}/assertions/${assertion.id}`);
  });

  it('falls back to the generated image when the https image cannot be fetched (no network used)', async () => {
    // A loopback host is refused before any connection, so the fallback path runs offline.
    const { app, assertion } = await setup('https://127.0.0.1/badge.png');
    const png = await bytesOf(await app.request(`/assertions/${assertion.id}/baked.png`));
    expect(ihdr(png).width).toBe(512);
    expect(unbakePng(png)).not.toBeNull();
    const svg = await (await app.request(`/assertions/${assertion.id}/baked.svg`)).text();
    expect(svg).toContain('AMW');
    expect(unbakeSvg(svg)).not.toBeNull();
  });

  it('bakes the generated image when an uploaded SVG cannot be parsed', async () => {
    const { app, assertion } = await setup(`data:image/svg+xml,${encodeURIComponent('<svg><unclosed></svg>')}`);
    const png = await app.request(`/assertions/${assertion.id}/baked.png`);
    expect(png.status).toBe(200);
    expect(unbakePng(await bytesOf(png))).not.toBeNull();
  });
});

describe('the social card (og.png)', () => {
  it('is a PNG of at least 1200×627', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}/og.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const { width, height } = ihdr(await bytesOf(res));
    expect(width).toBeGreaterThanOrEqual(1200);
    expect(height).toBeGreaterThanOrEqual(627);
    const again = await bytesOf(await app.request(`/assertions/${assertion.id}/og.png`));
    expect(ihdr(again)).toEqual({ width, height });
  });
});

describe('no images for revoked, private or unknown assertions', () => {
  const files = ['image', 'baked.png', 'baked.svg', 'og.png'];

  it('answers 410 when revoked', async () => {
    const { db, app, assertion } = await setup();
    await revokeAssertion(db, assertion.id, 'Issued in error');
    for (const file of files) {
      const res = await app.request(`/assertions/${assertion.id}/${file}`);
      expect(res.status, file).toBe(410);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('answers 404 when private or unknown', async () => {
    const { db, app, assertion } = await setup();
    await revokeAssertion(db, assertion.id, 'Issued in error');
    await setAssertionPublic(db, assertion.id, false);
    for (const file of files) {
      expect((await app.request(`/assertions/${assertion.id}/${file}`)).status, file).toBe(404);
      expect((await app.request(`/assertions/AAAAAAAAAAAAAAAAAAAAAA/${file}`)).status, file).toBe(404);
    }
  });
});
