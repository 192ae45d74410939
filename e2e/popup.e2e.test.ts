// Real browser: Debian's Chromium loads the built extension; the popup page runs in a tab
// (chrome-extension://<id>/popup.html) against the real API with the demo data.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../api/src/earners/demoAccounts';
import { linkedInAddToProfileUrl } from '../shared/links';
import type { MeBadge } from '../shared/schemas/earners';
import type { ShareResponse } from '../shared/schemas/sharing';
import { toShareable } from '../extension/earner/model';
import { startApi, type RunningApi } from './support/api';
import { launchWithExtension, setApiBaseUrl, type ExtensionBrowser } from './support/chromium';

let api: RunningApi;
let otherApi: RunningApi;
let browser: ExtensionBrowser;
let page: Page;
let token: string;
let badge: MeBadge;

async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${api.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers } });
  if (!response.ok) throw new Error(`${path} → ${response.status}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  api = await startApi();
  otherApi = await startApi();
  token = (
    await (
      await fetch(`${api.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }),
      })
    ).json()
  ).token;
  const { items } = await apiJson<{ items: MeBadge[] }>('/api/v1/me/badges');
  badge = items.filter((item) => item.claimState === 'accepted' && item.status === 'valid' && item.isPublic).sort((a, b) => Date.parse(b.issuedOn) - Date.parse(a.issuedOn))[0]!;
  browser = await launchWithExtension({ linkedinPort: Number(new URL(api.url).port) });
  await setApiBaseUrl(browser.serviceWorker, api.url);
  // Chromium refuses a grant naming a chrome-extension:// origin ("opaque origin"): the grant is
  // made for the context, which here holds only the extension's pages and the opened LinkedIn tab.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 720 });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await otherApi?.close();
});

const extensionPage = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;
const badgeItem = (name: string) => page.locator('li.badge').filter({ has: page.locator('.badge-name', { hasText: name }) });

// In order, like one earner's session: sign in, add to LinkedIn, copy the signature, change the server.
describe('earner popup in Chromium', () => {
  test('signs in as the demo earner and lists the badges, the pending one marked', async () => {
    await page.goto(extensionPage('popup.html'));
    await page.getByLabel('Email').fill(DEMO_EARNER_EMAIL);
    await page.getByLabel('Password').fill(DEMO_EARNER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await badgeItem(badge.name).waitFor();
    expect(await page.locator('.state', { hasText: 'Pending' }).count()).toBe(1);
    const screenshot = process.env.BADGELENS_POPUP_SCREENSHOT;
    if (screenshot) {
      await page.waitForFunction(() => [...document.images].every((image) => image.complete));
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot });
    }
  });

  test('a self-claimed badge says so and offers no LinkedIn action; levels, years and the volunteer flag show under their badges', async () => {
    const { items } = await apiJson<{ items: MeBadge[] }>('/api/v1/me/badges');
    const selfClaimed = items.find((item) => item.status === 'self_claimed')!;
    const withAttribute = items.filter((item) => item.attribute && item.attribute.value !== false && item.status === 'valid');
    expect(selfClaimed).toBeDefined();
    expect(withAttribute.length).toBeGreaterThan(0);

    const claimItem = badgeItem(selfClaimed.name);
    expect(await claimItem.locator('.state').textContent()).toBe('Self-claimed — not verified');
    expect(await claimItem.getByRole('button', { name: 'Add to LinkedIn' }).count()).toBe(0);
    expect(await claimItem.locator('.self-claim-note').count()).toBe(1);

    for (const held of withAttribute) {
      const shown = await badgeItem(held.name).locator('.badge-attribute').textContent();
      expect(shown).toContain(String(held.attribute!.value === true ? 'Volunteer' : held.attribute!.value));
    }
  });

  test('Add to LinkedIn opens the shared builder’s add-to-profile URL in a new tab', async () => {
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), badgeItem(badge.name).getByRole('button', { name: 'Add to LinkedIn' }).click()]);
    await opened.waitForLoadState();
    // Nothing answers https://www.linkedin.com here, so the tab shows Chromium's error page and Playwright
    // reports chrome-error://; the tab's own URL (as the browser's target list holds it) is what was opened.
    const cdp = await browser.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    await cdp.detach();
    const linkedinTabs = targetInfos.filter((target) => target.type === 'page' && target.url.startsWith('https://www.linkedin.com/'));
    expect(linkedinTabs.map((target) => target.url)).toEqual([linkedInAddToProfileUrl(toShareable(badge))]);
    await opened.close();
  });

  test('Copy signature puts both the HTML and the text flavour on the clipboard', async () => {
    const kit = await apiJson<ShareResponse>(`/api/v1/assertions/${badge.id}/share`);
    await page.bringToFront();
    const item = badgeItem(badge.name);
    await item.getByRole('button', { name: 'Share, signature, download' }).click();
    await item.getByLabel(/Large/).check();
    await item.getByRole('button', { name: 'Copy signature' }).click();
    await item.getByText('Signature copied.').waitFor();
    const clipboard = await page.evaluate(async (expectedHtml) => {
      const [entry] = await navigator.clipboard.read();
      // Chromium sanitises HTML on the clipboard (a charset meta, an explicit <tbody>): compare as parsed by the browser.
      const table = (html: string) => new DOMParser().parseFromString(html, 'text/html').querySelector('table')?.outerHTML;
      const html = await (await entry!.getType('text/html')).text();
      return {
        types: [...entry!.types],
        table: table(html),
        expectedTable: table(expectedHtml),
        text: await (await entry!.getType('text/plain')).text(),
      };
    }, kit.signature.large.html);
    expect(clipboard.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(clipboard.text).toBe(kit.signature.large.text);
    expect(clipboard.expectedTable).toContain(`width="96"`);
    expect(clipboard.table).toBe(clipboard.expectedTable);
  });

  test('the options page changes the API URL after checking /health; the popup then asks to sign in to the new server', async () => {
    const options = await browser.context.newPage();
    await options.goto(extensionPage('options.html'));
    const input = options.locator('#api');
    await expect.poll(() => input.inputValue()).toBe(api.url);

    await input.fill('http://127.0.0.1:9');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Not saved: no BadgeLens server answered at http://127.0.0.1:9/health.').waitFor();

    await input.fill(otherApi.url);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText(`Saved. BadgeLens now uses ${otherApi.url}.`).waitFor();
    const stored = await browser.serviceWorker.evaluate(async () => {
      const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await chromeApi.storage.local.get('apiBaseUrl')).apiBaseUrl;
    });
    expect(stored).toBe(otherApi.url);
    await options.close();

    await page.goto(extensionPage('popup.html'));
    await page.getByRole('heading', { name: 'Sign in to see your badges' }).waitFor();
    expect(await page.getByText(`Your password goes only to your BadgeLens server (${otherApi.url}).`).count()).toBe(1);
  });
});
