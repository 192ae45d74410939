import { describe, expect, it } from 'vitest';
import { testApp } from './helpers';

describe('app basics', () => {
  it('answers /health', async () => {
    const { app } = await testApp();
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers unknown routes with the uniform 404 error body', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/nothing-here/);
  });

  it('refuses oversized API bodies with 413 before reading them', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ urls: ['x'.repeat(3 * 1024 * 1024)] }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
