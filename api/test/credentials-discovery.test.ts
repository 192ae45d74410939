// Where people and programs find a badge's Open Badges 3.0 credential: the badge page (alternate link,
// download button), the earner's API (credentialUrl), the share kit and the portfolio.
import { describe, expect, it } from 'vitest';
import { meBadgesResponseSchema } from '../../shared/schemas/earners';
import { shareResponseSchema } from '../../shared/schemas/sharing';
import { PUBLIC_URL } from './helpers';
import { earnerWorld, issueBadge, issuerWithBadge, logIn, requestToken, verifiedAccount, DEFAULT_PASSWORD } from './earners-helpers';

async function earnerWithBadge() {
  const world = await earnerWorld();
  await verifiedAccount(world, 'dana@example.test');
  const issuer = await issuerWithBadge(world);
  const id = await issueBadge(world, issuer, 'dana@example.test', 'Dana Example');
  const token = ((await (await requestToken(world, 'dana@example.test', DEFAULT_PASSWORD)).json()) as { token: string }).token;
  const bearer = { Authorization: `Bearer ${token}` };
  const accepted = await world.app.request(`/api/v1/me/badges/${id}`, {
    method: 'PATCH',
    headers: { ...bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ claimState: 'accepted' }),
  });
  expect(accepted.status).toBe(200);
  return { world, id, bearer };
}

describe('finding the Open Badges 3.0 credential', () => {
  it('on the badge page: an alternate link of type application/vc and a download button', async () => {
    const { world, id } = await earnerWithBadge();
    const page = await (await world.app.request(`/assertions/${id}`, { headers: { Accept: 'text/html' } })).text();
    expect(page).toContain(`<link rel="alternate" type="application/vc" href="${PUBLIC_URL}/credentials/${id}"/>`);
    expect(page).toMatch(new RegExp(`<a class="button" href="${PUBLIC_URL}/credentials/${id}\\.json" download="">Download \\(Open Badges 3\\.0\\)</a>`));
  });

  it('in GET /api/v1/me/badges and the share kit, whose download is the served credential as a file', async () => {
    const { world, id, bearer } = await earnerWithBadge();
    const mine = meBadgesResponseSchema.parse(await (await world.app.request('/api/v1/me/badges', { headers: bearer })).json());
    expect(mine.items.map((item) => item.credentialUrl)).toEqual([`${PUBLIC_URL}/credentials/${id}`]);
    const kit = shareResponseSchema.parse(await (await world.app.request(`/api/v1/assertions/${id}/share`, { headers: bearer })).json());
    expect(kit.credentialUrl).toBe(`${PUBLIC_URL}/credentials/${id}`);
    expect(kit.downloads.credential).toBe(`${PUBLIC_URL}/credentials/${id}.json`);
    const served = await (await world.app.request(`/credentials/${id}`)).text();
    const download = await world.app.request(kit.downloads.credential!.slice(PUBLIC_URL.length), { headers: { Accept: 'text/html,*/*;q=0.8' } });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    expect(await download.text()).toBe(served);
  });

  it('on the portfolio, for public badges that are not revoked', async () => {
    const { world, id, bearer } = await earnerWithBadge();
    const { browser } = await logIn(world, 'dana@example.test');
    const link = `<a href="${PUBLIC_URL}/credentials/${id}.json" download="">Download (Open Badges 3.0)</a>`;
    expect(await (await browser.get('/portfolio')).text()).toContain(link);
    await world.app.request(`/api/v1/me/badges/${id}`, { method: 'PATCH', headers: { ...bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ isPublic: false }) });
    expect(await (await browser.get('/portfolio')).text()).not.toContain('Download (Open Badges 3.0)');
  });
});
