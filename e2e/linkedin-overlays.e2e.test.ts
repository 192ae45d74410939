// Real browser: Debian's Chromium loads the built extension; a local server answers for
// www.linkedin.com with the fixtures; the real API (in-memory SQLite) verifies the badges.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES } from '../extension/test/linkedin-fixtures';
import { launchWithExtension, setApiBaseUrl, type ExtensionBrowser } from './support/chromium';
import { startLinkedInWithBadges, type LinkedInWithBadges } from './support/fixture-server';
import { eventually, expectOverlays, navigateInApp, profileUrl, readOverlays, type PageOverlays } from './support/overlays';

let site: LinkedInWithBadges;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  site = await startLinkedInWithBadges();
  browser = await launchWithExtension({ linkedinPort: site.linkedin.port });
  await setApiBaseUrl(browser.serviceWorker, site.api.url);
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * The store screenshots (docs/extension-store.md), 1280×800 as both stores take them, when asked:
 * `BADGELENS_STORE_SCREENSHOTS=docs/store npx vitest run -c vitest.e2e.config.ts e2e/linkedin-overlays.e2e.test.ts`.
 */
async function storeScreenshot(name: string, scrollTo?: string): Promise<void> {
  const dir = process.env.BADGELENS_STORE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  if (scrollTo) await page.evaluate((selector) => document.querySelector(selector)?.scrollIntoView({ block: 'start' }), scrollTo);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

// The tests run in order on one tab, like a recruiter's session: API down then back, the
// member view, its card and styles, SPA navigation, then the other layouts.
describe('LinkedIn overlays in Chromium', () => {
  test('API unavailable: the page still works, chips say Couldn’t check right now, Retry checks again', async () => {
    site.api.setDown(true);
    site.linkedin.useLayout('member-profile');
    await page.goto(profileUrl('member-profile'));
    await eventually(() => readOverlays(page), expectOverlays.apiDown);
    expect(await page.locator('h1').textContent()).toBe('Amara Okafor');
    site.api.setDown(false);
    await page.locator('[data-entry="valid"] badgelens-badge button.retry').click();
    await eventually(() => readOverlays(page), expectOverlays.checkedAgain);
  });

  test('member view: the right chip on each entry, non-BadgeLens entries untouched', async () => {
    site.linkedin.useLayout('member-profile');
    await page.goto(profileUrl('member-profile'));
    const overlays = await eventually(
      () => readOverlays(page),
      (o) => {
        expectOverlays.memberProfile(o);
        // The certification's years, under its chip; badges without a value show none.
        expect(o.attributes.valid).toBe('Certified Welding Inspector · 12 years');
        expect(o.attributes.expired).toBeNull();
        expect(o.imageLoaded.valid).toBe(true);
      },
    );
    expect(overlays.overlayCount.foreign).toBe(0);
    expect(overlays.overlayCount['no-link']).toBe(0);
    for (const name of ['valid', 'expired', 'revoked', 'mismatch']) expect(overlays.overlayCount[name], name).toBe(1);
    await storeScreenshot('1-statuses-on-a-profile', 'h1');
  });

  test('a repeat visit within the cache lifetime asks the API nothing and shows every chip with its image', async () => {
    // A revoked badge has no image (the API answers 410 Gone): that answer is remembered too.
    const everyImage = (o: PageOverlays) => {
      for (const name of ['valid', 'expired', 'mismatch']) expect(o.imageLoaded[name], name).toBe(true);
    };
    await eventually(() => readOverlays(page), everyImage); // the first visit is done with the API
    const before = site.api.requests.length;
    await page.goto(profileUrl('member-profile'));
    await eventually(
      () => readOverlays(page),
      (o) => {
        everyImage(o);
        expect(o.chips.valid).toEqual(['Verified']);
        expect(o.chips.revoked).toEqual(['Revoked: Issued in error: exam not passed']);
        expect(o.summaries).toEqual(['1 verified badge · 3 with problems']);
      },
    );
    expect(site.api.requests.slice(before)).toEqual([]);
  });

  test('LinkedIn’s CSS does not reach the chips, and BadgeLens adds no CSS to the page', async () => {
    const styles = await page.evaluate(() => {
      const chip = document.querySelector('[data-entry="valid"] badgelens-badge')!.shadowRoot!.querySelector('button.chip')!;
      const chipStyle = getComputedStyle(chip);
      return {
        // The fixture page sets `button { all: unset }` and a letter-spacing on every span.
        chipRadius: chipStyle.borderTopLeftRadius,
        chipPadding: chipStyle.paddingLeft,
        chipDisplay: chipStyle.display,
        labelSpacing: getComputedStyle(chip.querySelector('.chip-label')!).letterSpacing,
        documentStyles: document.querySelectorAll('style').length,
        pageSpanSpacing: getComputedStyle(document.querySelector('.pvs-header__title span')!).letterSpacing,
      };
    });
    expect(styles.chipRadius).toBe('999px');
    expect(styles.chipPadding).toBe('9px');
    expect(styles.chipDisplay).toBe('flex'); // our inline-flex, blockified as a flex item (the page's unset would give inline)
    expect(styles.labelSpacing).toBe('normal');
    expect(styles.documentStyles).toBe(1); // the fixture's own
    expect(styles.pageSpanSpacing).toBe('0.2px');
  });

  test('hovering a chip opens the details card above LinkedIn’s layout', async () => {
    await storeScreenshot('2-badge-details', '[data-entry="valid"]'); // sets the size and scroll; taken again below
    const chip = page.locator('[data-entry="valid"] badgelens-badge button.chip');
    await chip.hover();
    const card = page.locator('[data-entry="valid"] badgelens-badge .card');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    const text = await card.textContent();
    expect(text).toContain('Certified Welding Inspector');
    expect(text).toContain(site.api.issuerName);
    expect(text).toContain('Amara N. Okafor');
    expect(await card.locator('a').getAttribute('href')).toBe(site.urls.VALID);
    if (process.env.BADGELENS_STORE_SCREENSHOTS) await page.screenshot({ path: join(process.env.BADGELENS_STORE_SCREENSHOTS, '2-badge-details.png') });
    await page.mouse.move(0, 0);
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
    // Keyboard: focus opens it, Escape closes it.
    await chip.focus();
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  test('navigating to a second profile without a page load shows its overlays, and only its', async () => {
    await page.evaluate(navigateInApp, FIXTURES['second-profile']);
    await eventually(() => readOverlays(page), expectOverlays.secondProfile);
    expect(await page.locator('badgelens-badge').count()).toBe(1);
  });

  test('the redesigned layout (hashed classes, lockup rows, name in an h2)', async () => {
    site.linkedin.useLayout('redesign-profile');
    await page.goto(profileUrl('redesign-profile'));
    await eventually(() => readOverlays(page), expectOverlays.redesignProfile);
  });

  test('the guest view and the details page, including a badge that does not exist', async () => {
    site.linkedin.useLayout('guest-profile');
    await page.goto(profileUrl('guest-profile'));
    await eventually(() => readOverlays(page), expectOverlays.guestProfile);
    await page.goto(profileUrl('details-certifications'));
    await eventually(() => readOverlays(page), expectOverlays.detailsPage);
  });

  test('a self-claimed badge shows as self-claimed, never verified', async () => {
    // The demo earner's self-claimed skill badge, in the place of the mismatch entry.
    const claim = await site.api.db.selectFrom('self_claims').select('id').executeTakeFirstOrThrow();
    const mismatchUrl = site.urls.MISMATCH;
    site.urls.MISMATCH = `${site.api.url}/assertions/${claim.id}`;
    try {
      site.linkedin.useLayout('member-profile');
      await page.goto(profileUrl('member-profile'));
      await eventually(
        () => readOverlays(page),
        (o) => {
          expect(o.chips.valid).toEqual(['Verified']);
          expect(o.chips.mismatch?.[0]).toBe('Self-claimed');
          expect(o.chips.mismatch?.join(' ')).not.toMatch(/Verified/);
          expect(o.summaries).toEqual(['1 verified badge · 2 with problems · 1 self-claimed']);
        },
      );
    } finally {
      site.urls.MISMATCH = mismatchUrl;
    }
  });
});
