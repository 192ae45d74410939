// The claim state machine: pending -> accepted or declined (claim link, portfolio, API); declined ->
// accepted only by the signed-in owner in the portfolio; accepted is never declined again (its owner can
// make it private or delete it). Declined badges are never public, whatever their visibility flag says.
import { afterEach, describe, expect, it } from 'vitest';
import { getAssertion } from '../src/db/assertions';
import {
  Browser,
  DEFAULT_PASSWORD,
  earnerWorld,
  issueBadge,
  issuerWithBadge,
  latestMail,
  linkIn,
  logIn,
  PUBLIC_URL,
  requestToken,
  verifiedAccount,
  type EarnerWorld,
} from './earners-helpers';
import { jsonRequest } from './helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function world(): Promise<EarnerWorld> {
  const w = await earnerWorld();
  closers.push(() => w.transport.close());
  return w;
}

/** Jane, signed in on the page and on the API, holding `count` pending badges (issued to her confirmed address), with their claim links. */
async function janeWithBadges(w: EarnerWorld, count: number, badge: Record<string, unknown> = {}) {
  await verifiedAccount(w, 'jane@example.com');
  const issuer = await issuerWithBadge(w);
  if (Object.keys(badge).length > 0) {
    const res = await w.app.request(`/api/v1/badges/${issuer.badgeClassId}`, jsonRequest('PATCH', badge, issuer.auth));
    expect(res.status).toBe(200);
  }
  const badges: { id: string; claimUrl: string }[] = [];
  for (let i = 0; i < count; i++) {
    const id = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    await w.deliver();
    badges.push({ id, claimUrl: linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`) });
  }
  const { browser } = await logIn(w, 'jane@example.com');
  const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
  const api = (id: string, body: unknown) => w.app.request(`/api/v1/me/badges/${id}`, jsonRequest('PATCH', body, { Authorization: `Bearer ${token}` }));
  const portfolio = async (id: string, action: string) => {
    await browser.get('/portfolio');
    return browser.post(`/portfolio/badges/${id}/${action}`, {});
  };
  const claim = async (claimUrl: string, decision: 'accepted' | 'declined') => {
    await browser.get(claimUrl);
    return browser.post(claimUrl, { decision });
  };
  return { issuer, badges, browser, api, portfolio, claim };
}

const stateOf = async (w: EarnerWorld, id: string) => (await getAssertion(w.db, id))!.claimState;

async function verifyStatus(w: EarnerWorld, id: string): Promise<string> {
  const res = await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/${id}`] }));
  expect(res.status).toBe(200);
  return (await res.json()).results[0].status;
}

describe('an accepted badge', () => {
  it('cannot be declined by its claim link once accepted in the portfolio or through the API; its page stays up', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 2);
    const [inPortfolio, throughApi] = jane.badges;
    expect((await jane.portfolio(inPortfolio.id, 'accept')).status).toBe(303);
    expect((await jane.api(throughApi.id, { claimState: 'accepted' })).status).toBe(200);

    for (const badge of jane.badges) {
      // The claim page says it is accepted, and offers no way to decline.
      const page = await jane.browser.get(badge.claimUrl);
      const html = await page.text();
      expect(html).toContain('You have accepted this badge');
      expect(html).not.toContain('value="declined"');

      const refused = await jane.claim(badge.claimUrl, 'declined');
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('An accepted badge cannot be declined');
      expect(await stateOf(w, badge.id)).toBe('accepted');
      expect((await new Browser(w.app).get(`/assertions/${badge.id}`)).status).toBe(200);
      expect(await verifyStatus(w, badge.id)).toBe('valid');
    }

    // Nor in the portfolio, nor through the API: it can be made private instead.
    const portfolioDecline = await jane.portfolio(inPortfolio.id, 'decline');
    expect(portfolioDecline.status).toBe(409);
    expect(await portfolioDecline.text()).toContain('make it private');
    const apiDecline = await jane.api(throughApi.id, { claimState: 'declined' });
    expect(apiDecline.status).toBe(409);
    expect((await apiDecline.json()).error.code).toBe('claim_state_conflict');
    expect(await stateOf(w, throughApi.id)).toBe('accepted');
    const hidden = await jane.api(throughApi.id, { isPublic: false });
    expect(hidden.status).toBe(200);
    expect(await hidden.json()).toMatchObject({ claimState: 'accepted', isPublic: false });
    expect(await verifyStatus(w, throughApi.id)).toBe('not_found');
  });

  it('can be deleted by its owner, in the portfolio or through the API: it then verifies as not found', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 2);
    const [inPortfolio, throughApi] = jane.badges;
    for (const badge of jane.badges) expect((await jane.api(badge.id, { claimState: 'accepted' })).status).toBe(200);

    const confirm = await jane.browser.get(`/portfolio/badges/${inPortfolio.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('This cannot be undone');
    const deleted = await jane.browser.post(`/portfolio/badges/${inPortfolio.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/portfolio?notice=badge-deleted');

    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await w.app.request(`/api/v1/me/badges/${throughApi.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await w.app.request(`/api/v1/me/badges/${throughApi.id}`, { method: 'DELETE', headers: auth })).status).toBe(404);

    for (const badge of jane.badges) {
      expect(await verifyStatus(w, badge.id)).toBe('not_found');
      expect((await w.app.request(`/assertions/${badge.id}`)).status).toBe(404);
      expect((await jane.browser.get(badge.claimUrl)).status).toBe(404);
    }
    expect((await (await w.app.request('/api/v1/me/badges', { headers: auth })).json()).items).toEqual([]);
    expect(await getAssertion(w.db, inPortfolio.id)).toMatchObject({ recipientName: '', recipientEmail: '', isPublic: false });
  });

  it('is accepted once when the claim link and the API decide at the same moment: one wins, the other is refused', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 1);
    const [badge] = jane.badges;
    await jane.browser.get(badge.claimUrl);
    const [byLink, byApi] = await Promise.all([jane.browser.post(badge.claimUrl, { decision: 'declined' }), jane.api(badge.id, { claimState: 'accepted' })]);
    const final = await stateOf(w, badge.id);
    if (final === 'accepted') {
      expect(byApi.status).toBe(200);
      expect(byLink.status).toBe(409);
    } else {
      expect(final).toBe('declined');
      expect(byLink.status).toBe(303);
      expect(byApi.status).toBe(409);
    }
  });
});

describe('a declined badge', () => {
  it('is accepted again only by its owner in the portfolio, never by the claim link or the API', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 1);
    const [badge] = jane.badges;
    expect((await jane.portfolio(badge.id, 'decline')).status).toBe(303);
    expect(await stateOf(w, badge.id)).toBe('declined');

    const byLink = await jane.claim(badge.claimUrl, 'accepted');
    expect(byLink.status).toBe(409);
    expect(await byLink.text()).toContain('accept it after all in your portfolio');
    const byApi = await jane.api(badge.id, { claimState: 'accepted' });
    expect(byApi.status).toBe(409);
    expect((await byApi.json()).error.message).toMatch(/portfolio/);
    expect(await stateOf(w, badge.id)).toBe('declined');

    // Someone else cannot do it either.
    await verifiedAccount(w, 'mallory@example.com');
    const { browser: mallory } = await logIn(w, 'mallory@example.com');
    await mallory.get('/portfolio');
    expect((await mallory.post(`/portfolio/badges/${badge.id}/accept`, {})).status).toBe(404);

    expect((await jane.portfolio(badge.id, 'accept')).status).toBe(303);
    expect(await stateOf(w, badge.id)).toBe('accepted');
    expect(await verifyStatus(w, badge.id)).toBe('valid');
  });

  it('cannot be made public, in the portfolio or through the API', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 1);
    const [badge] = jane.badges;
    expect((await jane.api(badge.id, { claimState: 'declined' })).status).toBe(200);
    const byApi = await jane.api(badge.id, { isPublic: true });
    expect(byApi.status).toBe(409);
    expect((await byApi.json()).error.code).toBe('claim_state_conflict');
    // Declining and publishing in one request changes nothing either.
    const [second] = (await janeWithBadgesAgain(w, jane.issuer)).badges;
    const both = await jane.api(second, { claimState: 'declined', isPublic: true });
    expect(both.status).toBe(409);
    expect(await stateOf(w, second)).toBe('pending');
    const inPortfolio = await jane.portfolio(badge.id, 'public');
    expect(inPortfolio.status).toBe(409);
    expect(await inPortfolio.text()).toContain('A declined badge is never public');
    expect(await verifyStatus(w, badge.id)).toBe('not_found');
  });

  it('is not found by any reader even when its stored visibility flag says public', async () => {
    const w = await world();
    const jane = await janeWithBadges(w, 1, { offersCertificate: true });
    const [badge] = jane.badges;
    expect((await jane.api(badge.id, { claimState: 'declined' })).status).toBe(200);
    // A row as an older release (or a bug) could have left it.
    await w.db.updateTable('assertions').set({ is_public: 1 }).where('id', '=', badge.id).execute();

    expect(await verifyStatus(w, badge.id)).toBe('not_found');
    const paths = ['', '.json', '/image', '/baked.png', '/baked.svg', '/og.png', '/certificate.pdf'].map((suffix) => `/assertions/${badge.id}${suffix}`);
    for (const path of paths) {
      expect((await w.app.request(path)).status, path).toBe(404);
      expect((await new Browser(w.app).get(path)).status, `${path} (browser)`).toBe(404);
    }
    expect((await w.app.request(`/s/${badge.id}/linkedin`)).status).toBe(404);
    const share = await w.app.request(`/api/v1/assertions/${badge.id}/share`, {
      headers: { Authorization: `Bearer ${(await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json()).token}` },
    });
    expect(share.status).toBe(409);
    // The owner's own list says it is not public.
    const { items } = await (
      await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${(await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json()).token}` } })
    ).json();
    expect(items[0]).toMatchObject({ claimState: 'declined', isPublic: false });
  });
});

async function janeWithBadgesAgain(w: EarnerWorld, issuer: { auth: Record<string, string>; badgeClassId: string }) {
  return { badges: [await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe')] };
}
