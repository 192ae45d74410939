import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { recordBadgeEvent } from '../src/db/sharing';
import type { AppEnv } from '../src/http/env';
import { countBadgePageViews } from '../src/sharing/views';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

describe('GET /api/v1/stats', () => {
  it('requires an issuer key', async () => {
    const { app } = await sharingTestApp();
    const res = await app.request('/api/v1/stats');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it("reports views and shares per badge class by name, for the key's issuer only", async () => {
    const { db, app } = await sharingTestApp();
    const mine = await makeIssuer(db, 'Mine');
    const theirs = await makeIssuer(db, 'Theirs');
    const welding = await issueTestBadge(db, mine.issuer.id, { name: 'Welding' });
    const rigging = await issueTestBadge(db, mine.issuer.id, { name: 'Rigging' });
    const other = await issueTestBadge(db, theirs.issuer.id, { name: 'Not mine' });
    await app.request(`/s/${welding.assertion.id}/linkedin-profile`);
    await app.request(`/s/${other.assertion.id}/linkedin-profile`);
    await app.request(`/s/${other.assertion.id}/x`);
    const now = new Date('2026-03-10T09:00:00.000Z');
    await recordBadgeEvent(db, welding.assertion.id, 'view', now);
    await recordBadgeEvent(db, welding.assertion.id, 'view', now);
    await recordBadgeEvent(db, other.assertion.id, 'view', now);

    const res = await app.request('/api/v1/stats', { headers: mine.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      badgeClasses: [
        { id: rigging.badgeClass.id, name: 'Rigging', views: 0, shares: { linkedin: 0, 'linkedin-profile': 0, x: 0, facebook: 0, email: 0 } },
        { id: welding.badgeClass.id, name: 'Welding', views: 2, shares: { linkedin: 0, 'linkedin-profile': 1, x: 0, facebook: 0, email: 0 } },
      ],
    });
  });

  it('limits the counts to the inclusive ?from=&to= days', async () => {
    const { db, app, clock } = await sharingTestApp('2026-03-01T10:00:00.000Z');
    const { issuer, auth } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    for (const [index, day] of ['2026-03-01', '2026-03-02', '2026-03-02', '2026-03-03', '2026-03-05'].entries()) {
      clock.now = new Date(`${day}T23:59:59.000Z`);
      await app.request(`/s/${assertion.id}/email`, { headers: { 'User-Agent': `browser ${index}` } });
    }
    const emailShares = async (query: string) => {
      const res = await app.request(`/api/v1/stats${query}`, { headers: auth });
      expect(res.status).toBe(200);
      return (await res.json()).badgeClasses[0].shares.email;
    };
    expect(await emailShares('')).toBe(5);
    expect(await emailShares('?from=2026-03-02&to=2026-03-03')).toBe(3);
    expect(await emailShares('?from=2026-03-03')).toBe(2);
    expect(await emailShares('?to=2026-03-01')).toBe(1);
    expect(await emailShares('?from=2026-03-04&to=2026-03-04')).toBe(0);
  });

  it.each([
    ['?from=yesterday', 'from'],
    ['?to=2026-02-30', 'to'],
    ['?from=2026-3-1', 'from'],
    ['?from=2026-03-05&to=2026-03-01', 'from'],
  ])('refuses bad dates %s with a 400 naming the field', async (query, field) => {
    const { db, app } = await sharingTestApp();
    const { auth } = await makeIssuer(db);
    const res = await app.request(`/api/v1/stats${query}`, { headers: auth });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });
});

describe('countBadgePageViews', () => {
  // A stand-in for the public assertion routes (owned elsewhere): HTML, JSON-LD, 404 and 410 answers,
  // mounted under /standin on the real app so it runs with the app's own deps.
  async function pageApp() {
    const { db, app, badgeEvents } = await sharingTestApp();
    const standIn = new Hono<AppEnv>()
      .use('/assertions/:id', countBadgePageViews)
      .get('/assertions/:assertionId', (c) => {
        const id = c.req.param('assertionId');
        if (id === 'gone') return c.html('<h1>Revoked</h1>', 410);
        if (c.req.header('accept') === 'application/ld+json') return c.json({ id }, 200, { 'Content-Type': 'application/ld+json' });
        return c.html(`<h1>${id}</h1>`);
      })
      .get('/assertions/:assertionId/image', (c) => c.body('png', 200, { 'Content-Type': 'image/png' }));
    app.route('/standin', standIn);
    return { db, app, badgeEvents };
  }
  const views = async ({ db, badgeEvents }: Pick<Awaited<ReturnType<typeof sharingTestApp>>, 'db' | 'badgeEvents'>) => {
    await badgeEvents.flush();
    return db.selectFrom('assertion_daily_counts').select(['assertion_id as id', 'count']).where('event', '=', 'view').execute();
  };

  it('counts only HTML badge pages served with 200', async () => {
    const counted = await pageApp();
    const { db, app } = counted;
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const page = `/standin/assertions/${assertion.id}`;
    expect((await app.request(page, { headers: { Accept: 'text/html' } })).status).toBe(200);
    await app.request(page, { headers: { 'User-Agent': 'another browser' } });
    // The same client again the same day: not counted twice.
    await app.request(page, { headers: { Accept: 'text/html' } });
    await app.request(page, { headers: { Accept: 'application/ld+json' } });
    await app.request(`${page}/image`);
    await app.request(page, { method: 'HEAD' });
    await app.request('/standin/assertions/gone');
    expect(await views(counted)).toEqual([{ id: assertion.id, count: 2 }]);
  });

  it('does not fail the page for an id with no stored badge', async () => {
    const counted = await pageApp();
    const { db, app } = counted;
    const res = await app.request('/standin/assertions/unknown-id');
    expect(res.status).toBe(200);
    expect(await views(counted)).toEqual([]);
  });

  it('is mounted in the app in front of the public badge page', async () => {
    const counted = await sharingTestApp();
    const { db, app } = counted;
    const { issuer } = await makeIssuer(db);
    const { assertion } = await issueTestBadge(db, issuer.id);
    const page = await app.request(`/assertions/${assertion.id}`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const document = await app.request(`/assertions/${assertion.id}`, { headers: { Accept: 'application/ld+json' } });
    expect(document.status).toBe(200);
    expect(await views(counted)).toEqual([{ id: assertion.id, count: 1 }]);
  });
});
