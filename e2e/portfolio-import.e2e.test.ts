// Real browser: Debian's Chromium on the portfolio's "Add a badge from elsewhere" form, against the
// real API whose outbound requests for the fixture hosts reach a local fixture web (FETCH_TEST_HOSTS
// style). The earner signs in, adds a badge by its address, then a baked PNG and a baked SVG by file
// upload, and meets a clear refusal for somebody else's badge, with what they typed kept.
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../api/src/app';
import { bakeCredentialPng } from '../api/src/credentials/bake';
import { createAccount } from '../api/src/db/accounts';
import { openDb, type Db } from '../api/src/db/connection';
import { hashPassword } from '../api/src/earners/passwords';
import { createSafeFetch } from '../api/src/fetch';
import { bakeSvg } from '../api/src/openbadges/bake';
import { createForeignVerifier } from '../api/src/verify/foreign';
import { databaseResultCache } from '../api/src/verify/resultCache';
import { badgePng, badgeSvg, guildBadge, ROSA, SOMEONE_ELSE } from '../api/test/imports-fixtures';
import { didKeyIssuer, publishStatusList, signedCredential } from '../api/test/verify-fixture-badges';
import { FixtureWeb } from '../api/test/verify-fixture-web';
import { CHROMIUM_PATH } from './support/chromium';

const PASSWORD = 'a long test password';

let web: FixtureWeb;
let db: Db;
let server: ServerType;
let baseUrl: string;
let browser: Browser;
let page: Page;
let downloads: string;

beforeAll(async () => {
  web = await FixtureWeb.start();
  db = await openDb(':memory:');
  const safeFetch = createSafeFetch({ testHosts: web.testHosts(), resolve: async () => [] });
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  server = serve({ fetch: (request) => handler!(request), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createApp({ db, publicUrl: baseUrl, safeFetch, foreignVerifier: createForeignVerifier({ safeFetch, cache: databaseResultCache(db) }) });
  handler = (request) => app.fetch(request);
  await createAccount(db, { firstName: 'Rosa', lastName: 'Example', email: ROSA, passwordHash: await hashPassword(PASSWORD), verified: true });

  downloads = mkdtempSync(join(tmpdir(), 'badgelens-import-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(`${baseUrl}/portfolio`); // sends to the login page, and back here after
  await page.getByLabel('Email address').fill(ROSA);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/portfolio/), page.getByRole('button', { name: 'Log in' }).click()]);
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.destroy();
  await web?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

const importedItem = (name: string) => page.locator('li.badge-item[data-imported="true"]').filter({ hasText: name });

describe('Add a badge from elsewhere (portfolio, Chromium)', () => {
  test('adds a badge by its address', async () => {
    const hosted = guildBadge(web, 'e2e-url');
    await page.goto(`${baseUrl}/portfolio`);
    await page.getByLabel('Badge address').fill(hosted.assertionUrl);
    await Promise.all([page.waitForURL(/notice=badge-imported/), page.getByRole('button', { name: 'Check and add this badge' }).click()]);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('The badge is verified and added to your badges.');
    const item = importedItem('Pipe Welding Level 2');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('Imported from an Open Badges site');
  });

  test('adds a baked PNG (Open Badges 3.0) and a baked SVG (Open Badges 2.0) by file upload', async () => {
    const issuer = await didKeyIssuer('https://lists.keyholder.test');
    await publishStatusList(web, issuer, []);
    const png = bakeCredentialPng(await badgePng(), JSON.stringify(await signedCredential(issuer)));
    await page.goto(`${baseUrl}/portfolio`);
    await page.getByLabel('Or a badge file').setInputFiles({ name: 'tig.png', mimeType: 'image/png', buffer: png });
    await Promise.all([page.waitForURL(/notice=badge-imported/), page.getByRole('button', { name: 'Check and add this badge' }).click()]);
    await expect.poll(() => importedItem('TIG Welding Level 3').count()).toBe(1);

    const hosted = guildBadge(web, 'e2e-svg');
    const svg = bakeSvg(badgeSvg(), JSON.stringify(hosted.assertion));
    await page.goto(`${baseUrl}/portfolio`);
    await page.getByLabel('Or a badge file').setInputFiles({ name: 'pipe.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await Promise.all([page.waitForURL(/notice=badge-imported/), page.getByRole('button', { name: 'Check and add this badge' }).click()]);
    // The SVG's assertion lives at another id than the first badge: a second Pipe Welding badge.
    await expect.poll(() => importedItem('Pipe Welding Level 2').count()).toBe(2);
  });

  test('refuses somebody else’s badge on the page, keeping the address typed', async () => {
    const theirs = guildBadge(web, 'e2e-theirs', SOMEONE_ELSE);
    await page.goto(`${baseUrl}/portfolio`);
    await page.getByLabel('Badge address').fill(theirs.assertionUrl);
    const [response] = await Promise.all([page.waitForResponse((res) => res.url().endsWith('/portfolio/import')), page.getByRole('button', { name: 'Check and add this badge' }).click()]);
    expect(response.status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not one of your verified addresses');
    expect(await page.getByLabel('Badge address').inputValue()).toBe(theirs.assertionUrl);
    expect(await page.locator('li.badge-item[data-imported="true"]').count()).toBe(3);
  });
});
