import { describe, expect, it } from 'vitest';
import { issuerResponseSchema } from '../../shared/schemas/issuerApi';
import { jsonRequest, makeIssuer, PUBLIC_URL, testApp } from './helpers';

const SVG_DATA_URI = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>').toString('base64')}`;

describe('GET /api/v1/issuer', () => {
  it("answers the key's own issuer profile", async () => {
    const { db, app } = await testApp();
    const { issuer, auth } = await makeIssuer(db, 'Guild of Test Welders');
    await makeIssuer(db, 'Another Guild');
    const res = await app.request('/api/v1/issuer', { headers: auth });
    expect(res.status).toBe(200);
    const body = issuerResponseSchema.parse(await res.json());
    expect(body).toMatchObject({
      id: issuer.id,
      name: 'Guild of Test Welders',
      publicUrl: `${PUBLIC_URL}/issuers/${issuer.id}`,
      url: 'https://welders.test',
      email: 'office@welders.test',
      description: null,
      image: null,
      linkedInOrganizationId: null,
    });
  });

  it('answers 401 without a key, with a malformed header, and with an unknown key', async () => {
    const { db, app } = await testApp();
    await makeIssuer(db);
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Basic abc' }, { Authorization: 'Bearer blk_not-a-real-key' }];
    for (const headers of attempts) {
      const res = await app.request('/api/v1/issuer', { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    }
  });
});

describe('PATCH /api/v1/issuer', () => {
  it('changes the given fields and leaves the others', async () => {
    const { db, app } = await testApp();
    const { issuer, auth } = await makeIssuer(db);
    const res = await app.request(
      '/api/v1/issuer',
      jsonRequest('PATCH', { name: 'Welders United', description: 'We weld.', linkedInOrganizationId: '12345', image: SVG_DATA_URI }, auth),
    );
    expect(res.status).toBe(200);
    const body = issuerResponseSchema.parse(await res.json());
    expect(body).toMatchObject({
      name: 'Welders United',
      description: 'We weld.',
      linkedInOrganizationId: '12345',
      image: `${PUBLIC_URL}/issuers/${issuer.id}/image`,
      email: 'office@welders.test',
    });
    const again = await (await app.request('/api/v1/issuer', { headers: auth })).json();
    expect(again).toEqual(body);
  });

  it('clears nullable fields with null', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    await app.request('/api/v1/issuer', jsonRequest('PATCH', { description: 'Temp', linkedInOrganizationId: '42', image: SVG_DATA_URI }, auth));
    const res = await app.request('/api/v1/issuer', jsonRequest('PATCH', { description: null, linkedInOrganizationId: null, image: null }, auth));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ description: null, linkedInOrganizationId: null, image: null });
  });

  it('refuses bad values field by field, unknown fields and empty patches', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const bad = await app.request('/api/v1/issuer', jsonRequest('PATCH', { email: 'nope', url: 'ftp://x.test', name: 42 }, auth));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['email', 'name', 'url']);

    const unknown = await app.request('/api/v1/issuer', jsonRequest('PATCH', { name: 'X', role: 'admin' }, auth));
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toMatch(/role/);

    const empty = await app.request('/api/v1/issuer', jsonRequest('PATCH', {}, auth));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/at least one field/);

    const cannotClearName = await app.request('/api/v1/issuer', jsonRequest('PATCH', { name: null }, auth));
    expect(cannotClearName.status).toBe(400);
  });

  it('refuses an image data: URI that is not really an image', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const res = await app.request('/api/v1/issuer', jsonRequest('PATCH', { image: 'data:image/png;base64,aGVsbG8gd29ybGQ=' }, auth));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues).toEqual([{ path: 'image', message: expect.stringMatching(/not a PNG/) }]);
  });

  it('answers 400 for malformed JSON, 415 for other content types, 413 for huge bodies, 401 first', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const malformed = await app.request('/api/v1/issuer', { method: 'PATCH', headers: auth, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/Malformed JSON/);

    const form = await app.request('/api/v1/issuer', {
      method: 'PATCH',
      headers: { Authorization: auth.Authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=X',
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.message).toMatch(/application\/json/);

    const huge = await app.request('/api/v1/issuer', jsonRequest('PATCH', { description: 'x'.repeat(3 * 1024 * 1024) }, auth));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');

    const anonymous = await app.request('/api/v1/issuer', jsonRequest('PATCH', { name: 'X' }));
    expect(anonymous.status).toBe(401);
  });
});
