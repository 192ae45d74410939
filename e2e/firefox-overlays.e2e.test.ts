// Real Firefox: Debian's Firefox ESR runs the built Firefox extension (.output/firefox-mv3) as a
// temporary add-on, driven over WebDriver BiDi; a local server answers for www.linkedin.com with
// the same fixtures as the Chromium test; the real API (in-memory SQLite) verifies the badges.
// The earner's popup is signed in to and used here too; the job-site panels are tested in Chromium only.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURES } from '../extension/test/linkedin-fixtures';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../api/src/earners/demoAccounts';
import { launchFirefoxWithExtension, openExtensionPage, setFirefoxApiBaseUrl, type FirefoxWithExtension } from './support/firefox';
import { startLinkedInWithBadges, type LinkedInWithBadges } from './support/fixture-server';
import { eventually, expectOverlays, navigateInApp, profileUrl, readOverlays } from './support/overlays';

let site: LinkedInWithBadges;
let firefox: FirefoxWithExtension;
let page: Page;

beforeAll(async () => {
  site = await startLinkedInWithBadges();
  firefox = await launchFirefoxWithExtension({ linkedinPort: site.linkedin.port });
  await setFirefoxApiBaseUrl(firefox, site.api.url);
  page = await firefox.browser.newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await firefox?.close();
  await site?.close();
});

const chipOf = (entry: string) => `[data-entry="${entry}"] badgelens-badge >>> button.chip`;
const cardOf = (entry: string) => `[data-entry="${entry}"] badgelens-badge >>> .card`;
// Generous: two browsers and the API share two CPU cores with other work.
const SLOW = 30_000;

describe('LinkedIn overlays in Firefox', () => {
  test('API unavailable: the page still works, chips say Couldn’t check right now, Retry checks again', async () => {
    site.api.setDown(true);
    site.linkedin.useLayout('member-profile');
    await page.goto(profileUrl('member-profile'));
    await eventually(() => readOverlays(page), expectOverlays.apiDown, SLOW);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Amara Okafor');
    site.api.setDown(false);
    await page.click('[data-entry="valid"] badgelens-badge >>> button.retry');
    await eventually(() => readOverlays(page), expectOverlays.checkedAgain, SLOW);
  });

  test('member view: the right status on each entry, badge images, non-BadgeLens entries untouched', async () => {
    site.linkedin.useLayout('member-profile');
    await page.goto(profileUrl('member-profile'));
    const overlays = await eventually(
      () => readOverlays(page),
      (o) => {
        expectOverlays.memberProfile(o);
        for (const name of ['valid', 'expired', 'mismatch']) expect(o.imageLoaded[name], name).toBe(true);
      },
      SLOW,
    );
    expect(overlays.overlayCount.foreign).toBe(0);
    expect(overlays.overlayCount['no-link']).toBe(0);
    for (const name of ['valid', 'expired', 'revoked', 'mismatch']) expect(overlays.overlayCount[name], name).toBe(1);
  });

  test('hovering a chip opens the details card; focus opens it and Escape closes it', async () => {
    await page.hover(chipOf('valid'));
    const card = await page.waitForSelector(cardOf('valid'), { visible: true, timeout: SLOW });
    const text = await card!.evaluate((element) => element.textContent);
    expect(text).toContain('Certified Welding Inspector');
    expect(text).toContain(site.api.issuerName);
    expect(text).toContain('Amara N. Okafor');
    expect(await card!.$eval('a', (link) => link.getAttribute('href'))).toBe(site.urls.VALID);
    await page.mouse.move(0, 0);
    await page.waitForSelector(cardOf('valid'), { hidden: true, timeout: SLOW });
    await page.focus(chipOf('valid'));
    await page.waitForSelector(cardOf('valid'), { visible: true, timeout: SLOW });
    await page.keyboard.press('Escape');
    await page.waitForSelector(cardOf('valid'), { hidden: true, timeout: SLOW });
  });

  test('navigating to a second profile without a page load shows its overlays, and only its', async () => {
    await page.evaluate(navigateInApp, FIXTURES['second-profile']);
    await eventually(() => readOverlays(page), expectOverlays.secondProfile, SLOW);
    expect(await page.$$eval('badgelens-badge', (hosts) => hosts.length)).toBe(1);
  });

  test('the redesigned layout, the guest view and the details page with a badge that does not exist', async () => {
    site.linkedin.useLayout('redesign-profile');
    await page.goto(profileUrl('redesign-profile'));
    await eventually(() => readOverlays(page), expectOverlays.redesignProfile, SLOW);
    site.linkedin.useLayout('guest-profile');
    await page.goto(profileUrl('guest-profile'));
    await eventually(() => readOverlays(page), expectOverlays.guestProfile, SLOW);
    await page.goto(profileUrl('details-certifications'));
    await eventually(() => readOverlays(page), expectOverlays.detailsPage, SLOW);
  });
});

describe('the earner popup in Firefox', () => {
  test('signs in as the demo earner, lists the badges and accepts the pending one', async () => {
    const popup = await openExtensionPage(firefox, 'popup.html');
    try {
      popup.setDefaultTimeout(SLOW);
      await popup.waitForSelector('#sign-in-email');
      await popup.type('#sign-in-email', DEMO_EARNER_EMAIL);
      await popup.type('#sign-in-password', DEMO_EARNER_PASSWORD);
      await popup.click('button[type="submit"]');
      const states = () => popup.$$eval('li.badge .state', (elements) => elements.map((element) => element.textContent));
      await eventually(states, (shown) => {
        expect(shown.length).toBeGreaterThan(5);
        expect(shown.filter((state) => state === 'Pending')).toHaveLength(1);
      }, SLOW);
      expect(await popup.$eval('#badges-heading', (heading) => heading.textContent)).toMatch(/^Your badges \(\d+\)$/);
      // Dates in the browser's language (en-US here), months spelled out.
      expect(await popup.$eval('li.badge .badge-date', (date) => date.textContent)).toMatch(/^Issued [A-Z][a-z]+ \d{4}/);
      await popup.click('li.badge button[aria-describedby]'); // the pending badge comes first (newest) with its Accept button
      await eventually(states, (shown) => expect(shown).not.toContain('Pending'), SLOW);
    } finally {
      await popup.close();
    }
  });
});
