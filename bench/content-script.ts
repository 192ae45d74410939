// `npm run bench:content-script`: what the LinkedIn content script costs a recruiter's page,
// measured in Debian's Chromium on a ~1 MB profile with 20 BadgeLens certifications.
//  1. The feature's steps (scan, match, render) timed inside the page, median of repeated runs.
//  2. The real built extension: main-thread scripting time (CDP Performance.getMetrics
//     ScriptDuration) while the page loads and the overlays settle, and the extra scripting
//     per DOM mutation batch during LinkedIn-style churn, each against the same page and
//     churn in a browser without the extension.
//  3. The content script's bundle size, raw and gzip.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startApi } from '../e2e/support/api';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension, setApiBaseUrl } from '../e2e/support/chromium';
import { buildLargeProfile, CERTIFICATIONS } from './content-script-page';

const PROFILE_PATH = '/in/amara-okafor-4b1a2c/';
const CHURN_BATCHES = 60;
const CHURN_INTERVAL_MS = 100;
const CONTENT_SCRIPT = `${EXTENSION_DIR}/content-scripts/linkedin.js`;
const CONTENT_CSS = `${EXTENSION_DIR}/content-scripts/linkedin.css`;

async function main() {
  console.log('Building the extension…');
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  if (built.status !== 0) throw new Error('wxt build failed');

  const api = await startApi();
  const credentialUrls = await issueBadges(api.url, api.issuerApiKey, CERTIFICATIONS);
  const html = buildLargeProfile(credentialUrls);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === PROFILE_PATH) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  try {
    console.log(`Page: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB of HTML, ${CERTIFICATIONS} BadgeLens certifications\n`);
    const steps = await measureSteps(port, api.url);
    const withExtension = await measureBrowser(port, api.url, true);
    const without = await measureBrowser(port, api.url, false);
    const raw = statSync(CONTENT_SCRIPT).size;
    const gzip = gzipSync(readFileSync(CONTENT_SCRIPT)).length;
    const cssRaw = statSync(CONTENT_CSS).size;

    const rows: Array<[string, string]> = [
      ['feature steps, in the page (median)', ''],
      [`  scan: find ${steps.entries} credential entries + profile name`, ms(steps.scanMs)],
      ['  match: name check + chips for 20 results', ms(steps.matchMs)],
      ['  render: 20 shadow-root overlays (Preact)', ms(steps.renderMs)],
      ['real extension, main-thread scripting', ''],
      ['  page load until 20 overlays settled (with − without)', ms(withExtension.loadScriptMs - without.loadScriptMs)],
      [`  per mutation batch, ${CHURN_BATCHES} batches of churn (with − without)`, ms((withExtension.churnScriptMs - without.churnScriptMs) / CHURN_BATCHES)],
      ['  overlays time to settle after load', `${withExtension.settleMs.toFixed(0)} ms`],
      ['bundle', ''],
      ['  content-scripts/linkedin.js raw', kib(raw)],
      ['  content-scripts/linkedin.js gzip', kib(gzip)],
      ['  content-scripts/linkedin.css raw', kib(cssRaw)],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(value ? `${label.padEnd(width)}  ${value.padStart(10)}` : label);
    console.log(
      `\nraw: load script with=${ms(withExtension.loadScriptMs)} without=${ms(without.loadScriptMs)}; churn script with=${ms(withExtension.churnScriptMs)} without=${ms(without.churnScriptMs)}`,
    );
  } finally {
    server.close();
    await api.close();
  }
}

async function issueBadges(apiUrl: string, apiKey: string, count: number): Promise<string[]> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; url: string };
  };
  const badgeClass = await post('/api/v1/badges', { name: 'Bench badge', description: 'For the benchmark.', category: 'skill', criteria: 'None.' });
  const urls: string[] = [];
  for (let index = 0; index < count; index += 1) {
    urls.push((await post(`/api/v1/badges/${badgeClass.id}/assertions`, { email: `bench${index}@example.org`, name: 'Amara Okafor' })).url);
  }
  return urls;
}

/** The feature's own functions, bundled and run in the page of a browser without the extension. */
async function measureSteps(port: number, apiUrl: string) {
  const bundle = await build({
    entryPoints: ['bench/content-script-probe.tsx'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'badgelensProbe',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'chrome120',
    minify: true,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${port}`],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://www.linkedin.com${PROFILE_PATH}`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const css = readFileSync(CONTENT_CSS, 'utf8');
    return await page.evaluate(
      ([api, styles]) => (window as unknown as { badgelensProbe: { run(a: string, c: string) : { entries: number; scanMs: number; matchMs: number; renderMs: number } } }).badgelensProbe.run(api, styles),
      [apiUrl, css] as const,
    );
  } finally {
    await browser.close();
  }
}

async function scriptDuration(page: Page, cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }): Promise<number> {
  void page;
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

async function measureBrowser(port: number, apiUrl: string, withExtension: boolean) {
  let browser: { context: BrowserContext; close(): Promise<void> };
  if (withExtension) {
    const extended = await launchWithExtension({ linkedinPort: port });
    await setApiBaseUrl(extended.serviceWorker, apiUrl);
    browser = extended;
  } else {
    browser = await launchPlain(port);
  }
  try {
    const page = await browser.context.newPage();
    await page.goto('http://www.linkedin.com/warm-up');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const beforeLoad = await scriptDuration(page, cdp);
    const started = Date.now();
    await page.goto(`http://www.linkedin.com${PROFILE_PATH}`);
    let settleMs = 0;
    if (withExtension) {
      await page.waitForFunction(
        (count) =>
          [...document.querySelectorAll('badgelens-badge')].filter((host) => host.shadowRoot?.querySelector('.overlay[data-state="valid"]')).length === count &&
          document.querySelector('badgelens-summary') !== null,
        CERTIFICATIONS,
        { timeout: 30_000, polling: 50 },
      );
      settleMs = Date.now() - started;
    }
    await page.waitForTimeout(1500); // let images and the summary finish, same wait for both browsers
    const afterLoad = await scriptDuration(page, cdp);

    await page.evaluate(churn, { batches: CHURN_BATCHES, intervalMs: CHURN_INTERVAL_MS });
    await page.waitForTimeout(500);
    const afterChurn = await scriptDuration(page, cdp);
    if (withExtension) {
      const overlays = await page.locator('badgelens-badge').count();
      if (overlays !== CERTIFICATIONS) throw new Error(`expected ${CERTIFICATIONS} overlays after churn, found ${overlays}`);
    }
    return { loadScriptMs: afterLoad - beforeLoad, churnScriptMs: afterChurn - afterLoad, settleMs };
  } finally {
    await browser.close();
  }
}

async function launchPlain(port: number) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${port}`],
  });
  const context = await browser.newContext();
  return { context, close: () => browser.close() };
}

/** LinkedIn-style churn, in the page: feed cards come and go, lists re-render, counters tick. */
async function churn({ batches, intervalMs }: { batches: number; intervalMs: number }): Promise<void> {
  const main = document.querySelector('main')!;
  const aside = document.querySelector('aside') ?? document.body;
  const items = [...main.querySelectorAll('li')].slice(0, 200);
  for (let batch = 0; batch < batches; batch += 1) {
    const card = document.createElement('section');
    card.className = 'artdeco-card feed-shared-update-v2';
    for (let line = 0; line < 30; line += 1) {
      const row = document.createElement('div');
      row.className = 'update-components-text';
      const link = document.createElement('a');
      link.href = `https://www.linkedin.com/feed/update/urn:li:activity:${batch}${line}/`;
      link.textContent = `Post ${batch}.${line}`;
      row.append(link);
      card.append(row);
    }
    main.append(card);
    main.querySelector('section.feed-shared-update-v2')?.remove();
    const list = document.createElement('ul');
    for (let person = 0; person < 10; person += 1) {
      const li = document.createElement('li');
      li.textContent = `Person ${batch}.${person}`;
      list.append(li);
    }
    aside.querySelector('ul.bench-people')?.remove();
    list.className = 'bench-people';
    aside.append(list);
    for (let index = 0; index < 20; index += 1) items[(batch * 20 + index) % items.length]?.classList.toggle('hovered');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
