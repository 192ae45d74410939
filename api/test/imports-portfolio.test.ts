// The portfolio's "Add a badge from elsewhere" form (multipart: URL, file or VC-JWT), imported badges
// in the portfolio (remove, public/private), their public page and their share kit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shareResponseSchema } from '../../shared/schemas/sharing';
import { bakeCredentialPng } from '../src/credentials/bake';
import { createSession } from '../src/db/sessions';
import { countRows, PUBLIC_URL } from './helpers';
import { manualClock } from './earners-helpers';
import { badgePng, earnerWith, guildBadge, ROSA, SOMEONE_ELSE, vcJwtFor, type Earner } from './imports-fixtures';
import { didKeyIssuer, publishStatusList, signedCredential } from './verify-fixture-badges';
import { FixtureWeb, foreignApp } from './verify-fixture-web';

let web: FixtureWeb;
let world: Awaited<ReturnType<typeof foreignApp>>;
let rosa: Earner;
let cookies: string;
let csrf: string;
const clock = manualClock(new Date('2026-06-01T12:00:00.000Z'));

/** A signed-in browser session: the session cookie, then the form token the portfolio page sets. */
async function signIn(): Promise<void> {
  const session = await createSession(world.db, rosa.account, 'cookie', 60 * 60_000, clock.now());
  cookies = `bl_session=${session!.token}`;
  const res = await portfolio();
  const token = /bl_csrf=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
  cookies += `; bl_csrf=${token}`;
  csrf = /name="csrf" value="([^"]+)"/.exec(await res.text())![1];
}

function portfolio() {
  return world.app.request('/portfolio', { headers: { Cookie: cookies, Accept: 'text/html' } });
}

function postImport(fields: Record<string, string | Blob>, token: string | null = csrf) {
  const form = new FormData();
  if (token !== null) form.set('csrf', token);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return world.app.request('/portfolio/import', { method: 'POST', body: form, headers: { Cookie: cookies, Origin: PUBLIC_URL, Accept: 'text/html' } });
}

function postForm(path: string) {
  return world.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ csrf }).toString(),
    headers: { Cookie: cookies, Origin: PUBLIC_URL, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
  });
}

async function followed(res: Response): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(303);
  const page = await world.app.request(res.headers.get('location')!, { headers: { Cookie: cookies, Accept: 'text/html' } });
  return page.text();
}

beforeEach(async () => {
  web = await FixtureWeb.start();
  world = await foreignApp(web, { now: clock.now });
  rosa = await earnerWith(world.db, ROSA, [], clock.now());
  await signIn();
});
afterEach(async () => {
  await web.close();
});

describe('the "Add a badge from elsewhere" form', () => {
  it('is on the portfolio, protected by the form token, and takes a URL, a baked file or a VC-JWT', async () => {
    const page = await (await portfolio()).text();
    expect(page).toContain('Add a badge from elsewhere');
    expect(page).toMatch(/<form method="post" action="\/portfolio\/import" enctype="multipart\/form-data"/);
    expect(page).toMatch(/name="url"[\s\S]*name="file" type="file"[\s\S]*name="jwt"/);

    const hosted = guildBadge(web, 'form1');
    const afterUrl = await followed(await postImport({ url: hosted.assertionUrl }));
    expect(afterUrl).toContain('The badge is verified and added to your badges.');
    expect(afterUrl).toContain('Pipe Welding Level 2');
    expect(afterUrl).toContain('Imported from an Open Badges site');

    const issuer = await didKeyIssuer('https://lists.keyholder.test');
    await publishStatusList(web, issuer, []);
    const png = bakeCredentialPng(await badgePng(), JSON.stringify(await signedCredential(issuer)));
    const afterFile = await followed(await postImport({ file: new File([new Uint8Array(png)], 'badge.png', { type: 'image/png' }) }));
    expect(afterFile).toContain('TIG Welding Level 3');
    const afterJwt = await followed(await postImport({ jwt: await vcJwtFor(ROSA) }));
    expect(afterJwt).toContain('Crane Signalling');
    expect(await countRows(world.db, 'imported_badges')).toBe(3);

    const again = await followed(await postImport({ url: hosted.assertionUrl }));
    expect(again).toContain('You had already added this badge');
    expect(await countRows(world.db, 'imported_badges')).toBe(3);
  });

  it('refuses clearly on the page, keeping what was typed: somebody else’s badge, none or two inputs, a bad VC-JWT', async () => {
    const theirs = guildBadge(web, 'form2', SOMEONE_ELSE);
    const refused = await postImport({ url: theirs.assertionUrl, jwt: '' });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toMatch(/<p class="alert" role="alert">This badge was issued to an email address that is not one of your verified addresses/);
    expect(html).toContain(`value="${theirs.assertionUrl}"`);

    const none = await postImport({ url: '', jwt: '' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Paste the badge’s address, choose a badge file, or paste a VC-JWT.');
    const two = await postImport({ url: theirs.assertionUrl, jwt: 'a.b.c' });
    expect(await two.text()).toContain('Add one badge at a time');
    const badJwt = await postImport({ jwt: 'not a jwt at all' });
    expect(badJwt.status).toBe(422);
    expect(await badJwt.text()).toMatch(/A VC-JWT is three parts[\s\S]*not a jwt at all<\/textarea>/);
    const unbaked = await postImport({ file: new File([new Uint8Array(await badgePng())], 'plain.png', { type: 'image/png' }) });
    expect(unbaked.status).toBe(422);
    expect(await unbaked.text()).toContain('This PNG image carries no badge');
    expect(await countRows(world.db, 'imported_badges')).toBe(0);
  });

  it('changes nothing without the form token, or from another site', async () => {
    const hosted = guildBadge(web, 'form3');
    const forged = await postImport({ url: hosted.assertionUrl }, 'x'.repeat(32));
    expect(forged.status).toBe(403);
    const crossSite = await world.app.request('/portfolio/import', {
      method: 'POST',
      body: new URLSearchParams({ csrf, url: hosted.assertionUrl }).toString(),
      headers: { Cookie: cookies, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(crossSite.status).toBe(403);
    expect(await countRows(world.db, 'imported_badges')).toBe(0);
    expect(web.count(hosted.assertionUrl)).toBe(0);
  });

  it('refuses a file over 1 MB and a body over 2 MB', async () => {
    const big = await postImport({ file: new File([new Uint8Array(1024 * 1024 + 10)], 'big.png', { type: 'image/png' }) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('larger than the 1 MB');
    const huge = await postImport({ file: new File([new Uint8Array(2 * 1024 * 1024 + 10)], 'huge.png') });
    expect(huge.status).toBe(413);
  });
});

describe('imported badges in the portfolio', () => {
  it('can be made private (their page goes away), shared while public, and removed', async () => {
    const hosted = guildBadge(web, 'form4');
    await followed(await postImport({ url: hosted.assertionUrl }));
    const id = (await world.db.selectFrom('imported_badges').select('id').executeTakeFirstOrThrow()).id;

    const publicPage = await world.app.request(`/imported/${id}`, { headers: { Accept: 'text/html' } });
    expect(publicPage.status).toBe(200);
    const publicHtml = await publicPage.text();
    expect(publicHtml).toContain('Pipe Welding Level 2');
    expect(publicHtml).toContain('Rosa Example added this badge from Open Badges to BadgeLens');
    expect(publicHtml).toContain(`href="${hosted.assertionUrl}"`);

    const kit = await world.app.request(`/api/v1/assertions/${id}/share`, { headers: rosa.auth });
    expect(kit.status).toBe(200);
    const share = shareResponseSchema.parse(await kit.json());
    expect(share.badgeUrl).toBe(hosted.assertionUrl);
    expect(share.links.linkedinProfile).toContain(encodeURIComponent(hosted.assertionUrl));
    expect(share.downloads).toEqual({ bakedPng: null, bakedSvg: null, certificatePdf: null, credential: null });
    expect(share.credentialUrl).toBeNull();
    const stranger = await earnerWith(world.db, 'stranger@elsewhere.test', [], clock.now());
    expect((await world.app.request(`/api/v1/assertions/${id}/share`, { headers: stranger.auth })).status).toBe(404);

    expect((await postForm(`/portfolio/badges/${id}/private`)).status).toBe(303);
    expect((await world.app.request(`/imported/${id}`, { headers: { Accept: 'text/html' } })).status).toBe(404);
    expect((await world.app.request(`/api/v1/assertions/${id}/share`, { headers: rosa.auth })).status).toBe(409);

    const confirm = await world.app.request(`/portfolio/badges/${id}/delete`, { headers: { Cookie: cookies, Accept: 'text/html' } });
    expect(await confirm.text()).toContain('Remove your Pipe Welding Level 2 badge?');
    const removed = await followed(await postForm(`/portfolio/badges/${id}/delete`));
    expect(removed).toContain('The badge is removed from your badges.');
    expect(await countRows(world.db, 'imported_badges')).toBe(0);
  });
});
