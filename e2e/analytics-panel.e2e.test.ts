// Real browser: Debian's Chromium opens the analytics panel in a test console route of the real API and
// sees uPlot draw the charts (canvas), with the page's Content-Security-Policy in force and not violated.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createApp } from '../api/src/app';
import type { Db } from '../api/src/db/connection';
import { createApiKey } from '../api/src/db/apiKeys';
import { createIssuer } from '../api/src/db/issuers';
import { ANALYTICS_PATH, mountAnalyticsPanel } from '../api/test/support/analyticsPanelApp';
import { serveEmptyApi, type EmptyApi } from './support/api';
import { launchChromium } from './support/chromium';

let api: EmptyApi;
let db: Db;
let url: string;
let browser: Browser;

beforeAll(async () => {
  let apiKey = '';
  api = await serveEmptyApi(async (database, publicUrl) => {
    const issuer = await createIssuer(database, { name: 'Chart Guild', url: 'https://guild.example', email: 'staff@guild.example' });
    apiKey = (await createApiKey(database, issuer.id)).apiKey;
    const app = createApp({ db: database, publicUrl });
    mountAnalyticsPanel(app, () => issuer.id);
    return app;
  });
  ({ db, url } = api);
  const auth = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${url}/api/v1/badges`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'Safe Welding', description: 'Welds safely.', category: 'skill', criteria: 'Passed the test.' }),
  });
  const badgeClass = (await created.json()) as { id: string };
  for (const name of ['ann', 'bob', 'cy']) {
    const issued = await fetch(`${url}/api/v1/badges/${badgeClass.id}/assertions`, { method: 'POST', headers: auth, body: JSON.stringify({ email: `${name}@example.com`, name }) });
    expect(issued.status).toBe(201);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('analytics panel in Chromium', () => {
  test('draws both charts with uPlot, switches interval, and breaks no part of the page policy', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(`${url}${ANALYTICS_PATH}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain(`${url}/assets/`);

    await page.locator('.analytics-chart[data-drawn="true"] canvas').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.locator('.analytics-chart canvas').count()).toBe(2);
    expect(await page.locator('.analytics-chart .u-title').allTextContents()).toEqual(['Issued, claimed and decided', 'Views, shares and verifications']);
    expect(await page.locator('.analytics-chart .u-legend').first().textContent()).toContain('Issued');
    expect(await page.locator('tr[data-metric="issued"] td').textContent()).toBe('3');

    await page.getByRole('link', { name: 'By month' }).click();
    await page.waitForURL(/interval=month/);
    await page.locator('.analytics-chart[data-drawn="true"] canvas').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('a[aria-current="page"]').textContent()).toBe('By month');

    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
