import { describe, expect, it } from 'vitest';
import { assertionPageSchema, assertionResponseSchema, badgeClassResponseSchema } from '../../shared/schemas/issuerApi';
import { countAssertions, getAssertion } from '../src/db/assertions';
import { jsonRequest, makeIssuer, PUBLIC_URL, testApp } from './helpers';

const NOW = new Date('2026-03-01T10:00:00.000Z');
type App = Awaited<ReturnType<typeof testApp>>['app'];

const badge = { name: 'First Aid', description: 'Basic first aid.', category: 'certification', criteria: 'Attend and pass.' };
const recipient = { email: 'Ada.Lovelace@Example.test', name: 'Ada Lovelace' };

async function setup(options: { now?: () => Date; badge?: object } = {}) {
  const { db, app } = await testApp({ now: options.now ?? (() => NOW) });
  const owner = await makeIssuer(db, 'Owner');
  const intruder = await makeIssuer(db, 'Intruder');
  const res = await app.request('/api/v1/badges', jsonRequest('POST', options.badge ?? badge, owner.auth));
  const badgeClass = badgeClassResponseSchema.parse(await res.json());
  return { db, app, owner, intruder, badgeClass };
}

async function issue(app: App, badgeClassId: string, auth: Record<string, string>, body: object = recipient) {
  const res = await app.request(`/api/v1/badges/${badgeClassId}/assertions`, jsonRequest('POST', body, auth));
  expect(res.status).toBe(201);
  return assertionResponseSchema.parse(await res.json());
}

describe('POST /api/v1/badges/:id/assertions', () => {
  it('issues a badge and answers 201 with the assertion and its public URL', async () => {
    const { app, owner, badgeClass } = await setup();
    const res = await app.request(
      `/api/v1/badges/${badgeClass.id}/assertions`,
      jsonRequest('POST', { ...recipient, evidence: 'https://evidence.test/ada', narrative: 'Excellent under pressure.', expires: '2027-03-01T00:00:00Z' }, owner.auth),
    );
    expect(res.status).toBe(201);
    const body = assertionResponseSchema.parse(await res.json());
    expect(body).toEqual({
      id: body.id,
      url: `${PUBLIC_URL}/assertions/${body.id}`,
      badgeClassId: badgeClass.id,
      recipient: { email: 'ada.lovelace@example.test', name: 'Ada Lovelace' },
      issuedOn: NOW.toISOString(),
      expires: '2027-03-01T00:00:00.000Z',
      evidence: 'https://evidence.test/ada',
      narrative: 'Excellent under pressure.',
      revoked: false,
      revocationReason: null,
      claimState: 'pending',
      status: 'valid',
      attribute: null,
    });
    expect(res.headers.get('Location')).toBe(body.url);
    expect(body.id.length).toBeGreaterThanOrEqual(16);
  });

  it("applies the badge class's validity when no expiry is given", async () => {
    const { app, owner, badgeClass } = await setup({ badge: { ...badge, validityMonths: 6 } });
    const body = await issue(app, badgeClass.id, owner.auth);
    expect(body.expires).toBe('2026-09-01T10:00:00.000Z');
  });

  it('takes a date alone as the end of that day in UTC, and refuses dates that do not exist', async () => {
    const { app, owner, badgeClass } = await setup();
    const body = await issue(app, badgeClass.id, owner.auth, { ...recipient, expires: '2027-06-30' });
    expect(body.expires).toBe('2027-06-30T23:59:59.999Z');
    for (const expires of ['2027-02-30', '2027-6-30', '30/06/2027']) {
      const res = await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, jsonRequest('POST', { ...recipient, email: 'b@example.test', expires }, owner.auth));
      expect(res.status).toBe(400);
      const error = (await res.json()).error;
      expect(error.issues).toEqual([{ path: 'expires', message: expect.stringMatching(/^must be a date \(2027-06-30/) }]);
    }
  });

  it('refuses an expiry that is not in the future', async () => {
    const { app, owner, badgeClass } = await setup();
    for (const expires of [NOW.toISOString(), '2020-01-01T00:00:00Z']) {
      const res = await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, jsonRequest('POST', { ...recipient, expires }, owner.auth));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.message).toMatch(/expires must be in the future/);
      expect(body.error.issues).toEqual([{ path: 'expires', message: 'expires must be in the future' }]);
    }
  });

  it('refuses missing and malformed fields, unknown fields and non-JSON bodies', async () => {
    const { app, owner, badgeClass } = await setup();
    const url = `/api/v1/badges/${badgeClass.id}/assertions`;
    const cases: [object, string[]][] = [
      [{}, ['email', 'name']],
      [{ email: 'not-an-email', name: 'Ada' }, ['email']],
      [{ ...recipient, expires: 'next year' }, ['expires']],
      [{ ...recipient, evidence: 'javascript:alert(1)' }, ['evidence']],
      [{ ...recipient, name: ['Ada'] }, ['name']],
      [{ ...recipient, revoked: true }, ['']],
    ];
    for (const [input, paths] of cases) {
      const res = await app.request(url, jsonRequest('POST', input, owner.auth));
      expect(res.status, JSON.stringify(input)).toBe(400);
      const body = await res.json();
      expect(body.error.issues.map((issue: { path: string }) => issue.path).sort(), JSON.stringify(input)).toEqual(paths);
    }
    const form = await app.request(url, { method: 'POST', headers: { Authorization: owner.auth.Authorization, 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' });
    expect(form.status).toBe(415);
    const malformed = await app.request(url, { method: 'POST', headers: owner.auth, body: '' });
    expect(malformed.status).toBe(400);
    const huge = await app.request(url, jsonRequest('POST', { ...recipient, narrative: 'x'.repeat(3_000_000) }, owner.auth));
    expect(huge.status).toBe(413);
  });

  it("answers 404 for unknown and other issuers' badge classes alike, and 401 without a key", async () => {
    const { db, app, intruder, badgeClass } = await setup();
    const foreign = await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, jsonRequest('POST', recipient, intruder.auth));
    const unknown = await app.request('/api/v1/badges/unknownBadge/assertions', jsonRequest('POST', recipient, intruder.auth));
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await foreign.json()).error.code).toBe((await unknown.json()).error.code);
    expect(await countAssertions(db)).toBe(0);
    expect((await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, jsonRequest('POST', recipient))).status).toBe(401);
  });
});

describe('GET /api/v1/badges/:id/assertions', () => {
  it('pages through every assertion newest first, without duplicates or gaps', async () => {
    let tick = 0;
    const { app, owner, badgeClass } = await setup({ now: () => new Date(NOW.getTime() + Math.floor(tick++ / 3) * 1000) });
    const issued: string[] = [];
    for (let i = 0; i < 23; i++) {
      issued.push((await issue(app, badgeClass.id, owner.auth, { email: `earner${i}@example.test`, name: `Earner ${i}` })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=5&cursor=${encodeURIComponent(cursor)}` : '?limit=5';
      const res = await app.request(`/api/v1/badges/${badgeClass.id}/assertions${query}`, { headers: owner.auth });
      expect(res.status).toBe(200);
      const page = assertionPageSchema.parse(await res.json());
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect(seen.sort()).toEqual([...issued].sort());
  });

  it('lists newest first and defaults to 50 per page', async () => {
    let clock = NOW;
    const { app, owner, badgeClass } = await setup({ now: () => clock });
    const first = await issue(app, badgeClass.id, owner.auth);
    clock = new Date(NOW.getTime() + 1000);
    const second = await issue(app, badgeClass.id, owner.auth, { email: 'grace@example.test', name: 'Grace Hopper' });
    const page = await (await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, { headers: owner.auth })).json();
    expect(page.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses bad limits and cursors with 400', async () => {
    const { app, owner, badgeClass } = await setup();
    for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?cursor=bm90LWEtY3Vyc29y', '?cursor=%00%01']) {
      const res = await app.request(`/api/v1/badges/${badgeClass.id}/assertions${query}`, { headers: owner.auth });
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code, query).toBe('invalid_request');
    }
    expect((await app.request(`/api/v1/badges/${badgeClass.id}/assertions?limit=200`, { headers: owner.auth })).status).toBe(200);
  });

  it("hides other issuers' badge classes and requires a key", async () => {
    const { app, owner, intruder, badgeClass } = await setup();
    await issue(app, badgeClass.id, owner.auth);
    expect((await app.request(`/api/v1/badges/${badgeClass.id}/assertions`, { headers: intruder.auth })).status).toBe(404);
    expect((await app.request('/api/v1/badges/nope/assertions', { headers: intruder.auth })).status).toBe(404);
    expect((await app.request(`/api/v1/badges/${badgeClass.id}/assertions`)).status).toBe(401);
  });
});

describe('GET /api/v1/assertions/:id and POST /api/v1/assertions/:id/revoke', () => {
  it('shows an assertion to its issuer only', async () => {
    const { app, owner, intruder, badgeClass } = await setup();
    const issued = await issue(app, badgeClass.id, owner.auth);
    const own = await app.request(`/api/v1/assertions/${issued.id}`, { headers: owner.auth });
    expect(own.status).toBe(200);
    expect(assertionResponseSchema.parse(await own.json())).toEqual(issued);
    const foreign = await app.request(`/api/v1/assertions/${issued.id}`, { headers: intruder.auth });
    const unknown = await app.request('/api/v1/assertions/unknownAssertion', { headers: intruder.auth });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await foreign.json()).error.message).toBe(`No assertion with id "${issued.id}".`);
    expect((await app.request(`/api/v1/assertions/${issued.id}`)).status).toBe(401);
  });

  it('reports an expired badge with status expired', async () => {
    let clock = NOW;
    const { app, owner, badgeClass } = await setup({ now: () => clock });
    const issued = await issue(app, badgeClass.id, owner.auth, { ...recipient, expires: '2026-04-01T00:00:00Z' });
    clock = new Date('2026-05-01T00:00:00Z');
    expect((await (await app.request(`/api/v1/assertions/${issued.id}`, { headers: owner.auth })).json()).status).toBe('expired');
  });

  it('revokes once with a reason, then answers 409', async () => {
    const { db, app, owner, badgeClass } = await setup();
    const issued = await issue(app, badgeClass.id, owner.auth);
    const res = await app.request(`/api/v1/assertions/${issued.id}/revoke`, jsonRequest('POST', { reason: 'Issued by mistake' }, owner.auth));
    expect(res.status).toBe(200);
    expect(assertionResponseSchema.parse(await res.json())).toEqual({ ...issued, revoked: true, revocationReason: 'Issued by mistake', status: 'revoked' });
    const again = await app.request(`/api/v1/assertions/${issued.id}/revoke`, jsonRequest('POST', { reason: 'Twice' }, owner.auth));
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.error.code).toBe('already_revoked');
    expect(body.error.message).toMatch(/already revoked/);
    expect((await getAssertion(db, issued.id))?.revocationReason).toBe('Issued by mistake');
  });

  it('requires a reason and refuses foreign or unknown assertions', async () => {
    const { db, app, owner, intruder, badgeClass } = await setup();
    const issued = await issue(app, badgeClass.id, owner.auth);
    const url = `/api/v1/assertions/${issued.id}/revoke`;
    for (const input of [{}, { reason: '' }, { reason: '   ' }, { reason: 5 }, { reason: 'ok', extra: 1 }]) {
      const res = await app.request(url, jsonRequest('POST', input, owner.auth));
      expect(res.status, JSON.stringify(input)).toBe(400);
    }
    expect((await app.request(url, jsonRequest('POST', { reason: 'Mine now' }, intruder.auth))).status).toBe(404);
    expect((await app.request('/api/v1/assertions/nope/revoke', jsonRequest('POST', { reason: 'x' }, owner.auth))).status).toBe(404);
    expect((await app.request(url, jsonRequest('POST', { reason: 'x' }))).status).toBe(401);
    expect((await app.request(url, { method: 'POST', headers: { Authorization: owner.auth.Authorization }, body: 'reason=x' })).status).toBe(415);
    expect((await app.request(url, jsonRequest('POST', { reason: 'x'.repeat(3_000_000) }, owner.auth))).status).toBe(413);
    expect((await getAssertion(db, issued.id))?.revoked).toBe(false);
  });
});
