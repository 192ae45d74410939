// GET /api/v1/relay: the raw bytes of another site's credential, DID document or status list, for the
// extension's trustless mode. Relayed byte for byte; and its abuse tests: blocked addresses (never
// contacted), other content types, huge bodies, bad input, the per-client rate limit, CORS.
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import { RELAY_MAX_BYTES } from '../src/verify/relay';
import { didWebIssuer, publishStatusList, signedCredential } from './verify-fixture-badges';
import { fixtureWebPerTest, foreignApp, type ForeignAppOptions } from './verify-fixture-web';

const ISSUER_HOST = 'issuer.relay.test';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const web = fixtureWebPerTest();

async function relayApp(options: ForeignAppOptions = {}) {
  return (await foreignApp(web(), options)).app;
}

const relayPath = (url: string) => `/api/v1/relay?url=${encodeURIComponent(url)}`;

interface ErrorAnswer {
  error: { code: string; message: string };
}

describe('GET /api/v1/relay', () => {
  it('relays a signed credential, its DID document and its status list byte for byte, with their types', async () => {
    const issuer = await didWebIssuer(web(), ISSUER_HOST);
    const credential = await signedCredential(issuer);
    const credentialJson = `${JSON.stringify(credential, null, 1)}\n`;
    web().text(`https://${ISSUER_HOST}/credentials/one`, credentialJson, { contentType: 'application/vc; charset=utf-8' });
    await publishStatusList(web(), issuer, [3]);
    const app = await relayApp();

    const res = await app.request(relayPath(`https://${ISSUER_HOST}/credentials/one`), { headers: { Origin: EXTENSION } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vc');
    expect(res.headers.get('Content-Location')).toBe(`https://${ISSUER_HOST}/credentials/one`);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(EXTENSION);
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Content-Location');
    expect(await res.text()).toBe(credentialJson);

    const did = await app.request(relayPath(`https://${ISSUER_HOST}/issuers/guild/did.json`));
    expect(did.status).toBe(200);
    expect(did.headers.get('Content-Type')).toBe('application/did+json');
    expect(((await did.json()) as { id: string }).id).toBe(issuer.did);
    const list = await app.request(relayPath(`${issuer.base}/status/1`));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { type: string[] }).type).toContain('BitstringStatusListCredential');
  });

  it('follows redirects and says where the bytes finally came from', async () => {
    web().redirect(`https://${ISSUER_HOST}/c/old`, `https://${ISSUER_HOST}/c/new`);
    web().json(`https://${ISSUER_HOST}/c/new`, { id: `https://${ISSUER_HOST}/c/new` });
    const res = await (await relayApp()).request(relayPath(`https://${ISSUER_HOST}/c/old`));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Location')).toBe(`https://${ISSUER_HOST}/c/new`);
  });

  it('refuses loopback and private addresses without connecting, also behind a redirect', async () => {
    web().redirect(`https://${ISSUER_HOST}/to-loopback`, `https://127.0.0.1:${web().server.port}/secret`);
    const app = await relayApp();
    const before = web().server.connections;
    for (const url of [
      `https://127.0.0.1:${web().server.port}/secret`,
      `https://[::1]:${web().server.port}/secret`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/credentials/1',
      'https://0177.0.0.1/credentials/1',
    ]) {
      const res = await app.request(relayPath(url));
      expect(res.status, url).toBe(403);
      expect(((await res.json()) as ErrorAnswer).error.code).toBe('blocked');
    }
    expect(web().server.connections).toBe(before);
    const redirected = await app.request(relayPath(`https://${ISSUER_HOST}/to-loopback`));
    expect(redirected.status).toBe(403);
    expect(web().requests).toEqual([`${ISSUER_HOST} /to-loopback`]);
  });

  it('relays JSON, credential and DID documents only: never pages, scripts or images', async () => {
    web().text(`https://${ISSUER_HOST}/page`, '<script>alert(1)</script>', { contentType: 'text/html' });
    web().text(`https://${ISSUER_HOST}/script.js`, 'alert(1)', { contentType: 'text/javascript' });
    web().text(`https://${ISSUER_HOST}/image.svg`, '<svg onload="alert(1)"/>', { contentType: 'image/svg+xml' });
    web().text(`https://${ISSUER_HOST}/untyped`, '{}', { contentType: '' });
    const app = await relayApp();
    for (const path of ['/page', '/script.js', '/image.svg', '/untyped']) {
      const res = await app.request(relayPath(`https://${ISSUER_HOST}${path}`));
      expect(res.status, path).toBe(502);
      expect(res.headers.get('Content-Type'), path).toMatch(/^application\/json/);
      expect(((await res.json()) as ErrorAnswer).error.code, path).toBe('bad_content_type');
    }
  });

  it(`refuses a body over ${RELAY_MAX_BYTES / 1024} KB`, async () => {
    web().text(`https://${ISSUER_HOST}/huge`, Buffer.alloc(RELAY_MAX_BYTES + 1, 0x20), { contentType: 'application/json' });
    web().text(`https://${ISSUER_HOST}/just-fits`, `"${'x'.repeat(RELAY_MAX_BYTES - 2)}"`, { contentType: 'application/json' });
    const app = await relayApp();
    const huge = await app.request(relayPath(`https://${ISSUER_HOST}/huge`));
    expect(huge.status).toBe(502);
    expect(((await huge.json()) as ErrorAnswer).error.code).toBe('too_large');
    const fits = await app.request(relayPath(`https://${ISSUER_HOST}/just-fits`));
    expect(fits.status).toBe(200);
    expect((await fits.arrayBuffer()).byteLength).toBe(RELAY_MAX_BYTES);
  });

  it('says when the document is missing, the host fails or is too slow', async () => {
    web().text(`https://${ISSUER_HOST}/gone`, '{"revoked":true}', { status: 410, contentType: 'application/json' });
    web().text(`https://${ISSUER_HOST}/broken`, 'oops', { status: 500, contentType: 'text/plain' });
    web().silent(`https://${ISSUER_HOST}/slow`);
    const app = await relayApp({ fetchTimeoutMs: 300 });
    const answers = [];
    for (const path of ['/missing', '/gone', '/broken', '/slow']) {
      const res = await app.request(relayPath(`https://${ISSUER_HOST}${path}`));
      answers.push([res.status, ((await res.json()) as ErrorAnswer).error.code]);
    }
    expect(answers).toEqual([
      [404, 'not_found'],
      [404, 'not_found'],
      [502, 'unreachable'],
      [504, 'timeout'],
    ]);
  });

  it('answers 400 for a missing, malformed, non-http or overlong url', async () => {
    const app = await relayApp();
    for (const path of [
      '/api/v1/relay',
      '/api/v1/relay?url=',
      '/api/v1/relay?url=not%20a%20url',
      `/api/v1/relay?url=${encodeURIComponent('file:///etc/passwd')}`,
      `/api/v1/relay?url=${encodeURIComponent('javascript:alert(1)')}`,
      relayPath(`https://${ISSUER_HOST}/${'a'.repeat(2100)}`),
    ]) {
      const res = await app.request(path);
      expect(res.status, path.slice(0, 80)).toBe(400);
      expect(((await res.json()) as ErrorAnswer).error.code).toBe('invalid_request');
    }
    expect(web().requests).toEqual([]);
  });

  it('refuses plain http for hosts that are not test hosts', async () => {
    const res = await (await relayApp()).request(relayPath('http://issuer.elsewhere.example/credentials/1'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorAnswer).error.message).toMatch(/https/);
  });

  it('allows RATE_LIMIT_RELAY requests per client and window, then 429 with Retry-After', async () => {
    web().json(`https://${ISSUER_HOST}/doc`, { ok: true });
    const rateLimits = { ...RATE_LIMITS, relay: { ...RATE_LIMITS.relay, limit: 3 } };
    const app = await relayApp({ rateLimits });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request(relayPath(`https://${ISSUER_HOST}/doc`))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.request(relayPath(`https://${ISSUER_HOST}/doc`));
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await limited.json()) as ErrorAnswer).error.code).toBe('rate_limited');
    expect(web().count(`https://${ISSUER_HOST}/doc`)).toBe(3);
  });

  it('allows cross-origin reads by extension origins only', async () => {
    web().json(`https://${ISSUER_HOST}/doc`, { ok: true });
    const app = await relayApp();
    const preflight = await app.request(relayPath(`https://${ISSUER_HOST}/doc`), {
      method: 'OPTIONS',
      headers: { Origin: 'moz-extension://4b5c7f2e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('moz-extension://4b5c7f2e-1d2a-4c3b-9e8f-0a1b2c3d4e5f');
    for (const origin of ['https://evil.test', 'https://www.linkedin.com', 'null']) {
      const res = await app.request(relayPath(`https://${ISSUER_HOST}/doc`), { headers: { Origin: origin } });
      expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });
});
