import { describe, expect, it } from 'vitest';
import { badgeClassResponseSchema, catalogueResponseSchema } from '../../shared/schemas/issuerApi';
import { getBadgeClass } from '../src/db/badgeClasses';
import { jsonRequest, makeIssuer, PUBLIC_URL, testApp } from './helpers';

const NOW = new Date('2026-03-01T10:00:00.000Z');

const weldingBadge = {
  name: 'MIG Welding Level 1',
  description: 'Safe, clean MIG welds on mild steel.',
  category: 'skill',
  criteria: 'Pass the practical test with a supervisor.',
};

async function createBadge(app: Awaited<ReturnType<typeof testApp>>['app'], auth: Record<string, string>, body: object = weldingBadge) {
  const res = await app.request('/api/v1/badges', jsonRequest('POST', body, auth));
  expect(res.status).toBe(201);
  return badgeClassResponseSchema.parse(await res.json());
}

describe('POST /api/v1/badges', () => {
  it('creates a badge class with defaults, a public URL, a generated image URL and a Location header', async () => {
    const { db, app } = await testApp({ now: () => NOW });
    const { issuer, auth } = await makeIssuer(db);
    const res = await app.request('/api/v1/badges', jsonRequest('POST', weldingBadge, auth));
    expect(res.status).toBe(201);
    const body = badgeClassResponseSchema.parse(await res.json());
    expect(body).toEqual({
      id: body.id,
      url: `${PUBLIC_URL}/badges/${body.id}`,
      issuerId: issuer.id,
      ...weldingBadge,
      requirements: [],
      skills: [],
      alignment: [],
      validityMonths: null,
      offersCertificate: false,
      attribute: null,
      image: `${PUBLIC_URL}/badges/${body.id}/image`,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(res.headers.get('Location')).toBe(body.url);
    expect((await getBadgeClass(db, body.id))?.image).toBeNull();
  });

  it('stores every optional field', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const full = {
      ...weldingBadge,
      requirements: [
        { kind: 'course', title: 'Welding safety', url: 'https://welders.test/safety' },
        { kind: 'quiz', title: 'Theory quiz' },
      ],
      skills: ['MIG welding', 'Metal preparation'],
      alignment: [{ targetName: 'EQF level 3', targetUrl: 'https://europa.test/eqf/3' }],
      validityMonths: 24,
      offersCertificate: true,
      image: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')}`,
    };
    const body = await createBadge(app, auth, full);
    const { image: _image, ...rest } = full;
    expect(body).toMatchObject(rest);
    expect(body.image).toBe(`${PUBLIC_URL}/badges/${body.id}/image`);
    expect((await getBadgeClass(db, body.id))?.image).toBe(full.image);
  });

  it('refuses missing fields, wrong types, bad categories and unknown fields, naming each', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const cases: [object, string[]][] = [
      [{}, ['category', 'criteria', 'description', 'name']],
      [{ ...weldingBadge, name: 7, offersCertificate: 'yes' }, ['name', 'offersCertificate']],
      [{ ...weldingBadge, category: 'hobby' }, ['category']],
      [{ ...weldingBadge, validityMonths: 0 }, ['validityMonths']],
      [{ ...weldingBadge, owner: 'me' }, ['']],
      [{ ...weldingBadge, requirements: [{ kind: 'course', title: 'Safety', link: 'https://x.test' }] }, ['requirements.0']],
      [{ ...weldingBadge, requirements: [{ kind: 'exam', title: 'Safety' }] }, ['requirements.0.kind']],
      [{ ...weldingBadge, name: '   ' }, ['name']],
    ];
    for (const [input, paths] of cases) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', input, auth));
      expect(res.status, JSON.stringify(input)).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect([...new Set(body.error.issues.map((issue: { path: string }) => issue.path))].sort(), JSON.stringify(input)).toEqual(paths);
    }
  });

  it('refuses images that are not https URLs or real PNG/SVG data', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    for (const [image, message] of [
      ['http://insecure.test/a.png', /https URL or a data: URI/],
      ['data:image/png;base64,PHN2Zz48L3N2Zz4=', /not a PNG/],
      ['data:image/svg+xml,<div>hi</div>', /root <svg>/],
      ['data:image/svg+xml,<svg><script>alert(1)</script></svg>', /script/],
    ] as const) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image }, auth));
      expect(res.status, image).toBe(400);
      const body = await res.json();
      expect(body.error.issues[0].path).toBe('image');
      expect(body.error.issues[0].message).toMatch(message);
    }
  });

  it('answers 401 without a valid key, 415 for non-JSON, 400 for malformed JSON, 413 for huge bodies', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    expect((await app.request('/api/v1/badges', jsonRequest('POST', weldingBadge))).status).toBe(401);
    expect((await app.request('/api/v1/badges', jsonRequest('POST', weldingBadge, { Authorization: 'Bearer blk_wrong' }))).status).toBe(401);
    const text = await app.request('/api/v1/badges', { method: 'POST', headers: { Authorization: auth.Authorization, 'Content-Type': 'text/plain' }, body: JSON.stringify(weldingBadge) });
    expect(text.status).toBe(415);
    const noType = await app.request('/api/v1/badges', { method: 'POST', headers: { Authorization: auth.Authorization }, body: JSON.stringify(weldingBadge) });
    expect(noType.status).toBe(415);
    const malformed = await app.request('/api/v1/badges', { method: 'POST', headers: auth, body: "{name: 'x'}" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/Malformed JSON/);
    const huge = await app.request('/api/v1/badges', jsonRequest('POST', { ...weldingBadge, image: `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}` }, auth));
    expect(huge.status).toBe(413);
    expect((await app.request('/api/v1/badges', jsonRequest('GET', undefined, auth))).status).toBe(200);
  });
});

describe('PATCH /api/v1/badges/:id', () => {
  it('updates the given fields only', async () => {
    const later = new Date(NOW.getTime() + 60_000);
    let clock = NOW;
    const { db, app } = await testApp({ now: () => clock });
    const { auth } = await makeIssuer(db);
    const created = await createBadge(app, auth);
    clock = later;
    const res = await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { name: 'MIG Welding I', validityMonths: 12, skills: ['MIG'] }, auth));
    expect(res.status).toBe(200);
    const body = badgeClassResponseSchema.parse(await res.json());
    expect(body).toEqual({ ...created, name: 'MIG Welding I', validityMonths: 12, skills: ['MIG'], updatedAt: later.toISOString() });
    const cleared = await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { validityMonths: null }, auth));
    expect((await cleared.json()).validityMonths).toBeNull();
  });

  it("answers another issuer's badge class exactly like an unknown id", async () => {
    const { db, app } = await testApp();
    const owner = await makeIssuer(db, 'Owner');
    const intruder = await makeIssuer(db, 'Intruder');
    const created = await createBadge(app, owner.auth);
    const foreign = await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { name: 'Hijacked' }, intruder.auth));
    const unknown = await app.request('/api/v1/badges/doesNotExist1', jsonRequest('PATCH', { name: 'Hijacked' }, intruder.auth));
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    const foreignBody = await foreign.json();
    expect(foreignBody.error.code).toBe('not_found');
    expect(foreignBody.error.message.replace(created.id, 'ID')).toBe((await unknown.json()).error.message.replace('doesNotExist1', 'ID'));
    expect((await getBadgeClass(db, created.id))?.name).toBe(weldingBadge.name);
  });

  it('refuses empty patches, unknown fields, bad ids and missing keys', async () => {
    const { db, app } = await testApp();
    const { auth } = await makeIssuer(db);
    const created = await createBadge(app, auth);
    expect((await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', {}, auth))).status).toBe(400);
    expect((await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { issuerId: 'x' }, auth))).status).toBe(400);
    expect((await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { category: 'fun' }, auth))).status).toBe(400);
    const badId = await app.request(`/api/v1/badges/${'x'.repeat(65)}`, jsonRequest('PATCH', { name: 'A' }, auth));
    expect(badId.status).toBe(400);
    expect((await badId.json()).error.issues[0].path).toBe('id');
    expect((await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { name: 'A' }))).status).toBe(401);
    const huge = await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { description: 'x'.repeat(2 * 1024 * 1024 + 1) }, auth));
    expect(huge.status).toBe(413);
  });
});

describe('GET /api/v1/badges (public catalogue)', () => {
  async function catalogue() {
    const { db, app } = await testApp();
    const guild = await makeIssuer(db, 'Guild of Test Welders');
    const school = await makeIssuer(db, 'Night School');
    await createBadge(app, guild.auth, weldingBadge);
    await createBadge(app, guild.auth, { ...weldingBadge, name: 'Guild Member', category: 'membership', description: 'Member in good standing.' });
    await createBadge(app, school.auth, { ...weldingBadge, name: 'Spreadsheet Basics', category: 'knowledge', description: 'Formulas and charts.', skills: ['Excel'] });
    return { app, guild, school };
  }

  it('lists every badge class with its issuer, without a key', async () => {
    const { app, guild, school } = await catalogue();
    const res = await app.request('/api/v1/badges');
    expect(res.status).toBe(200);
    const { items } = catalogueResponseSchema.parse(await res.json());
    expect(items.map((item) => item.name).sort()).toEqual(['Guild Member', 'MIG Welding Level 1', 'Spreadsheet Basics']);
    const spreadsheet = items.find((item) => item.name === 'Spreadsheet Basics')!;
    expect(spreadsheet.issuer).toEqual({ id: school.issuer.id, name: 'Night School', url: 'https://welders.test', publicUrl: `${PUBLIC_URL}/issuers/${school.issuer.id}` });
    expect(items.find((item) => item.name === 'Guild Member')!.issuer.id).toBe(guild.issuer.id);
  });

  it('filters by category and searches with q', async () => {
    const { app } = await catalogue();
    const byCategory = await (await app.request('/api/v1/badges?category=membership')).json();
    expect(byCategory.items.map((item: { name: string }) => item.name)).toEqual(['Guild Member']);
    const bySkill = await (await app.request('/api/v1/badges?q=excel')).json();
    expect(bySkill.items.map((item: { name: string }) => item.name)).toEqual(['Spreadsheet Basics']);
    const both = await (await app.request('/api/v1/badges?category=skill&q=spreadsheet')).json();
    expect(both.items).toEqual([]);
    const wildcard = await (await app.request('/api/v1/badges?q=%25')).json();
    expect(wildcard.items).toEqual([]);
    const empty = await (await app.request('/api/v1/badges?q=')).json();
    expect(empty.items).toHaveLength(3);
  });

  it('refuses an unknown category with 400', async () => {
    const { app } = await catalogue();
    const res = await app.request('/api/v1/badges?category=hobby');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues[0].path).toBe('category');
  });
});
