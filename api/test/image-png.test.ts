import { describe, expect, it } from 'vitest';
import { getAssertionRecord, issueAssertion, revokeAssertion } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import { pngDimensions } from '../src/openbadges/png';
import { shareableBadge } from '../src/sharing/shareable';
import { makeIssuer, PUBLIC_URL, testApp } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('GET /assertions/:id/image.png', () => {
  it('serves a generated SVG badge as a PNG, for places that cannot show SVG', async () => {
    const { db, app } = await testApp();
    const { issuer } = await makeIssuer(db);
    const badge = await createBadgeClass(db, issuer.id, { name: 'SMAW Plate 3G', description: 'd', category: 'skill', criteria: 'c' });
    const assertion = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' });
    expect((await app.request(`/assertions/${assertion.id}/image`)).headers.get('content-type')).toMatch(/svg/);

    const res = await app.request(`/assertions/${assertion.id}/image.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngDimensions(png).width).toBeGreaterThanOrEqual(96);
  });

  it('is the image that signatures and résumé snippets embed', async () => {
    const { db } = await testApp();
    const { issuer } = await makeIssuer(db);
    const badge = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const assertion = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' });
    const shareable = shareableBadge((await getAssertionRecord(db, assertion.id))!, PUBLIC_URL);
    expect(shareable.imageUrl).toBe(`${PUBLIC_URL}/assertions/${assertion.id}/image.png`);
  });

  it('answers 410 for a revoked badge and 404 for an unknown one', async () => {
    const { db, app } = await testApp();
    const { issuer } = await makeIssuer(db);
    const badge = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
    const assertion = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' });
    await revokeAssertion(db, assertion.id, 'Issued in error');
    expect((await app.request(`/assertions/${assertion.id}/image.png`)).status).toBe(410);
    expect((await app.request('/assertions/AAAAAAAAAAAAAAAAAAAAAA/image.png')).status).toBe(404);
  });
});
