// Every web screen a person meets, in Debian's Chromium at a desktop and a phone width, against the
// real API with the demo data: one header with the right links for who is looking, nothing wider than
// the screen, the register form's errors by their fields, the portfolio's words and questions.
// With BADGELENS_SCREENSHOTS=<folder> it also stores each screen as <name>-<width>.jpg (docs/screenshots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../api/src/earners/demoAccounts';
import type { MeBadge } from '../shared/schemas/earners';
import { startApi, type RunningApi } from './support/api';
import { launchChromium } from './support/chromium';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const screenshotFolder = process.env.BADGELENS_SCREENSHOTS;

let api: RunningApi;
let browser: Browser;
let badges: MeBadge[];

beforeAll(async () => {
  api = await startApi();
  browser = await launchChromium();
  const { token } = (await (
    await fetch(`${api.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }),
    })
  ).json()) as { token: string };
  const answer = await fetch(`${api.url}/api/v1/me/badges`, { headers: { authorization: `Bearer ${token}` } });
  badges = ((await answer.json()) as { items: MeBadge[] }).items;
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function signedInContext(width: number, height: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${api.url}/login`);
  await page.getByLabel('Email address').fill(DEMO_EARNER_EMAIL);
  await page.getByLabel('Password').fill(DEMO_EARNER_PASSWORD);
  await Promise.all([page.waitForURL(/\/portfolio/), page.getByRole('button', { name: 'Log in' }).click()]);
  await page.close();
  return context;
}

/** The header's link and button texts, in order. */
async function headerLinks(page: Page): Promise<string[]> {
  return page.locator('header.site-header nav li').evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** What every screen must be: one header, one main landmark, nothing wider than the window. */
async function checkScreen(page: Page, name: string, width: number): Promise<void> {
  // Stored first, so a failing screen can be looked at.
  if (screenshotFolder) {
    // A full-page picture shows images below the fold too.
    await page.evaluate(() => document.querySelectorAll('img').forEach((image) => (image.loading = 'eager')));
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    mkdirSync(screenshotFolder, { recursive: true });
    // JPEG, and at most the first 2,400 px of a long page, to keep the pictures in the repository small.
    const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: join(screenshotFolder, `${name}-${width}.jpg`), type: 'jpeg', quality: 70, fullPage: true, clip: { x: 0, y: 0, width, height } });
  }
  // Every stylesheet the page links loaded and applied (none refused by the page's policy), and none is inline.
  const styles = await page.evaluate(() => ({
    links: document.querySelectorAll('link[rel="stylesheet"]').length,
    applied: [...document.styleSheets].filter((sheet) => sheet.href && sheet.cssRules.length > 0).length,
    inline: document.querySelectorAll('style').length,
    font: getComputedStyle(document.body).fontFamily,
  }));
  expect(styles.links, name).toBeGreaterThan(0);
  expect(styles.applied, `${name}: a stylesheet did not load`).toBe(styles.links);
  expect(styles.inline, name).toBe(0);
  expect(styles.font, name).toContain('system-ui');
  expect(await page.locator('header.site-header').count(), name).toBe(1);
  expect(await page.locator('main#main').count(), name).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} at ${width} px is wider than the window`).toBeLessThanOrEqual(0);
}

describe.each(VIEWPORTS)('web screens at $name width', ({ width, height }) => {
  test('public pages: home, catalogue, a badge class, a badge, an organisation, the API docs without scripts', async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const publicBadge = badges.find((badge) => badge.isPublic && badge.claimState === 'accepted' && badge.status === 'valid')!;

    const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
    await page.goto(`${api.url}/catalogue`);
    await checkScreen(page, 'catalogue', width);
    const catalogueHeight = await pageHeight();
    const badgeClassPath = await page.locator('main a[href*="/badges/"]').first().getAttribute('href');
    await page.goto(new URL(badgeClassPath!, api.url).href);
    await checkScreen(page, 'badge-class', width);

    await page.goto(`${api.url}/`);
    await checkScreen(page, 'home', width);
    // A landing page, not the whole catalogue again.
    expect(await pageHeight()).toBeLessThan(catalogueHeight / 2);
    expect(await headerLinks(page)).toContain('My badges');

    await page.goto(publicBadge.url);
    await checkScreen(page, 'badge', width);
    const title = page.locator('main h1').first();
    // The badge's name is never cut off.
    expect(await title.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    expect((await title.textContent())?.trim()).toBe(publicBadge.name);

    // An organisation's public page, with its own stylesheet: roles as cards.
    await page.goto(`${api.url}/organisations/harborline-fabrication`);
    await checkScreen(page, 'organisation', width);
    expect(await page.locator('ul.entries').first().evaluate((list) => getComputedStyle(list).listStyleType)).toBe('none');

    // /docs is Scalar's renderer (api-reference.e2e.test.ts); this is the same reference for readers without scripts.
    await page.goto(`${api.url}/docs/plain`);
    await checkScreen(page, 'api-docs', width);
    // A Notes column appears only in a table where some field has a note: never an empty one.
    const emptyNotesColumns = await page.evaluate(() =>
      [...document.querySelectorAll('table')].filter((table) => {
        const column = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent?.trim() === 'Notes');
        return column >= 0 && [...table.querySelectorAll('tbody tr')].every((row) => !row.children[column]?.textContent?.trim());
      }).length,
    );
    expect(emptyNotesColumns).toBe(0);
    await context.close();
  });

  test('signed out: log in and register, with the errors next to their fields and the values kept', async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${api.url}/login`);
    await checkScreen(page, 'login', width);
    const links = await headerLinks(page);
    expect(links).toEqual(expect.arrayContaining(['Log in', 'Register']));
    expect(links.some((link) => link.startsWith('Log out'))).toBe(false);

    await page.goto(`${api.url}/register`);
    await page.getByLabel('First name').fill('Ines');
    await page.getByLabel('Last name').fill('Ferreira');
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.locator('.field-error').first().waitFor();
    await checkScreen(page, 'register-errors', width);
    const emailField = page.locator('.field', { has: page.getByLabel('Email address') });
    expect(await emailField.locator('.field-error').count()).toBe(1);
    expect(await page.getByLabel('First name').inputValue()).toBe('Ines');
    expect(await page.getByLabel('Email address').inputValue()).toBe('not-an-address');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    // The first field in error has the focus, so it is in view.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('email');
    await context.close();
  });

  test('signed in: portfolio, its questions, the share page and the profile', async () => {
    const context = await signedInContext(width, height);
    const page = await context.newPage();
    await page.goto(`${api.url}/portfolio`);
    await checkScreen(page, 'portfolio', width);
    const links = await headerLinks(page);
    expect(links).toEqual(expect.arrayContaining(['My badges', 'Profile']));
    expect(links.some((link) => link.startsWith('Log out'))).toBe(true);
    expect(links).not.toContain('Log in');
    // States are words, not only colours.
    const states = await page.locator('.badge-item .state').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((state) => state.trim().length > 0)).toBe(true);

    const shared = badges.find((badge) => badge.isPublic && badge.claimState === 'accepted' && badge.status === 'valid')!;
    await page.goto(`${api.url}/portfolio/badges/${shared.id}/private`);
    await checkScreen(page, 'make-private-question', width);
    expect(await page.locator('h1').textContent()).toContain('private?');

    await page.goto(`${api.url}/portfolio/badges/${shared.id}/share`);
    await checkScreen(page, 'share', width);

    const pending = badges.find((badge) => badge.claimState === 'pending');
    if (!pending) throw new Error('The demo earner has no pending badge: the demo data changed.');
    await page.goto(pending.url);
    await checkScreen(page, 'pending-badge', width);
    expect(await page.locator('main').textContent()).toMatch(/accept/i);

    await page.goto(`${api.url}/profile`);
    await checkScreen(page, 'profile', width);
    await context.close();
  });
});
