// Real browser: Debian's Chromium opens the API reference at /docs, where Scalar's renderer (served by
// the API from its npm package) draws /openapi.json. Every request the page makes is recorded: all of
// them go to the API itself, none to any other host (fonts, proxies, telemetry), and the page's policy
// is never violated.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../api/src/app';
import { apiRouteDocs } from '../api/src/openapi';
import { serveEmptyApi, type EmptyApi } from './support/api';
import { launchChromium } from './support/chromium';

let api: EmptyApi;
let url: string;
let browser: Browser;

beforeAll(async () => {
  api = await serveEmptyApi((db, publicUrl) => createApp({ db, publicUrl }));
  url = api.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

interface Watched {
  page: Page;
  /** Every URL the page asked for, whether or not the policy let it through. */
  requested: string[];
  violations: string[];
  errors: string[];
}

/** A page whose requests, policy violations and script errors are recorded; requests to other hosts never leave the machine. */
async function watchedPage(width: number, height: number): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height } });
  const watched: Watched = { page: await context.newPage(), requested: [], violations: [], errors: [] };
  context.on('request', (request) => watched.requested.push(request.url()));
  await context.route(
    (target) => target.origin !== url,
    (route) => route.abort('blockedbyclient'),
  );
  watched.page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) watched.violations.push(message.text());
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  watched.page.on('pageerror', (error) => watched.errors.push(error.message));
  return watched;
}

const verifyRoute = apiRouteDocs.find((route) => route.method === 'post' && route.path === '/api/v1/verify')!;

/** The first string in an example (a URL of the example body, say), to look for on the page. */
function firstString(example: unknown): string {
  if (typeof example === 'string') return example;
  const values = example && typeof example === 'object' ? Object.values(example) : [];
  return values.map(firstString).find((text) => text !== '') ?? '';
}

describe('API reference at /docs in Chromium', () => {
  test.each([
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ])('draws the operations with their examples at $name width, from the API alone', async ({ width, height }) => {
    const { page, requested, violations, errors } = await watchedPage(width, height);
    await page.goto(`${url}/docs`);
    await expect.poll(() => page.getByRole('heading', { name: 'BadgeLens API' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The verify route, opened from the search as a reader would.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').fill(verifyRoute.path);
    await page.getByRole('option', { name: new RegExp(verifyRoute.summary.slice(0, 30)) }).first().click();
    const heading = page.getByRole('heading', { name: verifyRoute.summary });
    await expect.poll(() => heading.isVisible(), { timeout: 30_000 }).toBe(true);
    // Its example request (a curl command with the example body) and its example answer.
    const section = page.locator('section', { has: heading }).first();
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).toContain(`curl ${url}${verifyRoute.path}`);
    const text = (await section.textContent()) ?? '';
    expect(text).toContain(firstString(verifyRoute.exampleBody));
    expect(text).toContain(firstString(verifyRoute.responses[200]!.example));

    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((address) => new URL(address).origin !== url)).toEqual([]);
    expect(requested).toContain(`${url}/openapi.json`);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // Nothing that would send requests elsewhere: no request client, no agent, no developer toolbar.
    for (const text of ['Test Request', 'Ask AI', 'Developer Tools']) expect(await page.getByText(text).count(), text).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `wider than the window at ${width} px`).toBeLessThanOrEqual(0);
    await page.context().close();
  }, 120_000);
});
