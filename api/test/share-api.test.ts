import { describe, expect, it } from 'vitest';
import { shareLinks, type ShareableBadge } from '../../shared/links';
import { shareResponseSchema } from '../../shared/schemas/sharing';
import { emailSignatureHtml, emailSignatureText, markdownLine, resumeCardHtml } from '../../shared/snippets';
import { createAccount } from '../src/db/accounts';
import { revokeAssertion, setAssertionAccount, setAssertionPublic } from '../src/db/assertions';
import type { Db } from '../src/db/connection';
import { hashPassword } from '../src/earners/passwords';
import { jsonRequest, PUBLIC_URL } from './helpers';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

type TestApp = Awaited<ReturnType<typeof sharingTestApp>>['app'];
const PASSWORD = 'correct horse battery staple';

/** A verified earner account holding nothing yet, and its bearer token from the real sign-in route. */
async function earner(db: Db, app: TestApp, email: string) {
  const account = await createAccount(db, { firstName: 'Ada', lastName: 'Diver', email, passwordHash: await hashPassword(PASSWORD), verified: true });
  const res = await app.request('/api/v1/auth/token', jsonRequest('POST', { email, password: PASSWORD }));
  expect(res.status).toBe(201);
  const { token } = await res.json();
  return { account, auth: { Authorization: `Bearer ${token}` } };
}

async function setup(badge: { offersCertificate?: boolean } = {}) {
  const { db, app } = await sharingTestApp();
  const { issuer, auth: issuerAuth } = await makeIssuer(db);
  const record = await issueTestBadge(db, issuer.id, { offersCertificate: badge.offersCertificate ?? true, validityMonths: 12 });
  const owner = await earner(db, app, 'ada@example.test');
  await setAssertionAccount(db, record.assertion.id, owner.account.id);
  return { db, app, issuerAuth, owner, id: record.assertion.id };
}

const share = (app: TestApp, id: string, headers: Record<string, string> = {}) => app.request(`/api/v1/assertions/${id}/share`, { headers });

describe('GET /api/v1/assertions/:id/share', () => {
  it("gives the owner every tracked and direct link, the snippets and the downloads, built by the shared builders", async () => {
    const { app, owner, id } = await setup();
    const res = await share(app, id, owner.auth);
    expect(res.status).toBe(200);
    const body = shareResponseSchema.parse(await res.json());

    const badgeUrl = `${PUBLIC_URL}/assertions/${id}`;
    const badge: ShareableBadge = {
      assertionId: id,
      badgeUrl,
      imageUrl: `${badgeUrl}/image.png`,
      badgeName: 'Underwater Welding Level 2',
      issuerName: 'Guild of Test Welders',
      issuerLinkedInOrgId: null,
      issuedOn: '2026-02-15T12:00:00.000Z',
      expires: '2027-02-15T12:00:00.000Z',
      recipientName: 'Ada Diver',
    };
    expect(body).toEqual({
      badgeUrl,
      links: {
        linkedinProfile: `${PUBLIC_URL}/s/${id}/linkedin-profile`,
        linkedin: `${PUBLIC_URL}/s/${id}/linkedin`,
        x: `${PUBLIC_URL}/s/${id}/x`,
        facebook: `${PUBLIC_URL}/s/${id}/facebook`,
        email: `${PUBLIC_URL}/s/${id}/email`,
      },
      directLinks: shareLinks(badge),
      signature: {
        small: { html: emailSignatureHtml(badge, { size: 'small' }), text: emailSignatureText(badge) },
        large: { html: emailSignatureHtml(badge, { size: 'large' }), text: emailSignatureText(badge) },
      },
      resume: { html: resumeCardHtml(badge), markdown: markdownLine(badge) },
      downloads: {
        bakedPng: `${badgeUrl}/baked.png`,
        bakedSvg: `${badgeUrl}/baked.svg`,
        certificatePdf: `${badgeUrl}/certificate.pdf`,
        credential: `${PUBLIC_URL}/credentials/${id}.json`,
      },
      credentialUrl: `${PUBLIC_URL}/credentials/${id}`,
    });
  });

  it('hands out tracked links that count the share and lead to the direct link', async () => {
    const { app, owner, issuerAuth, id } = await setup();
    const body = await (await share(app, id, owner.auth)).json();
    const follow = await app.request(body.links.linkedinProfile.slice(PUBLIC_URL.length));
    expect(follow.status).toBe(302);
    expect(follow.headers.get('location')).toBe(body.directLinks.linkedinProfile);
    const stats = await (await app.request('/api/v1/stats', { headers: issuerAuth })).json();
    expect(stats.badgeClasses[0].shares['linkedin-profile']).toBe(1);
  });

  it('has no certificate download when the issuer does not offer one', async () => {
    const { app, owner, id } = await setup({ offersCertificate: false });
    expect((await (await share(app, id, owner.auth)).json()).downloads.certificatePdf).toBeNull();
  });

  it('answers 401 without a valid earner token, an issuer key included', async () => {
    const { app, issuerAuth, id } = await setup();
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer not-a-token' }, { Authorization: issuerAuth.Authorization }];
    for (const headers of attempts) {
      const res = await share(app, id, headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
  });

  it("answers someone else's badge exactly like an unknown one (404)", async () => {
    const { db, app, id } = await setup();
    const stranger = await earner(db, app, 'eve@example.test');
    const theirs = await share(app, id, stranger.auth);
    const unknown = await share(app, 'no-such-badge', stranger.auth);
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await theirs.json()).toEqual(await unknown.json());
  });

  it('answers 404 for a badge nobody has claimed yet', async () => {
    const { db, app, owner } = await setup();
    const { issuer } = await makeIssuer(db, 'Another Guild');
    const unclaimed = await issueTestBadge(db, issuer.id, {}, { email: 'ada@example.test' });
    expect((await share(app, unclaimed.assertion.id, owner.auth)).status).toBe(404);
  });

  it('answers 410 for a revoked badge and 409 for a private one', async () => {
    const { db, app, owner, id } = await setup();
    await setAssertionPublic(db, id, false);
    const hidden = await share(app, id, owner.auth);
    expect(hidden.status).toBe(409);
    expect((await hidden.json()).error.code).toBe('badge_private');
    await setAssertionPublic(db, id, true);
    await revokeAssertion(db, id, 'Issued by mistake');
    const revoked = await share(app, id, owner.auth);
    expect(revoked.status).toBe(410);
    expect((await revoked.json()).error.code).toBe('revoked');
  });
});
