import { gunzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { apiReferenceAssets } from '../src/site/apiReference';
import { PUBLIC_URL, testApp } from './helpers';

const BROWSER = { Accept: 'text/html' };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('GET /docs: the API reference drawn by Scalar, served by the API', () => {
  it('loads its two scripts from /assets/ and the document from /openapi.json, and links readers without scripts to /docs/plain', async () => {
    const { app } = await testApp();
    const res = await app.request('/docs', { headers: BROWSER });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = new new Window().DOMParser().parseFromString(await res.text(), 'text/html');
    const assets = apiReferenceAssets.urls(PUBLIC_URL);
    expect([...page.querySelectorAll('script')].map((script) => script.getAttribute('src'))).toEqual([assets.scalarScript, assets.startScript]);
    expect([...page.querySelectorAll('script')].every((script) => script.textContent === '')).toBe(true);
    expect(page.querySelector('link[rel="stylesheet"]')!.getAttribute('href')).toBe(assets.styles);
    expect(page.getElementById('reference')!.getAttribute('data-openapi-url')).toBe(`${PUBLIC_URL}/openapi.json`);
    // The renderer's legacy auto-mount reads #api-reference with an empty configuration (Scalar's defaults: its web fonts).
    expect(page.getElementById('api-reference')).toBeNull();
    expect(page.querySelector('noscript')!.innerHTML).toContain(`href="${PUBLIC_URL}/docs/plain"`);
    expect(page.documentElement.getAttribute('lang')).toBe('en');
    expect(page.querySelector('title')!.textContent).toBe('API reference — BadgeLens');
  });

  it('sets a policy that lets the page load nothing from another host, run no inline script, and not be framed', async () => {
    const { app } = await testApp();
    const res = await app.request('/docs', { headers: BROWSER });
    const policy = directives(res.headers.get('content-security-policy') ?? '');
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual([`${PUBLIC_URL}/assets/`]);
    // Scalar adds its styles as <style> elements and style attributes; styles alone cannot send anything
    // anywhere while images, fonts and connections are held to this origin.
    expect(policy.get('style-src')).toEqual([`${PUBLIC_URL}/assets/`, "'unsafe-inline'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(["'none'", "'self'", "'unsafe-inline'", 'data:'].includes(source) || source.startsWith(PUBLIC_URL), `${name} ${source}`).toBe(true);
      }
    }
    expect([...policy.keys()]).toEqual(expect.arrayContaining(['img-src', 'font-src', 'connect-src']));
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('serves Scalar\'s bundle (from its npm package), the start script and the page\'s styles under content-hashed names with a year-long immutable cache', async () => {
    const { app } = await testApp();
    const assets = apiReferenceAssets.urls(PUBLIC_URL);
    const bundle = await app.request(assets.scalarScript.slice(PUBLIC_URL.length));
    expect(assets.scalarScript).toMatch(/\/assets\/scalar-api-reference\.[A-Za-z0-9_-]{16}\.js$/);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(bundle.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await bundle.text()).toContain('createApiReference');
    const start = await app.request(assets.startScript.slice(PUBLIC_URL.length));
    expect(start.status).toBe(200);
    expect(start.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await start.text()).toContain('withDefaultFonts: false');
    const styles = await app.request(assets.styles.slice(PUBLIC_URL.length));
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(styles.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/scalar-api-reference.js', '/assets/scalar-api-reference.0000000000000000.js', '/assets/..%2F..%2Fpackage.json']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('gzips the bundle for browsers that accept it, and sends it as it is to those that do not', async () => {
    const { app } = await testApp();
    const path = apiReferenceAssets.urls(PUBLIC_URL).scalarScript.slice(PUBLIC_URL.length);
    const plain = Buffer.from(await (await app.request(path)).arrayBuffer());
    const zipped = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await zipped.arrayBuffer());
    expect(body.length).toBeLessThan(plain.length / 3);
    expect(gunzipSync(body).equals(plain)).toBe(true);
    for (const refusing of ['identity', 'gzip;q=0, identity', 'br']) {
      const answer = await app.request(path, { headers: { 'Accept-Encoding': refusing } });
      expect(answer.headers.get('content-encoding'), refusing).toBeNull();
      expect(Buffer.from(await answer.arrayBuffer()).equals(plain), refusing).toBe(true);
    }
  });
});
