import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { runBulkJobToEnd } from '../src/bulk/worker';
import { listAudit } from '../src/console/data';
import { inviteStaff } from '../src/console/service';
import { consoleRoutes } from '../src/console/routes';
import { bodyLimitFor, FORM_BODY_LIMIT } from '../src/http/bodyLimit';
import { Browser, DEFAULT_PASSWORD, issueBadge, issuerWithBadge, latestMail, linkIn, logIn, PUBLIC_URL, verifiedAccount, worldsClosedAfterEach, type EarnerWorld } from './earners-helpers';
import { countRows, jsonRequest } from './helpers';

const newWorld = worldsClosedAfterEach();

const SQUARE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#1f6feb"/></svg>';
const HOSTILE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script><circle cx="32" cy="32" r="30" fill="#1f6feb"/></svg>';
const SQUARE_PNG = new Uint8Array(new Resvg(SQUARE_SVG).render().asPng());

/** Multipart form post from a signed-in browser (file uploads), with its cookies and Origin. */
async function postMultipart(world: EarnerWorld, browser: Browser, url: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; content: string | Uint8Array<ArrayBuffer> }> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, new Blob([file.content], { type: file.type }), file.name);
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return world.app.request(url, { method: 'POST', body: form, headers: { Cookie: cookie, Origin: PUBLIC_URL, Accept: 'text/html' } });
}

/** An issuer with a badge class, and a signed-in owner who joined through the operator's invitation email. */
async function consoleWorld() {
  const world = await newWorld();
  const issuer = await issuerWithBadge(world, 'Safe Welding Practice', 'Guild of Console Welders');
  await inviteStaff({ ...world, publicUrl: PUBLIC_URL, now: world.clock.now }, { issuerId: issuer.issuer.id, accountId: null, email: 'operator' }, { email: 'owner@guild.test', role: 'owner' });
  await world.deliver();
  const mail = await latestMail(world, null, 'owner@guild.test', /invited to issue badges for Guild of Console Welders/);
  const acceptUrl = linkIn(mail.text, `${PUBLIC_URL}/console/invitations/`);
  await verifiedAccount(world, 'owner@guild.test', DEFAULT_PASSWORD, { firstName: 'Olive', lastName: 'Owner' });
  const { browser: owner } = await logIn(world, 'owner@guild.test');
  expect((await owner.get(acceptUrl)).status).toBe(200);
  const accepted = await owner.post(acceptUrl, {});
  expect(accepted.status).toBe(303);
  expect(accepted.headers.get('location')).toBe(`/console/${issuer.issuer.id}`);
  return { world, issuer, owner, consoleUrl: `/console/${issuer.issuer.id}` };
}

/** Invites `email` with `role` from the owner's staff page and signs that person in, staff now. */
async function staffMember(setup: Awaited<ReturnType<typeof consoleWorld>>, email: string, role: 'issuer' | 'viewer') {
  const { world, owner, consoleUrl } = setup;
  await owner.get(`${consoleUrl}/staff`);
  expect((await owner.post(`${consoleUrl}/staff/invite`, { email, role })).status).toBe(303);
  await world.deliver();
  const acceptUrl = linkIn((await latestMail(world, null, email, /invited/)).text, `${PUBLIC_URL}/console/invitations/`);
  await verifiedAccount(world, email);
  const { browser } = await logIn(world, email);
  await browser.get(acceptUrl);
  expect((await browser.post(acceptUrl, {})).status).toBe(303);
  return browser;
}

describe('issuer console', () => {
  it('lets the invited owner in, shows the Console link, and the invitation link works once', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    const portfolio = await owner.get('/portfolio');
    expect(await portfolio.text()).toContain('href="https://badges.test/console"');
    const home = await owner.get(consoleUrl);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Safe Welding Practice');
    expect(html).toContain(`href="${consoleUrl.replace(PUBLIC_URL, '')}/analytics"`);
    expect(home.headers.get('content-security-policy')).toContain('connect-src');
    // A stranger signed in elsewhere cannot reuse the used link.
    await verifiedAccount(world, 'late@guild.test');
    const { browser: late } = await logIn(world, 'late@guild.test');
    const mail = await latestMail(world, null, 'owner@guild.test', /invited/);
    expect((await late.get(linkIn(mail.text, `${PUBLIC_URL}/console/invitations/`))).status).toBe(410);
    expect((await late.get(`/console/${issuer.issuer.id}`)).status).toBe(404);
  });

  it('issues one badge, records it in the audit log, and refuses a post without the form token or with an oversize body', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    await owner.get(`${consoleUrl}/issue`);
    const before = await countRows(world.db, 'assertions');
    const forged = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'x@ex.test', name: 'X' }, { csrf: null });
    expect(forged.status).toBe(403);
    const foreignOrigin = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'x@ex.test', name: 'X' }, { origin: 'https://evil.test' });
    expect(foreignOrigin.status).toBe(403);
    const huge = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'x@ex.test', name: 'X', narrative: 'n'.repeat(FORM_BODY_LIMIT) });
    expect(huge.status).toBe(413);
    expect(await countRows(world.db, 'assertions')).toBe(before);

    const bad = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'not-an-email', name: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('must be an email address');
    const issued = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'ada@ex.test', name: 'Ada Lovelace', expires: '2031-01-01' });
    expect(issued.status).toBe(303);
    expect(await countRows(world.db, 'assertions')).toBe(before + 1);
    const audit = await listAudit(world.db, issuer.issuer.id);
    expect(audit.map((entry) => entry.action)).toEqual(['badge.issue', 'staff.join', 'staff.invite']);
    expect(audit[0]).toMatchObject({ actorEmail: 'owner@guild.test', detail: 'Safe Welding Practice' });
    const page = await (await owner.get(`${consoleUrl}/audit`)).text();
    expect(page).toContain('badge.issue');
  });

  it('keeps viewers to reading, issuers away from staff and keys, and other issuers’ staff out (404)', async () => {
    const setup = await consoleWorld();
    const { world, consoleUrl, issuer } = setup;
    const assertionId = await issueBadge(world, issuer, 'bob@ex.test', 'Bob Builder');
    const viewer = await staffMember(setup, 'viewer@guild.test', 'viewer');
    const issuerStaff = await staffMember(setup, 'issuer@guild.test', 'issuer');

    expect((await viewer.get(`${consoleUrl}/issued`)).status).toBe(200);
    expect((await viewer.get(`${consoleUrl}/issued/${assertionId}`)).status).toBe(200);
    await viewer.get(consoleUrl);
    expect((await viewer.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'v@ex.test', name: 'V' })).status).toBe(403);
    expect((await viewer.post(`${consoleUrl}/issued/${assertionId}/revoke`, { reason: 'no' })).status).toBe(403);
    expect((await viewer.get(`${consoleUrl}/issue`)).status).toBe(403);
    // Viewers read the analytics: the panel in the console, its charts' files allowed by the console's policy.
    const analytics = await viewer.get(`${consoleUrl}/analytics`);
    expect(analytics.status).toBe(200);
    const policy = analytics.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src [^;]*\/assets\//);
    const analyticsHtml = await analytics.text();
    expect(analyticsHtml).toContain('aria-current="page">Analytics');
    expect(analyticsHtml).toContain('type="application/json"');
    expect((await viewer.get(`${consoleUrl}/analytics?format=csv`)).headers.get('content-type')).toContain('text/csv');

    expect((await issuerStaff.get(`${consoleUrl}/staff`)).status).toBe(403);
    expect((await issuerStaff.get(`${consoleUrl}/keys`)).status).toBe(403);
    expect((await issuerStaff.get(`${consoleUrl}/audit`)).status).toBe(403);
    await issuerStaff.get(`${consoleUrl}/issued/${assertionId}`);
    expect((await issuerStaff.post(`${consoleUrl}/staff/invite`, { email: 'x@guild.test', role: 'owner' })).status).toBe(403);
    expect((await issuerStaff.post(`${consoleUrl}/issued/${assertionId}/revoke`, { reason: 'Issued by mistake' })).status).toBe(303);
    const detail = await (await issuerStaff.get(`${consoleUrl}/issued/${assertionId}`)).text();
    expect(detail).toContain('revoked (Issued by mistake)');

    // The owner of another issuer sees nothing of this one: the same 404 as for an unknown issuer.
    const other = await issuerWithBadge(world, 'Other Badge', 'Other Guild');
    const { inviteStaff: invite } = await import('../src/console/service');
    await invite({ ...world, publicUrl: PUBLIC_URL, now: world.clock.now }, { issuerId: other.issuer.id, accountId: null, email: 'operator' }, { email: 'rival@other.test', role: 'owner' });
    await world.deliver();
    const rivalLink = linkIn((await latestMail(world, null, 'rival@other.test', /invited/)).text, `${PUBLIC_URL}/console/invitations/`);
    await verifiedAccount(world, 'rival@other.test');
    const { browser: rival } = await logIn(world, 'rival@other.test');
    await rival.get(rivalLink);
    await rival.post(rivalLink, {});
    for (const path of [consoleUrl, `${consoleUrl}/analytics`, `${consoleUrl}/issued`, `${consoleUrl}/issued/${assertionId}`, `${consoleUrl}/staff`, `${consoleUrl}/issued.csv`, '/console/no-such-issuer']) {
      expect((await rival.get(path)).status, path).toBe(404);
    }
    await rival.get(`/console/${other.issuer.id}`);
    expect((await rival.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'r@ex.test', name: 'R' })).status).toBe(404);
    // Nor through its own console: another issuer's assertion and badge class are unknown there.
    expect((await rival.get(`/console/${other.issuer.id}/issued/${assertionId}`)).status).toBe(404);
    expect((await rival.post(`/console/${other.issuer.id}/issue`, { badge: issuer.badgeClassId, email: 'r@ex.test', name: 'R' })).status).toBe(400);
  });

  it('keeps one owner: the last owner cannot step down or be removed', async () => {
    const setup = await consoleWorld();
    const { owner, consoleUrl, world } = setup;
    const page = await (await owner.get(`${consoleUrl}/staff`)).text();
    const accountId = /name="account" value="([^"]+)"/.exec(page)![1];
    const demoted = await owner.post(`${consoleUrl}/staff/role`, { account: accountId, role: 'viewer' });
    expect(demoted.status).toBe(409);
    expect((await owner.post(`${consoleUrl}/staff/remove`, { account: accountId })).status).toBe(409);
    expect(await countRows(world.db, 'issuer_staff')).toBe(1);
  });

  it('checks every row of a CSV upload before issuing, then runs the job and reports per row', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    await issueBadge(world, issuer, 'holder@ex.test', 'Already Holder');
    await owner.get(`${consoleUrl}/issue`);
    const csrf = owner.csrf();
    const lines = ['email,name', 'a@ex.test,Ann', 'not-an-email,Bad Email', 'b@ex.test,', 'a@ex.test,Ann Again', 'holder@ex.test,Already Holder', 'c@ex.test,Cy'];
    const preview = await postMultipart(world, owner, `${consoleUrl}/bulk/preview`, { csrf, badge: issuer.badgeClassId }, { file: { name: 'people.csv', type: 'text/csv', content: lines.join('\n') } });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toMatch(/data-figure="errors">3</);
    expect(html).toMatch(/data-figure="holders">1</);
    expect(html).toMatch(/data-figure="to-issue">2</);
    expect(html).toContain('duplicate row: a@ex.test is already on row 1');
    expect(html).toContain('name is missing');
    const before = await countRows(world.db, 'assertions');
    expect(await countRows(world.db, 'bulk_jobs')).toBe(0);

    const unknown = await postMultipart(world, owner, `${consoleUrl}/bulk/preview`, { csrf, badge: 'no-such-badge' }, { file: { name: 'p.csv', type: 'text/csv', content: lines.join('\n') } });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Unknown badge');

    const csv = /name="csv" value="([^"]*)"/.exec(html)![1].replace(/&#10;|&#x0A;/g, '\n');
    const confirmed = await owner.post(`${consoleUrl}/bulk/confirm`, { badge: issuer.badgeClassId, csv: lines.join('\n') });
    expect(csv.length).toBeGreaterThan(0);
    expect(confirmed.status).toBe(303);
    const jobUrl = confirmed.headers.get('location')!;
    const jobId = jobUrl.split('/').pop()!;
    const running = await (await owner.get(jobUrl)).text();
    expect(running).toContain('http-equiv="refresh"');
    await runBulkJobToEnd({ db: world.db, now: world.clock.now, publicUrl: PUBLIC_URL }, jobId, { pollMs: 10 });
    const status = await (await owner.get(`${jobUrl}/status.json`)).json();
    expect(status).toMatchObject({ state: 'done', total: 6, processed: 6, issued: 2, skipped: 1, errors: 3 });
    const done = await (await owner.get(jobUrl)).text();
    expect(done).toContain('100 %');
    const report = await owner.get(`${jobUrl}/report.csv`);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const reportLines = (await report.text()).trim().split('\r\n');
    expect(reportLines).toHaveLength(7);
    expect(reportLines[4]).toMatch(/^4,a@ex\.test,error,,duplicate row/);
    expect(await countRows(world.db, 'assertions')).toBe(before + 2);
  });

  it('archives a badge class: the console and the API stop issuing it, issued badges stay', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    const assertionId = await issueBadge(world, issuer, 'kept@ex.test', 'Kept');
    await owner.get(consoleUrl);
    expect((await owner.post(`${consoleUrl}/badges/${issuer.badgeClassId}/archive`, {})).status).toBe(303);
    const api = await world.app.request(`/api/v1/badges/${issuer.badgeClassId}/assertions`, jsonRequest('POST', { email: 'n@ex.test', name: 'N' }, issuer.auth));
    expect(api.status).toBe(409);
    const bulk = await world.app.request(`/api/v1/badges/${issuer.badgeClassId}/assertions/bulk`, { method: 'POST', body: 'email,name\nn@ex.test,N\n', headers: { ...issuer.auth, 'Content-Type': 'text/csv' } });
    expect(bulk.status).toBe(409);
    expect((await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'n@ex.test', name: 'N' })).status).toBe(400);
    expect((await world.app.request(`/assertions/${assertionId}`, { headers: { Accept: 'application/json' } })).status).toBe(200);
  });

  it('creates a badge class from the form with an uploaded PNG, refusing a fake one', async () => {
    const { world, owner, consoleUrl } = await consoleWorld();
    await owner.get(`${consoleUrl}/badges/new`);
    const csrf = owner.csrf();
    const fields = { csrf, name: 'Console Badge', description: 'Made in the console.', category: 'skill', criteria: 'Do it.', skills: 'welding, safety', validityMonths: '24', offersCertificate: 'on' };
    const fake = await postMultipart(world, owner, `${consoleUrl}/badges/new`, fields, { image: { name: 'x.png', type: 'image/png', content: 'not a png at all' } });
    expect(fake.status).toBe(400);
    expect(await fake.text()).toMatch(/not a PNG/);
    const created = await postMultipart(world, owner, `${consoleUrl}/badges/new`, fields, { image: { name: 'b.png', type: 'image/png', content: SQUARE_PNG } });
    expect(created.status).toBe(303);
    const row = await world.db.selectFrom('badge_classes').selectAll().where('name', '=', 'Console Badge').executeTakeFirstOrThrow();
    expect(JSON.parse(row.skills)).toEqual(['welding', 'safety']);
    expect(row.validity_months).toBe(24);
    expect(row.offers_certificate).toBe(1);
    expect(row.image).toMatch(/^data:image\/png;base64,/);
    // SVG goes through the same checks as the API's: a script is refused, a plain drawing is taken.
    const hostile = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, name: 'SVG Badge' }, { image: { name: 's.svg', type: 'image/svg+xml', content: HOSTILE_SVG } });
    expect(hostile.status).toBe(400);
    expect(await hostile.text()).toContain('this one has a &lt;script&gt; element');
    const svg = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, name: 'SVG Badge' }, { image: { name: 's.svg', type: 'image/svg+xml', content: SQUARE_SVG } });
    expect(svg.status).toBe(303);
    const svgRow = await world.db.selectFrom('badge_classes').select(['id', 'image']).where('name', '=', 'SVG Badge').executeTakeFirstOrThrow();
    expect(svgRow.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await world.app.request(`/badges/${svgRow.id}/image`)).status).toBe(200);
  });

  it('takes alignments to published frameworks, one per line, shows a bad line next to the field, and shows them back to edit', async () => {
    const { world, owner, consoleUrl } = await consoleWorld();
    await owner.get(`${consoleUrl}/badges/new`);
    const fields = { csrf: owner.csrf(), name: 'Aligned Badge', description: 'Aligned.', category: 'skill', criteria: 'Do it.', skills: 'welding' };
    const badLine = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, alignment: 'Welding | https://esco.test/skill/1\nCutting | not a url' });
    expect(badLine.status).toBe(400);
    const html = await badLine.text();
    expect(html).toMatch(/Line 2, URL: /);
    expect(html).toContain('Cutting | not a url');
    expect(await world.db.selectFrom('badge_classes').select('id').where('name', '=', 'Aligned Badge').executeTakeFirst()).toBeUndefined();

    const alignment = 'Welding | https://esco.test/skill/1 | ESCO | S1.2\n\nThermal cutting | https://esco.test/skill/2\nGouging | https://esco.test/skill/3 | | | Air-arc | plasma gouging';
    const created = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, alignment });
    expect(created.status).toBe(303);
    const row = await world.db.selectFrom('badge_classes').select(['id', 'alignment']).where('name', '=', 'Aligned Badge').executeTakeFirstOrThrow();
    expect(JSON.parse(row.alignment)).toEqual([
      { targetName: 'Welding', targetUrl: 'https://esco.test/skill/1', targetFramework: 'ESCO', targetCode: 'S1.2' },
      { targetName: 'Thermal cutting', targetUrl: 'https://esco.test/skill/2' },
      { targetName: 'Gouging', targetUrl: 'https://esco.test/skill/3', targetDescription: 'Air-arc | plasma gouging' },
    ]);
    const badgeClass = await (await world.app.request(`/badges/${row.id}`, { headers: { Accept: 'application/ld+json' } })).json();
    expect(badgeClass.alignment.map((entry: { targetUrl: string }) => entry.targetUrl)).toEqual(['https://esco.test/skill/1', 'https://esco.test/skill/2', 'https://esco.test/skill/3']);
    const edit = await (await owner.get(`${consoleUrl}/badges/${row.id}/edit`)).text();
    // Shown back whole, the description too, so saving the form again loses nothing.
    expect(edit).toContain('Welding | https://esco.test/skill/1 | ESCO | S1.2\nThermal cutting | https://esco.test/skill/2\nGouging | https://esco.test/skill/3 |  |  | Air-arc | plasma gouging');
  });

  it('previews the LinkedIn card from the form’s values with the real card renderer, for issuing staff only', async () => {
    const setup = await consoleWorld();
    const { owner, consoleUrl } = setup;
    const form = await (await owner.get(`${consoleUrl}/badges/new`)).text();
    const src = /id="card-preview-image" src="([^"]+)"/.exec(form)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toBe(`${consoleUrl}/badges/card-preview.png?name=&category=skill`);

    const url = `${consoleUrl}/badges/card-preview.png?name=${encodeURIComponent('Pipe Welding 6G')}&category=certification`;
    const card = await owner.get(url);
    expect(card.status).toBe(200);
    expect(card.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await card.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 627]);
    // Drawn once: the same values answer the same bytes (and a 304 to a browser that has them).
    const again = await owner.get(url);
    expect(again.headers.get('etag')).toBe(card.headers.get('etag'));
    const other = await owner.get(`${consoleUrl}/badges/card-preview.png?name=Other&category=certification`);
    expect(other.headers.get('etag')).not.toBe(card.headers.get('etag'));

    expect((await owner.get(`${consoleUrl}/badges/card-preview.png?category=wizardry`)).status).toBe(400);
    expect((await owner.get(`${consoleUrl}/badges/card-preview.png?name=${'x'.repeat(201)}`)).status).toBe(400);
    const viewer = await staffMember(setup, 'viewer@guild.test', 'viewer');
    expect((await viewer.get(url)).status).toBe(403);
    await verifiedAccount(setup.world, 'stranger@guild.test');
    const { browser: stranger } = await logIn(setup.world, 'stranger@guild.test');
    expect((await stranger.get(url)).status).toBe(404);
  });

  it('cuts an uploaded PNG that is not square to its centre square, as the preview shows; square PNGs and SVGs are kept as sent', async () => {
    const { world, owner, consoleUrl } = await consoleWorld();
    await owner.get(`${consoleUrl}/badges/new`);
    const fields = { csrf: owner.csrf(), description: 'Wide.', category: 'skill', criteria: 'Do it.' };
    const wide = new Uint8Array(new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" fill="#d00"/><rect x="100" width="100" height="100" fill="#00d"/></svg>').render().asPng());
    const created = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, name: 'Wide Badge' }, { image: { name: 'wide.png', type: 'image/png', content: wide } });
    expect(created.status).toBe(303);
    const stored = async (name: string) => {
      const row = await world.db.selectFrom('badge_classes').select('image').where('name', '=', name).executeTakeFirstOrThrow();
      return Buffer.from(row.image!.replace(/^data:image\/png;base64,/, ''), 'base64');
    };
    const square = await stored('Wide Badge');
    expect([square.readUInt32BE(16), square.readUInt32BE(20)]).toEqual([100, 100]);
    // The centre square is the blue one: drawn again, the stored image matches a plain blue square.
    const blue = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image width="100" height="100" href="data:image/png;base64,${square.toString('base64')}"/></svg>`).render().pixels;
    expect([blue[0], blue[1], blue[2]]).toEqual([0, 0, 0xdd]);
    expect([blue[blue.length - 4], blue[blue.length - 3], blue[blue.length - 2]]).toEqual([0, 0, 0xdd]);

    const kept = await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, name: 'Square Badge' }, { image: { name: 'b.png', type: 'image/png', content: SQUARE_PNG } });
    expect(kept.status).toBe(303);
    expect((await stored('Square Badge')).equals(Buffer.from(SQUARE_PNG))).toBe(true);
  });

  it('creates an API key shown once, notes its use, and revokes it', async () => {
    const { world, owner, consoleUrl } = await consoleWorld();
    await owner.get(`${consoleUrl}/keys`);
    const created = await owner.post(`${consoleUrl}/keys`, { label: 'LMS export' });
    expect(created.status).toBe(201);
    const apiKey = /id="new-key">([^<]+)</.exec(await created.text())![1].trim();
    expect((await world.app.request('/api/v1/issuer', { headers: { Authorization: `Bearer ${apiKey}` } })).status).toBe(200);
    const listed = await (await owner.get(`${consoleUrl}/keys`)).text();
    expect(listed).not.toContain(apiKey);
    expect(listed).toContain('LMS export');
    const keyId = /\/keys\/([^/]+)\/revoke/.exec(listed.slice(listed.indexOf('LMS export')))![1];
    expect((await owner.post(`${consoleUrl}/keys/${keyId}/revoke`, {})).status).toBe(303);
    expect((await world.app.request('/api/v1/issuer', { headers: { Authorization: `Bearer ${apiKey}` } })).status).toBe(401);
    const actions = (await listAudit(world.db, (await world.db.selectFrom('issuers').select('id').executeTakeFirstOrThrow()).id)).map((entry) => entry.action);
    expect(actions.slice(0, 2)).toEqual(['api_key.revoke', 'api_key.create']);
  });

  it('declares an attribute on a badge class and takes its value when issuing, one at a time or in a CSV', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    await owner.get(`${consoleUrl}/badges/new`);
    const fields = { csrf: owner.csrf(), name: 'Levelled Badge', description: 'D', category: 'skill', criteria: 'C', attributeKind: 'level', attributeLabel: '' };
    const unnamed = await postMultipart(world, owner, `${consoleUrl}/badges/new`, fields);
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toMatch(/id="field-attributeLabel-error">must not be empty/);
    expect((await postMultipart(world, owner, `${consoleUrl}/badges/new`, { ...fields, attributeLabel: 'Welding level' })).status).toBe(303);
    const badge = await world.db.selectFrom('badge_classes').select(['id', 'attribute_kind', 'attribute_label']).where('name', '=', 'Levelled Badge').executeTakeFirstOrThrow();
    expect(badge).toMatchObject({ attribute_kind: 'level', attribute_label: 'Welding level' });
    expect(await (await owner.get(`${consoleUrl}/badges/${badge.id}/edit`)).text()).toContain('<option value="level" selected="">Level</option>');

    await owner.get(`${consoleUrl}/issue`);
    const tooLong = await owner.post(`${consoleUrl}/issue`, { badge: badge.id, email: 'gold@ex.test', name: 'Gold Person', attribute: 'G'.repeat(61) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toMatch(/id="field-attribute-error">must be at most 60 characters/);
    expect((await owner.post(`${consoleUrl}/issue`, { badge: badge.id, email: 'gold@ex.test', name: 'Gold Person', attribute: ' Gold ' })).status).toBe(303);
    const notTaken = await owner.post(`${consoleUrl}/issue`, { badge: issuer.badgeClassId, email: 'x@ex.test', name: 'X', attribute: 'Gold' });
    expect(notTaken.status).toBe(400);
    expect(await notTaken.text()).toContain('this badge class declares no attribute');
    const assertion = await world.db.selectFrom('assertions').select('attribute_value').where('recipient_email', '=', 'gold@ex.test').executeTakeFirstOrThrow();
    expect(JSON.parse(assertion.attribute_value!)).toBe('Gold');

    const preview = await postMultipart(world, owner, `${consoleUrl}/bulk/preview`, { csrf: owner.csrf(), badge: badge.id }, { file: { name: 'p.csv', type: 'text/csv', content: 'email,name,attribute\nsilver@ex.test,Silver,Silver\n' } });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toMatch(/data-figure="errors">0</);
  });

  it('guards every console form: without its form token it changes nothing (403), and every one has a body limit (413)', async () => {
    const { world, owner, consoleUrl, issuer } = await consoleWorld();
    const assertionId = await issueBadge(world, issuer, 'kept@ex.test', 'Kept');
    await owner.get(`${consoleUrl}/keys`);
    const keyId = /\/keys\/([^/]+)\/revoke/.exec(await (await owner.post(`${consoleUrl}/keys`, { label: 'k' })).text())![1];
    const params: Record<string, string> = { issuerId: issuer.issuer.id, badgeId: issuer.badgeClassId, assertionId, keyId, token: 'any-invitation-token' };
    // Every POST route of the console, each alternative of a {a|b} parameter on its own.
    const patterns = [...new Set(consoleRoutes.routes.filter((route) => route.method === 'POST').map((route) => route.path))];
    const paths = patterns.flatMap((pattern) => {
      let expanded = [`/console${pattern}`];
      for (const [whole, choices] of pattern.matchAll(/:\w+\{([^}]+)\}/g)) expanded = expanded.flatMap((path) => choices.split('|').map((choice) => path.replace(whole, choice)));
      return expanded.map((path) => path.replace(/:(\w+)/g, (_, name: string) => params[name]));
    });
    expect(paths.length).toBeGreaterThanOrEqual(15);
    const tables = ['assertions', 'badge_classes', 'console_audit_log', 'issuer_staff', 'issuer_api_keys', 'bulk_jobs', 'issuer_staff_invitations'] as const;
    const counts = async () => Promise.all(tables.map((table) => countRows(world.db, table)));
    const before = await counts();
    for (const path of paths) {
      const fields = { badge: issuer.badgeClassId, email: 'x@ex.test', name: 'X', reason: 'r', role: 'viewer', label: 'l', csrf: 'forged-token' };
      expect((await owner.post(path, fields, { csrf: null })).status, `${path} with a forged token`).toBe(403);
      expect((await owner.post(path, { ...fields, csrf: owner.csrf() }, { origin: 'https://evil.test' })).status, `${path} from another site`).toBe(403);
      const limit = bodyLimitFor('POST', path);
      expect(limit, path).toBeLessThanOrEqual(16 * 1024 * 1024);
      expect((await owner.post(path, { narrative: 'n'.repeat(limit) })).status, `${path} over its ${limit}-byte limit`).toBe(413);
    }
    expect(await counts()).toEqual(before);
  }, 120_000);
});
