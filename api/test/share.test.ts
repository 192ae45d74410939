import { describe, expect, it } from 'vitest';
import { shareLinks, type ShareableBadge } from '../../shared/links';
import { revokeAssertion, setAssertionPublic } from '../src/db/assertions';
import { updateIssuer } from '../src/db/issuers';
import { countRows, PUBLIC_URL } from './helpers';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

async function setup() {
  const { db, app, clock, badgeEvents } = await sharingTestApp();
  const { issuer, auth } = await makeIssuer(db);
  await updateIssuer(db, issuer.id, { linkedInOrganizationId: '4242' });
  const record = await issueTestBadge(db, issuer.id, { validityMonths: 24 });
  return { db, app, clock, badgeEvents, auth, record, id: record.assertion.id };
}

async function shareCounts(app: Awaited<ReturnType<typeof sharingTestApp>>['app'], auth: Record<string, string>) {
  const res = await app.request('/api/v1/stats', { headers: auth });
  expect(res.status).toBe(200);
  const body = await res.json();
  return body.badgeClasses[0].shares as Record<string, number>;
}

describe('tracked share links /s/:assertionId/:channel', () => {
  it('redirects every channel to exactly what the shared builders produce', async () => {
    const { app, id } = await setup();
    // Built here from the known facts, not by the code under test.
    const badge: ShareableBadge = {
      assertionId: id,
      badgeUrl: `${PUBLIC_URL}/assertions/${id}`,
      imageUrl: `${PUBLIC_URL}/assertions/${id}/image`,
      badgeName: 'Underwater Welding Level 2',
      issuerName: 'Guild of Test Welders',
      issuerLinkedInOrgId: '4242',
      issuedOn: '2026-02-15T12:00:00.000Z',
      expires: '2028-02-15T12:00:00.000Z',
      recipientName: 'Ada Diver',
    };
    const expected = shareLinks(badge);
    const targets = {
      linkedin: expected.linkedin,
      'linkedin-profile': expected.linkedinProfile,
      x: expected.x,
      facebook: expected.facebook,
      email: expected.email,
    };
    for (const [channel, target] of Object.entries(targets)) {
      const res = await app.request(`/s/${id}/${channel}`);
      expect(res.status, channel).toBe(302);
      expect(res.headers.get('location'), channel).toBe(target);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(targets['linkedin-profile']).toContain('organizationId=4242');
    expect(targets['linkedin-profile']).toContain('expirationYear=2028');
  });

  it('counts each share per channel and client, visible in the issuer stats', async () => {
    const { app, auth, id } = await setup();
    expect(await shareCounts(app, auth)).toEqual({ linkedin: 0, 'linkedin-profile': 0, x: 0, facebook: 0, email: 0 });
    await app.request(`/s/${id}/linkedin`, { headers: { 'User-Agent': 'browser one' } });
    await app.request(`/s/${id}/linkedin`, { headers: { 'User-Agent': 'browser two' } });
    await app.request(`/s/${id}/linkedin`, { headers: { 'User-Agent': 'browser two' } });
    await app.request(`/s/${id}/x`, { headers: { 'User-Agent': 'browser one' } });
    expect(await shareCounts(app, auth)).toEqual({ linkedin: 2, 'linkedin-profile': 0, x: 1, facebook: 0, email: 0 });
  });

  it('keeps one counter row per assertion, channel and day however often a link is followed', async () => {
    const { db, app, clock, badgeEvents, id } = await setup();
    for (let i = 0; i < 40; i++) await app.request(`/s/${id}/facebook`, { headers: { 'User-Agent': `browser ${i % 8}` } });
    await badgeEvents.flush();
    const rowsOnDayOne = await db.selectFrom('assertion_daily_counts').select(['event', 'day', 'count']).execute();
    expect(rowsOnDayOne).toEqual([{ event: 'facebook', day: '2026-03-10', count: 8 }]);
    clock.now = new Date('2026-03-11T08:00:00.000Z');
    await app.request(`/s/${id}/facebook`);
    await badgeEvents.flush();
    expect(await countRows(db, 'assertion_daily_counts')).toBe(2);
  });

  it('does not count HEAD requests (link checkers)', async () => {
    const { app, auth, id } = await setup();
    const res = await app.request(`/s/${id}/email`, { method: 'HEAD' });
    expect(res.status).toBe(302);
    expect((await shareCounts(app, auth)).email).toBe(0);
  });

  it('answers an unknown channel with the uniform 400 error and counts nothing', async () => {
    const { db, app, id } = await setup();
    const res = await app.request(`/s/${id}/myspace`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues[0].path).toBe('channel');
    expect(await countRows(db, 'assertion_daily_counts')).toBe(0);
  });

  it('answers an unknown badge with a 404 page for people', async () => {
    const { app } = await setup();
    const res = await app.request('/s/no-such-badge/linkedin');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Badge not found');
  });

  it('answers a private badge like an unknown one', async () => {
    const { db, app, id } = await setup();
    await setAssertionPublic(db, id, false);
    const res = await app.request(`/s/${id}/linkedin`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Badge not found');
    expect(await countRows(db, 'assertion_daily_counts')).toBe(0);
  });

  it('answers a revoked badge with 410 and does not redirect', async () => {
    const { db, app, id } = await setup();
    await revokeAssertion(db, id, 'Issued by mistake');
    const res = await app.request(`/s/${id}/x`);
    expect(res.status).toBe(410);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('revoked');
  });
});
