import { describe, expect, it } from 'vitest';
import { verifyResponseSchema } from '../../shared/schemas/verify';
import { isExtensionOrigin } from '../src/verify/routes';
import { jsonRequest, testApp } from './helpers';

const EXTENSION_ORIGINS = [
  'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  'moz-extension://4b5c7f2e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  'safari-web-extension://4B5C7F2E-1D2A-4C3B-9E8F-0A1B2C3D4E5F',
];

const FOREIGN_ORIGINS = [
  'https://evil.test',
  'https://www.linkedin.com',
  'null',
  'chrome-extension://abc.evil.test',
  'chrome-extension://abcdefghijklmnop/path',
  'chrome-extension://',
  'ms-browser-extension://abcdef',
  'https://chrome-extension.evil.test',
];

function preflight(origin: string): RequestInit {
  return {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  };
}

describe('isExtensionOrigin', () => {
  it.each(EXTENSION_ORIGINS)('accepts %s', (origin) => expect(isExtensionOrigin(origin)).toBe(true));
  it.each(FOREIGN_ORIGINS)('refuses %s', (origin) => expect(isExtensionOrigin(origin)).toBe(false));
});

describe('CORS on /api/v1/verify', () => {
  it.each(EXTENSION_ORIGINS)('answers the preflight from %s', async (origin) => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/verify', preflight(origin));
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it.each(FOREIGN_ORIGINS)('does not allow %s', async (origin) => {
    const { app } = await testApp();
    const pre = await app.request('/api/v1/verify', preflight(origin));
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const res = await app.request('/api/v1/verify', jsonRequest('POST', { urls: ['x'] }, { Origin: origin }));
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('lets the extension read results and error bodies', async () => {
    const { app } = await testApp();
    const origin = EXTENSION_ORIGINS[0];
    const ok = await app.request('/api/v1/verify', jsonRequest('POST', { urls: ['https://badges.test/badges/not-an-assertion'] }, { Origin: origin }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(ok.headers.get('Cache-Control')).toBe('no-store');
    expect(verifyResponseSchema.parse(await ok.json()).results[0].status).toBe('unsupported');

    const bad = await app.request('/api/v1/verify', jsonRequest('POST', { urls: [] }, { Origin: origin }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  });

  it('does not open other API routes to extensions', async () => {
    const { app } = await testApp();
    const res = await app.request('/health', { headers: { Origin: EXTENSION_ORIGINS[0] } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
