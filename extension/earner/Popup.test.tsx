// The popup in happy-dom with the real client, the real background earner module (messages carried
// by WXT's fakeBrowser) and the real API with the demo data. One test per state the earner can meet.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { linkedInAddToProfileUrl } from '../../shared/links';
import { API, DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD, startEarnerApi, type EarnerApi } from '../test/earner-api';
import { createEarnerClient } from './client';
import { earnerSessionItem, badgesSnapshotItem } from './storage';
import { toShareable } from './model';
import { Popup } from './Popup';
import { findAccountByPrimaryEmail } from '../../api/src/db/accounts';
import { saveImportedBadge } from '../../api/src/db/importedBadges';

let api: EarnerApi;
let container: HTMLElement;

beforeEach(async () => {
  api = await startEarnerApi();
  container = document.createElement('div');
  document.body.replaceChildren(container);
});

afterEach(() => {
  render(null, container);
});

function showPopup() {
  render(<Popup client={createEarnerClient()} />, container);
}

const text = () => container.textContent ?? '';
const alerts = () => [...container.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent ?? '');
const badgeNames = () => [...container.querySelectorAll('.badge-name')].map((name) => name.textContent);

function button(label: string | RegExp, within: ParentNode = container): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((candidate) =>
    typeof label === 'string' ? candidate.textContent?.trim() === label : label.test(candidate.textContent ?? ''),
  );
  if (!found) throw new Error(`no button ${label} in: ${text()}`);
  return found;
}

function type(selector: string, value: string) {
  const input = container.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function signInThroughForm(email: string, password: string) {
  await vi.waitFor(() => expect(container.querySelector('#sign-in-email')).not.toBeNull());
  type('#sign-in-email', email);
  type('#sign-in-password', password);
  button('Sign in').click();
}

function badgeItem(name: string): HTMLElement {
  const item = [...container.querySelectorAll<HTMLElement>('li.badge')].find((li) => li.querySelector('.badge-name')?.textContent === name);
  if (!item) throw new Error(`no badge ${name}`);
  return item;
}

describe('earner popup', () => {
  test('signed out: the sign-in form with a forgot-password link to the server, and no badge request', async () => {
    showPopup();
    await vi.waitFor(() => expect(container.querySelector('form')).not.toBeNull());
    expect(container.querySelector('h2')?.textContent).toBe('Sign in to see your badges');
    const reset = [...container.querySelectorAll('a')].find((link) => link.textContent === 'Forgot your password?');
    expect(reset?.getAttribute('href')).toBe(`${API}/reset`);
    expect(api.requests).toEqual([]);
  });

  test('a wrong password says so; the right one shows the badges, and the token stays in extension storage', async () => {
    showPopup();
    await signInThroughForm(DEMO_EARNER_EMAIL, 'not-the-password');
    await vi.waitFor(() => expect(alerts().join()).toContain('The email address or the password is not right.'));
    expect(await earnerSessionItem.getValue()).toBeNull();

    await signInThroughForm(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('badges-heading'));
    expect((await earnerSessionItem.getValue())?.email).toBe(DEMO_EARNER_EMAIL);
    expect(container.innerHTML).not.toContain((await earnerSessionItem.getValue())!.token);
  });

  test('locked: the lockout message tells the earner to contact the issuer', async () => {
    await api.lock(DEMO_EARNER_EMAIL);
    showPopup();
    await signInThroughForm(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    await vi.waitFor(() => expect(container.querySelector('.problem.locked')).not.toBeNull());
    const problem = container.querySelector('.problem.locked')?.textContent ?? '';
    // Said once, with the way out.
    expect(problem.match(/locked/g)).toHaveLength(1);
    expect(problem).toContain('Forgot your password?');
    expect(problem).toContain('contact the organisation that issued your badges');
    expect(badgeNames()).toEqual([]);
  });

  test('loading: with no badges known yet, says it is loading until the API answers', async () => {
    await api.signInDemo();
    api.hold();
    showPopup();
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('Loading your badges…'));
    expect(badgeNames()).toEqual([]);
    api.release();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    expect(text()).not.toContain('Loading your badges…');
  });

  test('list: last-known badges paint before the network answers, newest first with issuer, date and state', async () => {
    await api.signInDemo();
    const first = await api.service.badges();
    if (!first.ok) throw new Error('expected badges');
    const expected = [...first.snapshot.badges]
      .sort((a, b) => Date.parse(b.issuedOn) - Date.parse(a.issuedOn) || a.id.localeCompare(b.id))
      .map((badge) => badge.name);

    api.hold();
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toEqual(expected));
    expect(text()).toContain('Updating…');
    api.release();
    await vi.waitFor(() => expect(text()).toContain('Updated just now'));

    const newest = badgeItem(expected[0]!);
    expect(newest.querySelector('.state')?.textContent).toBe('Pending');
    const accepted = first.snapshot.badges.find((badge) => badge.claimState === 'accepted')!;
    const item = badgeItem(accepted.name);
    expect(item.querySelector('.badge-issuer')?.textContent).toBe(accepted.issuer.name);
    expect(item.querySelector('.badge-date')?.textContent).toMatch(/^Issued [A-Z][a-z]+ \d{4}/);
    expect(item.querySelector('img')?.getAttribute('src')).toBe(accepted.imageUrl);
    expect(text()).toContain(DEMO_EARNER_EMAIL);
  });

  test('search filters the list by badge or issuer name', async () => {
    await api.signInDemo();
    showPopup();
    await vi.waitFor(() => expect(container.querySelector('#badge-search')).not.toBeNull());
    const all = badgeNames();
    type('#badge-search', 'gtaw');
    await vi.waitFor(() => expect(badgeNames().length).toBeLessThan(all.length));
    expect(badgeNames().length).toBeGreaterThan(0);
    for (const name of badgeNames()) expect(name?.toLowerCase()).toContain('gtaw');
    type('#badge-search', 'zzz nothing');
    await vi.waitFor(() => expect(text()).toContain('No badge matches “zzz nothing”.'));
  });

  test('empty: an earner without badges is told how badges arrive', async () => {
    await api.createEarner('nadia.new@mail.example', 'a-long-password');
    showPopup();
    await signInThroughForm('nadia.new@mail.example', 'a-long-password');
    await vi.waitFor(() => expect(container.querySelector('h2')?.textContent).toBe('No badges yet'));
    expect(text()).toContain('you get an email with a link to claim it');
    expect(text()).toContain('nadia.new@mail.example');
  });

  test('error: the API unreachable says what happened and what to do; Try again recovers', async () => {
    await api.signInDemo();
    api.setDown(true);
    showPopup();
    await vi.waitFor(() => expect(alerts().join()).toContain(`Could not reach the BadgeLens server (${API}).`));
    expect(alerts().join()).toContain('Check your connection, or the server address in the options');
    api.setDown(false);
    button('Try again').click();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    expect(alerts()).toEqual([]);
  });

  test('error with known badges: they stay on screen with the problem above them', async () => {
    await api.signInDemo();
    await api.service.badges();
    api.setDown(true);
    showPopup();
    await vi.waitFor(() => expect(alerts().join()).toContain('Could not reach the BadgeLens server'));
    expect(badgeNames().length).toBeGreaterThan(0);
  });

  test('session ended on the server: back to the sign-in form, saying why', async () => {
    await api.signInDemo();
    const { token } = (await earnerSessionItem.getValue())!;
    await api.app.request(`${API}/api/v1/auth/token`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    showPopup();
    await vi.waitFor(() => expect(container.querySelector('.notice')?.textContent).toContain('Your session has ended.'));
    expect(await earnerSessionItem.getValue()).toBeNull();
    expect(await badgesSnapshotItem.getValue()).toBeNull();
  });

  test('pending badge accepted right there: the state changes and the API has it accepted', async () => {
    await api.signInDemo();
    const { token } = (await earnerSessionItem.getValue())!;
    const pending = (await api.apiBadges(token)).find((badge) => badge.claimState === 'pending')!;
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toContain(pending.name));
    const item = badgeItem(pending.name);
    expect(() => button('Add to LinkedIn', item)).toThrow();
    button('Accept badge', item).click();
    await vi.waitFor(() => expect(badgeItem(pending.name).querySelector('.state')?.textContent).toMatch(/^Valid/));
    await vi.waitFor(() => expect(document.activeElement).toBe(button('Add to LinkedIn', badgeItem(pending.name))));
    expect((await api.apiBadges(token)).find((badge) => badge.id === pending.id)?.claimState).toBe('accepted');
    expect((await badgesSnapshotItem.getValue())?.badges.find((badge) => badge.id === pending.id)?.claimState).toBe('accepted');
  });

  test('a private badge has no share actions, and says where to make it public', async () => {
    await api.signInDemo();
    const reply = await api.service.badges();
    if (!reply.ok) throw new Error('expected badges');
    const chosen = reply.snapshot.badges.find((candidate) => candidate.claimState === 'accepted' && candidate.status === 'valid')!;
    const { token } = (await earnerSessionItem.getValue())!;
    const patched = await api.app.request(`${API}/api/v1/me/badges/${chosen.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ isPublic: false }),
    });
    expect(patched.status).toBe(200);
    showPopup();
    await vi.waitFor(() => expect(badgeItem(chosen.name).querySelector('.state')?.textContent).toBe('Valid · private'));
    const item = badgeItem(chosen.name);
    expect(() => button('Add to LinkedIn', item)).toThrow();
    expect(item.querySelector('a')?.getAttribute('href')).toBe(`${API}/portfolio`);
  });

  test('a self-claimed badge says so, with no Add to LinkedIn or share actions and one line saying why', async () => {
    await api.signInDemo();
    const reply = await api.service.badges();
    if (!reply.ok) throw new Error('expected badges');
    const selfClaimed = reply.snapshot.badges.find((candidate) => candidate.status === 'self_claimed')!;
    showPopup();
    await vi.waitFor(() => expect(badgeItem(selfClaimed.name).querySelector('.state')?.textContent).toBe('Self-claimed — not verified'));
    const item = badgeItem(selfClaimed.name);
    expect(() => button('Add to LinkedIn', item)).toThrow();
    expect(() => button(/share/i, item)).toThrow();
    expect(item.querySelector('.self-claim-note')?.textContent).toMatch(/^Not offered for LinkedIn: a LinkedIn certification names the organisation/);
    expect(item.textContent).not.toMatch(/Valid/);
  });

  test('a badge carrying a level, years or the volunteer flag shows its value under its name', async () => {
    await api.signInDemo();
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toContain('Member'));
    expect(badgeItem('Member').querySelector('.badge-attribute')?.textContent).toBe('Membership grade: Professional');
    expect(badgeItem('Certified Welder: Structural Steel').querySelector('.badge-attribute')?.textContent).toBe('Years certified: 2 years');
    expect(badgeItem('Section Officer (Volunteer)').querySelector('.badge-attribute')?.textContent).toBe('Volunteer');
    expect(badgeItem('Hot Work Safety').querySelector('.badge-attribute')).toBeNull();
  });

  test('Add to LinkedIn opens the shared builder’s add-to-profile URL in a new tab', async () => {
    await api.signInDemo();
    const reply = await api.service.badges();
    if (!reply.ok) throw new Error('expected badges');
    const badge = reply.snapshot.badges.find((candidate) => candidate.claimState === 'accepted' && candidate.isPublic && candidate.status === 'valid')!;
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toContain(badge.name));
    button('Add to LinkedIn', badgeItem(badge.name)).click();
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create.mock.calls[0]![0]).toEqual({ url: linkedInAddToProfileUrl(toShareable(badge)) });
  });

  test('share panel: tracked share links, signature copied as HTML and text in the chosen size, downloads', async () => {
    await api.signInDemo();
    const reply = await api.service.badges();
    if (!reply.ok) throw new Error('expected badges');
    const badge = reply.snapshot.badges.find((candidate) => candidate.claimState === 'accepted' && candidate.isPublic && candidate.status === 'valid')!;
    const kit = await api.service.shareKit(badge.id);
    if (!kit.ok) throw new Error('expected a share kit');
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const write = vi.spyOn(navigator.clipboard, 'write');
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toContain(badge.name));
    const item = badgeItem(badge.name);
    button('Share, signature, download', item).click();
    await vi.waitFor(() => expect(item.querySelector('.share-panel h4')).not.toBeNull());

    button('X', item).click();
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: kit.kit.links.x }));
    expect(kit.kit.links.x).toContain(`/s/${badge.id}/x`);

    item.querySelector<HTMLInputElement>('input[value="large"]')!.click();
    await vi.waitFor(() => expect(item.querySelector('.signature-preview img')?.getAttribute('width')).toBe('96'));
    button('Copy signature', item).click();
    await vi.waitFor(() => expect(text()).toContain('Signature copied.'));
    const [clipboardItem] = write.mock.calls[0]![0];
    expect(clipboardItem!.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(await (await clipboardItem!.getType('text/html')).text()).toBe(kit.kit.signature.large.html);
    expect(await (await clipboardItem!.getType('text/plain')).text()).toBe(kit.kit.signature.large.text);

    const downloads = [...item.querySelectorAll('.downloads a')].map((link) => [link.textContent, link.getAttribute('href')]);
    expect(downloads).toEqual([
      ['Image with the badge data inside (PNG)', kit.kit.downloads.bakedPng],
      ['Image with the badge data inside (SVG)', kit.kit.downloads.bakedSvg],
      ['Signed credential (Open Badges 3.0)', kit.kit.downloads.credential],
      ...(kit.kit.downloads.certificatePdf ? [['PDF certificate', kit.kit.downloads.certificatePdf]] : []),
    ]);
  });

  test('a badge imported from another site: named with its platform, shared by its own page, nothing baked to download', async () => {
    const account = (await findAccountByPrimaryEmail(api.db, DEMO_EARNER_EMAIL))!;
    const pageUrl = 'https://www.credly.com/badges/0c8a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';
    await saveImportedBadge(api.db, {
      accountId: account.id,
      badgeKey: `ob2-hosted ${pageUrl}`,
      sourceUrl: pageUrl,
      credential: null,
      platform: 'credly',
      format: 'ob2-hosted',
      status: 'valid',
      checkedAt: new Date().toISOString(),
      badge: {
        assertionId: pageUrl,
        pageUrl,
        name: 'Cloud Operations Associate',
        description: 'Runs cloud workloads.',
        category: null,
        imageUrl: 'https://images.credly.example/cloud.png',
        issuer: { id: 'https://api.credly.com/v1/obi/v2/issuers/x', name: 'Northwind Cloud Academy', url: null, imageUrl: null, domain: 'api.credly.com' },
        recipientName: null,
        issuedOn: '2025-05-01T00:00:00.000Z',
        expires: null,
        revocationReason: null,
      },
    });
    await api.signInDemo();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    showPopup();
    await vi.waitFor(() => expect(badgeNames()).toContain('Cloud Operations Associate'));
    const item = badgeItem('Cloud Operations Associate');
    expect(item.querySelector('.badge-issuer')?.textContent).toBe('Northwind Cloud Academy · Imported from Credly');
    expect(item.querySelector('.state')?.textContent).toBe('Valid');
    button('Share, signature, download', item).click();
    await vi.waitFor(() => expect(item.querySelector('.share-panel h4')).not.toBeNull());
    button('X', item).click();
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: expect.stringContaining(encodeURIComponent(pageUrl)) }));
    expect(item.querySelector('.downloads')).toBeNull();
  });

  test('sign out forgets the token here and revokes it on the API', async () => {
    await api.signInDemo();
    const { token } = (await earnerSessionItem.getValue())!;
    showPopup();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    button('Sign out').click();
    await vi.waitFor(() => expect(api.requests).toContain('DELETE /api/v1/auth/token'));
    await vi.waitFor(() => expect(container.querySelector('#sign-in-email')).not.toBeNull());
    expect(await earnerSessionItem.getValue()).toBeNull();
    const after = await api.app.request(`${API}/api/v1/me/badges`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  describe('opened on a LinkedIn profile', () => {
    const originalQuery = fakeBrowser.tabs.query;
    const originalScripting = (fakeBrowser as unknown as { scripting: object }).scripting;
    afterEach(() => {
      fakeBrowser.tabs.query = originalQuery;
      (fakeBrowser as unknown as { scripting: object }).scripting = originalScripting;
    });

    function currentTab(url: string, page: { links: string[]; title: string }) {
      // The browser's edge: the active tab and what the injected collector returns from it.
      fakeBrowser.tabs.query = (async () => [{ id: 7, url, index: 0, highlighted: true, active: true, pinned: false, incognito: false }]) as typeof fakeBrowser.tabs.query;
      (fakeBrowser as unknown as { scripting: object }).scripting = { executeScript: async () => [{ frameId: 0, result: page }] };
    }

    async function shareableBadges() {
      await api.signInDemo();
      const reply = await api.service.badges();
      if (!reply.ok) throw new Error('expected badges');
      // A self-claimed badge is not one to add to LinkedIn.
      return reply.snapshot.badges.filter((badge) => badge.claimState === 'accepted' && badge.isPublic && badge.status !== 'revoked' && badge.status !== 'self_claimed');
    }

    test('own profile: names the badges already linked (plain, tracked or through LinkedIn’s redirect) and offers to add the others', async () => {
      const [first, second, ...others] = await shareableBadges();
      currentTab('https://www.linkedin.com/in/dana-demo/', {
        title: 'Somebody Else | LinkedIn',
        links: [
          `${first!.url}?trk=public_profile_certification-title`,
          `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(second!.url + '/')}`,
          'https://www.linkedin.com/company/northbridge/',
        ],
      });
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      showPopup();
      await vi.waitFor(() => expect(container.querySelector('.profile-check')).not.toBeNull());
      const section = container.querySelector('.profile-check')!;
      expect(section.textContent).toContain(`2 of your ${others.length + 2} shareable badges are on this profile.`);
      expect([...section.querySelectorAll('.profile-present li')].map((li) => li.textContent).sort()).toEqual([first!.name, second!.name].sort());
      expect(section.querySelectorAll('.profile-missing button')).toHaveLength(others.length);
      button(`Add ${others[0]!.name} to LinkedIn`, section).click();
      await vi.waitFor(() => expect(create).toHaveBeenCalledWith({ url: linkedInAddToProfileUrl(toShareable(others[0]!)) }));
    });

    test('own profile without any badge yet: recognised by the name on it', async () => {
      const badges = await shareableBadges();
      currentTab('https://www.linkedin.com/in/dana-demo/', { title: '(3) Dana Demo | LinkedIn', links: [] });
      showPopup();
      await vi.waitFor(() => expect(container.querySelector('.profile-check')).not.toBeNull());
      expect(container.querySelector('.profile-check')?.textContent).toContain(`0 of your ${badges.length} shareable badges are on this profile.`);
    });

    test('someone else’s profile: nothing about it', async () => {
      await shareableBadges();
      currentTab('https://www.linkedin.com/in/amara-okafor-4b1a2c/', { title: 'Amara Okafor | LinkedIn', links: ['https://badges.other.example/assertions/abc'] });
      showPopup();
      await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(container.querySelector('.profile-check')).toBeNull();
    });
  });
});
