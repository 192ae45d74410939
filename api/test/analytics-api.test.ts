// GET /api/v1/analytics through real HTTP on the real database: figures move as badges are issued, claimed,
// decided, shared, viewed and verified through the real routes.
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import {
  issueBadge,
  issuerWithBadge,
  latestMail,
  linkIn,
  logIn,
  PUBLIC_URL,
  verifiedAccount,
  worldsClosedAfterEach,
  type EarnerWorld,
} from './earners-helpers';
import { jsonRequest, makeIssuer } from './helpers';
import { csvCell } from '../src/analytics/csv';

const world = worldsClosedAfterEach();

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** A world whose clock reads the real time: the portfolio and API decisions are stamped with it. */
async function realTimeWorld(options: Parameters<typeof world>[0] = {}) {
  const w = await world(options);
  w.clock.advance(Date.now() - w.clock.now().getTime());
  return w;
}

/** Yesterday to tomorrow, so that the test holds across midnight UTC. */
function aroundToday(): string {
  return `from=${dayOf(Date.now() - DAY_MS)}&to=${dayOf(Date.now() + DAY_MS)}`;
}

async function analytics(w: EarnerWorld, auth: Record<string, string>, query: string) {
  const res = await w.app.request(`/api/v1/analytics?${query}`, { headers: auth });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

/** The claim link of the newest issuance email to `email`. */
async function latestClaimLink(w: EarnerWorld, email: string): Promise<string> {
  await w.deliver();
  return linkIn((await latestMail(w, null, email, /issued you/)).text, `${PUBLIC_URL}/claim/`);
}

describe('GET /api/v1/analytics', () => {
  it('counts what happens to the badges through the real routes, per issuer and per badge class', async () => {
    const w = await realTimeWorld();
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w, 'Safe Welding');
    const other = await issuerWithBadge(w, 'Not mine', 'Other Guild');
    const totals = async () => (await analytics(w, issuer.auth, aroundToday())).totals;
    expect(await totals()).toMatchObject({ issued: 0, claimed: 0, accepted: 0 });

    // Jane holds a confirmed account: her badges join it as they are issued. Bob has none.
    const accepted = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const acceptLink = await latestClaimLink(w, 'jane@example.com');
    const declined = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const declineLink = await latestClaimLink(w, 'jane@example.com');
    await issueBadge(w, issuer, 'bob@example.com', 'Bob Roe');
    await issueBadge(w, other, 'jane@example.com', 'Jane Doe');
    expect(await totals()).toMatchObject({ issued: 3, claimed: 2, accepted: 0, declined: 0 });

    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get(acceptLink);
    expect((await browser.post(acceptLink, { decision: 'accepted' })).status).toBeLessThan(400);
    await browser.get(declineLink);
    expect((await browser.post(declineLink, { decision: 'declined' })).status).toBeLessThan(400);
    expect(await totals()).toMatchObject({ accepted: 1, declined: 1 });

    expect((await w.app.request(`/s/${accepted}/linkedin-profile`)).status).toBe(302);
    expect((await w.app.request(`/s/${accepted}/x`)).status).toBe(302);
    expect((await w.app.request(`/assertions/${accepted}`, { headers: { Accept: 'text/html' } })).status).toBe(200);
    expect(await totals()).toMatchObject({ addedToLinkedin: 1, sharesX: 1, sharesLinkedin: 0, views: 1, verifications: 0 });

    for (let i = 0; i < 2; i++) {
      const res = await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/${accepted}`, `${PUBLIC_URL}/assertions/unknownunknownunknown1`] }));
      expect(res.status).toBe(200);
    }
    const report = await analytics(w, issuer.auth, aroundToday());
    expect(report.totals).toEqual({
      issued: 3, claimed: 2, accepted: 1, declined: 1, revoked: 0, views: 1, sharesLinkedin: 0, sharesX: 1, sharesFacebook: 0,
      sharesEmail: 0, addedToLinkedin: 1, verifications: 2,
    });
    expect(report.funnel.map((entry: { step: string; count: number }) => [entry.step, entry.count])).toEqual([
      ['issued', 3],
      ['claimed', 2],
      ['accepted', 1],
      ['shared', 1],
    ]);
    expect(report.badgeClasses).toEqual([{ id: issuer.badgeClassId, name: 'Safe Welding', totals: report.totals }]);
    expect(report.periods).toHaveLength(3);

    const revoked = await w.app.request(`/api/v1/assertions/${declined}/revoke`, jsonRequest('POST', { reason: 'Issued by mistake.' }, issuer.auth));
    expect(revoked.status).toBe(200);
    expect((await totals()).revoked).toBe(1);

    // The other issuer sees only its own badge; this issuer's badge class is unknown to it.
    expect((await analytics(w, other.auth, aroundToday())).totals).toMatchObject({ issued: 1, claimed: 1, verifications: 0 });
    const one = await analytics(w, issuer.auth, `${aroundToday()}&badge=${issuer.badgeClassId}`);
    expect(one.badgeClass).toEqual({ id: issuer.badgeClassId, name: 'Safe Welding' });
    expect(one.totals.issued).toBe(3);
    for (const badge of [issuer.badgeClassId, 'no-such-badge-class']) {
      const res = await w.app.request(`/api/v1/analytics?badge=${badge}`, { headers: other.auth });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('buckets by day, week and month in UTC, from the times the badges carry', async () => {
    const w = await world();
    const issuer = await issuerWithBadge(w);
    for (const at of ['2026-03-01T23:59:59Z', '2026-03-02T00:00:00Z', '2026-03-04T12:00:00Z', '2026-03-10T08:00:00Z', '2026-04-01T00:30:00Z']) {
      w.clock.advance(Date.parse(at) - w.clock.now().getTime());
      await issueBadge(w, issuer, `r${at.slice(0, 13)}@example.com`, 'R');
    }
    const issued = async (query: string) => (await analytics(w, issuer.auth, query)).series.issued;
    expect(await issued('from=2026-03-01&to=2026-03-04&interval=day')).toEqual([1, 1, 0, 1]);
    expect(await issued('from=2026-03-01&to=2026-03-17&interval=week')).toEqual([1, 2, 1, 0]);
    expect(await issued('from=2026-02-15&to=2026-04-30&interval=month')).toEqual([0, 4, 1]);
    // Without a range: the 30 days up to today (the clock's 1 April).
    const report = await analytics(w, issuer.auth, '');
    expect([report.from, report.to, report.totals.issued]).toEqual(['2026-03-03', '2026-04-01', 3]);
  });

  it('answers CSV for format=csv and for Accept: text/csv, with every figure', async () => {
    const w = await realTimeWorld();
    const issuer = await issuerWithBadge(w, 'Safe, "hot" Welding');
    await issueBadge(w, issuer, 'bob@example.com', 'Bob Roe');
    for (const [query, headers] of [
      [`${aroundToday()}&format=csv`, issuer.auth],
      [aroundToday(), { ...issuer.auth, Accept: 'text/csv' }],
    ] as const) {
      const res = await w.app.request(`/api/v1/analytics?${query}`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="badgelens-analytics-all-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-day\.csv"$/);
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('section,badge_class_id,badge_class,period_start,period_end,figure,value');
      expect(lines.filter((line) => line.startsWith('total,'))).toHaveLength(12);
      expect(lines.some((line) => /^total,,All badge classes,[\d-]+,[\d-]+,issued,1$/.test(line))).toBe(true);
      // The id as its cell: a random id may start with '-', which the CSV guards against formulas.
      expect(lines.some((line) => line.startsWith(`badge_class_total,${csvCell(issuer.badgeClassId)},"Safe, ""hot"" Welding",`) && line.endsWith(',issued,1'))).toBe(true);
      expect(lines.filter((line) => line.startsWith('period,') && line.endsWith(',issued,1'))).toHaveLength(1);
    }
  });

  it('needs an issuer key and refuses bad queries with 400s that name the field', async () => {
    const w = await world();
    const { auth } = await makeIssuer(w.db);
    const anonymous = await w.app.request('/api/v1/analytics');
    expect(anonymous.status).toBe(401);
    expect((await w.app.request('/api/v1/analytics', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    for (const [query, field] of [
      ['interval=hour', 'interval'],
      ['from=2026-02-30', 'from'],
      ['from=2026-03-05&to=2026-03-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ['format=xml', 'format'],
      [`badge=${'x'.repeat(65)}`, 'badge'],
    ]) {
      const res = await w.app.request(`/api/v1/analytics?${query}`, { headers: auth });
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    }
  });

  it('limits each issuer with 429 and Retry-After, not its neighbours', async () => {
    const w = await world({ rateLimits: { ...RATE_LIMITS, analytics: { name: 'analytics', limit: 2, windowMs: 60_000 } } });
    const busy = await makeIssuer(w.db, 'Busy');
    const calm = await makeIssuer(w.db, 'Calm');
    for (let i = 0; i < 2; i++) expect((await w.app.request('/api/v1/analytics', { headers: busy.auth })).status).toBe(200);
    const refused = await w.app.request('/api/v1/analytics', { headers: busy.auth });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await w.app.request('/api/v1/analytics', { headers: calm.auth })).status).toBe(200);
  });

  it('adds up verifications in memory: many verify requests make one counter row per badge and day', async () => {
    const w = await world();
    const issuer = await issuerWithBadge(w);
    const badge = await issueBadge(w, issuer, 'bob@example.com', 'Bob Roe');
    // Verify finds only public badges: Bob's badge is made accepted (and public) straight in the database.
    await w.db.updateTable('assertions').set({ claim_state: 'accepted', is_public: 1 }).where('id', '=', badge).execute();
    const requests = Array.from({ length: 30 }, () =>
      w.app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/${badge}`, `${PUBLIC_URL}/assertions/${badge}?trk=x`] })),
    );
    for (const res of await Promise.all(requests)) expect(res.status).toBe(200);
    const report = await analytics(w, issuer.auth, 'from=2026-03-01&to=2026-03-01');
    expect(report.totals.verifications).toBe(60);
    expect(await w.db.selectFrom('assertion_daily_verifications').selectAll().execute()).toEqual([{ assertion_id: badge, day: '2026-03-01', count: 60 }]);
  });
});
