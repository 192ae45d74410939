// Real browser: Debian's Chromium walks the issuer console against the real API on a loopback port,
// with the bulk-issuing worker running as on the server. An owner (invited by the operator) signs in,
// creates a badge class with an uploaded image, issues one badge, uploads a 50-row CSV with three bad
// rows, sees the errors per row, confirms, watches the progress reach 100 %, downloads the report,
// revokes a badge and sees the counts change.
import { serve, type ServerType } from '@hono/node-server';
import { Resvg } from '@resvg/resvg-js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../api/src/app';
import { startBulkWorker, type BulkWorker } from '../api/src/bulk/worker';
import { acceptInvitation, checkInvitation, createInvitation } from '../api/src/console/data';
import { createAccount } from '../api/src/db/accounts';
import { openDb, type Db } from '../api/src/db/connection';
import { createIssuer } from '../api/src/db/issuers';
import { hashPassword } from '../api/src/earners/passwords';
import { CHROMIUM_PATH } from './support/chromium';

const PASSWORD = 'a long test password';
const OWNER = 'owner@console-e2e.test';

let db: Db;
let server: ServerType;
let worker: BulkWorker;
let baseUrl: string;
let browser: Browser;
let page: Page;
let dir: string;
let consoleUrl: string;

beforeAll(async () => {
  db = await openDb(':memory:');
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  server = serve({ fetch: (request) => handler!(request), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = startBulkWorker({ db, now: () => new Date(), publicUrl: baseUrl }, 200);
  const app = createApp({ db, publicUrl: baseUrl, onBulkJobQueued: () => worker.kick() });
  handler = (request) => app.fetch(request);
  const issuer = await createIssuer(db, { name: 'Guild of Browser Welders', url: 'https://guild.test', email: 'office@guild.test' });
  const account = await createAccount(db, { firstName: 'Olive', lastName: 'Owner', email: OWNER, passwordHash: await hashPassword(PASSWORD), verified: true });
  const token = await createInvitation(db, { issuerId: issuer.id, email: OWNER, role: 'owner', invitedBy: null }, new Date());
  const check = await checkInvitation(db, token, new Date());
  if (!check.ok) throw new Error('invitation not usable');
  await acceptInvitation(db, check.invitation, account.id, new Date());
  consoleUrl = `${baseUrl}/console/${issuer.id}`;

  dir = mkdtempSync(join(tmpdir(), 'badgelens-console-e2e-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ acceptDownloads: true });
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  (page as unknown as { blocked: string[] }).blocked = blocked;
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel('Email address').fill(OWNER);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/console\//), page.getByRole('button', { name: 'Log in' }).click()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();

/** The sums of the issued and revoked series the analytics page's lifecycle chart draws. */
async function chartTotals(): Promise<Record<string, number>> {
  const data = JSON.parse((await page.locator('#analytics-chart-data').textContent())!) as { charts: Record<string, { series: { label: string; values: number[] }[] }> };
  const series = data.charts.lifecycle.series.filter((one) => one.label === 'Issued' || one.label === 'Revoked');
  return Object.fromEntries(series.map((one) => [one.label, one.values.reduce((sum, value) => sum + value, 0)]));
}

describe('issuer console (Chromium)', () => {
  test('walks the console from a new badge class to a revoked badge', async () => {
    // A badge class with an uploaded image, previewed live.
    await page.getByRole('link', { name: 'New badge class' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Browser Welding');
    await expect.poll(() => page.locator('#preview-name').textContent()).toBe('Browser Welding');
    await page.getByLabel('Description').fill('Welds in a browser.');
    await page.getByLabel('Criteria').fill('Passed the browser test.');
    const png = join(dir, 'badge.png');
    writeFileSync(png, new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#1f6feb"/></svg>').render().asPng());
    await page.getByLabel('Image (PNG or SVG)').setInputFiles(png);
    await expect.poll(() => page.locator('#preview-image').getAttribute('src')).toMatch(/^data:image\/png/);
    await Promise.all([page.waitForURL(/notice=saved/), page.getByRole('button', { name: 'Create the badge class' }).click()]);
    expect(await page.locator('table.data').textContent()).toContain('Browser Welding');

    // One badge.
    await page.getByRole('link', { name: 'Issue', exact: true }).click();
    await page.getByLabel("Recipient's email").fill('single@ex.test');
    await page.getByLabel("Recipient's name").fill('Single Person');
    await Promise.all([page.waitForURL(/notice=issued/), page.getByRole('button', { name: 'Issue the badge' }).click()]);

    // 50 rows, three of them bad.
    const rows = Array.from({ length: 50 }, (_, index) => `person${index + 1}@ex.test,Person ${index + 1}`);
    rows[9] = 'not-an-email,Bad Email';
    rows[19] = 'noname@ex.test,';
    rows[29] = rows[0];
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, ['email,name', ...rows].join('\n'));
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(csv);
    await Promise.all([page.waitForURL(/bulk\/preview/), page.getByRole('button', { name: 'Check the file' }).click()]);
    expect(await figure('rows')).toBe('50');
    expect(await figure('errors')).toBe('3');
    expect(await page.locator('#preview-table tr.row-error').count()).toBe(3);
    expect(await page.locator('#preview-table tr[data-row="30"]').textContent()).toContain('duplicate row');

    await Promise.all([page.waitForURL(/\/jobs\//), page.getByRole('button', { name: 'Issue 47 badges' }).click()]);
    await expect.poll(() => page.locator('#job-progress-text').textContent(), { timeout: 60_000 }).toContain('100 %');
    await expect.poll(() => page.locator('#job-state').textContent(), { timeout: 60_000 }).toBe('done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the report (CSV)' }).click()]);
    const report = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(report).toHaveLength(51);
    expect(report.filter((line) => line.includes(',issued,'))).toHaveLength(47);
    expect(report.filter((line) => line.includes(',error,'))).toHaveLength(3);

    // Counts and charts, then revoke one and see them change.
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.locator('.analytics-chart[data-drawn="true"] canvas').first().waitFor({ timeout: 30_000 });
    expect(await chartTotals()).toEqual({ Issued: 48, Revoked: 0 });
    await page.getByRole('link', { name: 'Badge classes' }).click();
    expect(await figure('issued')).toBe('48');
    expect(await figure('revoked')).toBe('0');
    await page.getByRole('link', { name: 'Issued badges' }).click();
    await page.getByLabel('Recipient name or email').fill('person7@');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: 'Person 7', exact: true }).click();
    await page.getByLabel('Reason for revoking').fill('Issued by mistake');
    await Promise.all([page.waitForURL(/notice=revoked/), page.getByRole('button', { name: 'Revoke this badge' }).click()]);
    expect(await page.locator('#assertion-state').textContent()).toContain('revoked (Issued by mistake)');
    await page.getByRole('link', { name: 'Badge classes' }).click();
    expect(await figure('revoked')).toBe('1');
    // The analytics say the same, and draw their charts under the console's policy.
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.locator('.analytics-chart[data-drawn="true"] canvas').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.locator('tr[data-metric="issued"] td').textContent()).toBe('48');
    expect(await page.locator('tr[data-metric="revoked"] td').textContent()).toBe('1');
    expect(await chartTotals()).toEqual({ Issued: 48, Revoked: 1 });
    expect((page as unknown as { blocked: string[] }).blocked).toEqual([]);
  });
});
