import { afterEach, describe, expect, it } from 'vitest';
import { linkedInAddToProfileUrl } from '../../shared/links';
import { getAssertionRecord } from '../src/db/assertions';
import {
  Browser,
  earnerWorld,
  issueBadge,
  issuerWithBadge,
  latestMail,
  linkIn,
  PUBLIC_URL,
  registerThroughClaim,
  startSmtpServer,
} from './earners-helpers';
import { jsonRequest } from './helpers';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function smtp() {
  const server = await startSmtpServer();
  closers.push(server.close);
  return server;
}

describe('the earner story over HTTP with a real SMTP server', () => {
  it('issue -> email -> claim link -> register -> activation email -> activate -> accept -> portfolio', async () => {
    const mailbox = await smtp();
    const world = await earnerWorld({ smtpPort: mailbox.port });
    closers.push(async () => world.transport.close());
    const issuer = await issuerWithBadge(world, 'Safe Welding Practice', 'Guild of Test Welders');
    const assertionId = await issueBadge(world, issuer, 'jane@example.com', 'Jane Doe');

    // Issuing only queues: nothing arrives until the worker runs.
    expect(mailbox.received).toHaveLength(0);
    expect(await world.deliver()).toEqual({ sent: 1, failed: 0 });
    expect(mailbox.received).toHaveLength(1);
    const issuance = mailbox.received[0];
    expect(issuance.to).toEqual(['jane@example.com']);
    expect(issuance.subject).toBe('Guild of Test Welders has issued you a digital badge for Safe Welding Practice');
    const badgeUrl = `${PUBLIC_URL}/assertions/${assertionId}`;
    const record = (await getAssertionRecord(world.db, assertionId))!;
    const expectedLinkedIn = linkedInAddToProfileUrl({
      assertionId,
      badgeUrl,
      imageUrl: `${badgeUrl}/image.png`,
      badgeName: 'Safe Welding Practice',
      issuerName: 'Guild of Test Welders',
      issuedOn: record.assertion.issuedOn,
      expires: record.assertion.expires,
    });
    for (const part of [issuance.text, issuance.html]) {
      expect(part).toContain(badgeUrl);
      expect(part).toContain(`${PUBLIC_URL}/claim/`);
    }
    expect(issuance.text).toContain(expectedLinkedIn);
    expect(issuance.html).toContain(expectedLinkedIn.replaceAll('&', '&amp;'));
    expect(issuance.html).toContain(`src="${badgeUrl}/image.png"`);
    expect(issuance.html).toContain('Add to LinkedIn profile');

    const claimUrl = linkIn(issuance.text, `${PUBLIC_URL}/claim/`);
    const claimPage = await new Browser(world.app).get(claimUrl);
    expect(claimPage.status).toBe(200);
    const claimHtml = await claimPage.text();
    expect(claimHtml).toContain('Safe Welding Practice');
    expect(claimHtml).toContain('name="firstName"');
    expect(claimHtml).toContain('value="jane@example.com"');

    const jane = await registerThroughClaim(world, mailbox, claimUrl, { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' });
    expect(jane.cookies.has('bl_session')).toBe(true);

    const pending = await jane.get('/portfolio');
    expect(pending.status).toBe(200);
    const pendingHtml = await pending.text();
    expect(pendingHtml).toContain('Safe Welding Practice');
    expect(pendingHtml).toContain('Pending');
    expect(pendingHtml).toContain(`/portfolio/badges/${assertionId}/accept`);

    const accepted = await jane.post(`/portfolio/badges/${assertionId}/accept`, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/portfolio?notice=accepted');
    const portfolioHtml = await (await jane.get('/portfolio')).text();
    expect(portfolioHtml).toContain('Accepted');
    expect(portfolioHtml).not.toContain(`/portfolio/badges/${assertionId}/accept`);
    expect(portfolioHtml).toContain(`href="${badgeUrl}"`);
    // "Add to LinkedIn profile" goes through the counted redirect, which lands on the same LinkedIn form.
    const tracked = `${PUBLIC_URL}/s/${assertionId}/linkedin-profile`;
    expect(portfolioHtml).toContain(`href="${tracked}"`);
    const redirect = await world.app.request(tracked.slice(PUBLIC_URL.length));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(expectedLinkedIn);
    // Signed in, the login page sends her on to her badges.
    expect((await jane.get('/login')).headers.get('location')).toBe('/portfolio');

    // The extension's view: a Bearer token and /api/v1/me/badges.
    const tokenRes = await world.app.request('/api/v1/auth/token', jsonRequest('POST', { email: 'jane@example.com', password: 'correct horse battery' }));
    expect(tokenRes.status).toBe(201);
    const { token, expiresAt } = (await tokenRes.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(world.clock.now().getTime());
    const me = await world.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const { items } = (await me.json()) as { items: { id: string; claimState: string; status: string; isPublic: boolean; url: string }[] };
    expect(items).toEqual([expect.objectContaining({ id: assertionId, claimState: 'accepted', status: 'valid', isPublic: true, url: badgeUrl })]);

    // Exactly two emails: issuance and activation; nothing sent twice.
    await world.deliver();
    expect(mailbox.received.map((m) => m.subject)).toEqual([issuance.subject, 'Confirm your email address for BadgeLens']);
    expect((await latestMail(world, mailbox, 'jane@example.com', /Confirm/)).text).toContain('/activate/');
  });
});
