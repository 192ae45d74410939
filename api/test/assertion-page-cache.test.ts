// The public badge page is rendered once per version of what it shows (a digest of the page's input), and
// every change to the badge, its class, its issuer, its state or the clock's verdict shows at once.
import { describe, expect, it } from 'vitest';
import { correctRecipientName, getAssertionRecord } from '../src/db/assertions';
import { publicAssertionPages } from '../src/assertions/routes';
import { jsonRequest } from './helpers';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

const HTML = { Accept: 'text/html' };

async function setup() {
  const world = await sharingTestApp();
  const { issuer, auth } = await makeIssuer(world.db, 'Guild of Cached Welders');
  const record = await issueTestBadge(world.db, issuer.id, { name: 'Cached Welding', validityMonths: 12 });
  const path = `/assertions/${record.assertion.id}`;
  const page = async (headers: Record<string, string> = {}) => {
    const res = await world.app.request(path, { headers: { ...HTML, ...headers } });
    return { status: res.status, etag: res.headers.get('etag'), html: await res.text() };
  };
  return { ...world, auth, record, path, page };
}

describe('public badge page cache', () => {
  it('renders a page once and answers a revalidation with 304', async () => {
    const { page } = await setup();
    const first = await page();
    const rendersAfterFirst = publicAssertionPages.renders;
    const again = await page();
    expect(again.status).toBe(200);
    expect(again.html).toBe(first.html);
    expect(again.etag).toBe(first.etag);
    expect(publicAssertionPages.renders).toBe(rendersAfterFirst);
    expect((await page({ 'If-None-Match': first.etag! })).status).toBe(304);
    expect((await page({ 'If-None-Match': '"p-something-else"' })).status).toBe(200);
  });

  it('shows every edit, rename and revocation at once', async () => {
    const { app, db, auth, record, page } = await setup();
    const before = await page();
    expect(before.html).toContain('Cached Welding');

    // The issuer edits the badge class.
    expect((await app.request(`/api/v1/badges/${record.badgeClass.id}`, jsonRequest('PATCH', { name: 'Cached Welding, Renamed' }, auth))).status).toBe(200);
    const renamed = await page();
    expect(renamed.html).toContain('Cached Welding, Renamed');
    expect(renamed.etag).not.toBe(before.etag);

    // The issuer renames itself.
    expect((await app.request('/api/v1/issuer', jsonRequest('PATCH', { name: 'Guild of Renamed Welders' }, auth))).status).toBe(200);
    expect((await page()).html).toContain('Guild of Renamed Welders');

    // The recipient's name is corrected.
    await correctRecipientName(db, record.assertion.id, 'Ada Corrected');
    expect((await page()).html).toContain('Ada Corrected');

    // The old page's ETag no longer answers 304.
    expect((await page({ 'If-None-Match': before.etag! })).status).toBe(200);

    // The issuer revokes it.
    expect((await app.request(`/api/v1/assertions/${record.assertion.id}/revoke`, jsonRequest('POST', { reason: 'Issued by mistake' }, auth))).status).toBe(200);
    const revoked = await page();
    expect(revoked.status).toBe(410);
    expect(revoked.html).toContain('Issued by mistake');
    expect(revoked.html).not.toContain('Verified — valid');
  });

  it('shows the badge as expired once the clock passes its expiry, with nothing written', async () => {
    const { clock, db, record, page } = await setup();
    expect((await page()).html).toContain('Verified — valid');
    const { assertion } = (await getAssertionRecord(db, record.assertion.id))!;
    clock.now = new Date(Date.parse(assertion.expires!) + 1000);
    const expired = await page();
    expect(expired.html).not.toContain('Verified — valid');
    expect(expired.html).toContain('Expired on');
  });
});
