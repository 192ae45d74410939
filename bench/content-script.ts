// `npm run bench:content-script`: what the LinkedIn content script costs a recruiter's page,
// measured in Debian's Chromium on a ~1 MB profile with 20 BadgeLens certifications.
//  1. The feature's steps (scan, match, render) timed inside the page, median of repeated runs.
//  2. The real built extension: CPU time spent in the content script (CDP sampling profiler,
//     every sample whose stack runs through content-scripts/linkedin.js) while the page loads
//     and the overlays settle, and per DOM mutation batch during LinkedIn-style churn.
//  3. The content script's bundle size, raw and gzip.
//  4. The job-sites content script on a LinkedIn Jobs search page (50 job cards beside the open
//     posting): reading the posting and extracting its skill phrases, and its bundle size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { startApi } from '../e2e/support/api';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension, setApiBaseUrl } from '../e2e/support/chromium';
import { buildLargeProfile, CERTIFICATIONS } from './content-script-page';
import { JOB_FIXTURES, loadJobFixture } from '../extension/test/jobsite-fixtures';

const PROFILE_PATH = '/in/amara-okafor-4b1a2c/';
const CHURN_BATCHES = 60;
const CHURN_INTERVAL_MS = 100;
const CONTENT_SCRIPT = `${EXTENSION_DIR}/content-scripts/linkedin.js`;
const CONTENT_CSS = `${EXTENSION_DIR}/content-scripts/linkedin.css`;
const JOBSITES_SCRIPT = `${EXTENSION_DIR}/content-scripts/jobsites.js`;
const JOB_CARDS = 50;

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
    const extension = await measureExtension(port, api.url);
    const raw = statSync(CONTENT_SCRIPT).size;
    const gzip = gzipSync(readFileSync(CONTENT_SCRIPT)).length;
    const cssRaw = statSync(CONTENT_CSS).size;
    const jobs = await measureJobPosting();

    const rows: Array<[string, string]> = [
      ['feature steps, in the page (median)', ''],
      [`  scan: find ${steps.entries} credential entries + profile name`, ms(steps.scanMs)],
      ['  match: name check + chips for 20 results', ms(steps.matchMs)],
      ['  render: 20 shadow-root overlays (Preact)', ms(steps.renderMs)],
      ['real extension in Chromium, CPU time in the content script (sampled)', ''],
      ['  page load until 20 overlays with images + summary', ms(extension.loadMs)],
      [`  per mutation batch, ${CHURN_BATCHES} batches of LinkedIn-style churn`, ms(extension.churnMs / CHURN_BATCHES)],
      ['  time from navigation to overlays settled (wall clock)', `${extension.settleMs.toFixed(0)} ms`],
      ['bundle', ''],
      ['  content-scripts/linkedin.js raw', kib(raw)],
      ['  content-scripts/linkedin.js gzip', kib(gzip)],
      ['  content-scripts/linkedin.css raw', kib(cssRaw)],
      [`job posting: LinkedIn Jobs search page, ${JOB_CARDS} job cards, ${(jobs.htmlBytes / 1024).toFixed(0)} KiB (median)`, ''],
      [`  scan: read the open posting (${jobs.textChars} characters)`, ms(jobs.scanMs)],
      [`  extract: ${jobs.skills.length} skill phrases (${jobs.skills.slice(0, 4).join(', ')}…)`, ms(jobs.extractMs)],
      ['  content-scripts/jobsites.js raw', kib(statSync(JOBSITES_SCRIPT).size)],
      ['  content-scripts/jobsites.js gzip', kib(gzipSync(readFileSync(JOBSITES_SCRIPT)).length)],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(value ? `${label.padEnd(width)}  ${value.padStart(10)}` : label);
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

/** Reading a posting and extracting its skills, in a page of Chromium without the extension. */
async function measureJobPosting() {
  const fixture = loadJobFixture('linkedin-jobs/search-two-pane');
  const card = /<li class="jobs-search-results__list-item[\s\S]*?<\/li>/.exec(fixture)![0];
  const html = fixture.replace(card, Array.from({ length: JOB_CARDS }, () => card).join('\n'));
  const bundle = await build({
    entryPoints: ['bench/content-script-jobs-probe.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'badgelensJobsProbe',
    target: 'chrome120',
    minify: true,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const result = await page.evaluate(
      (url) => (window as unknown as { badgelensJobsProbe: { run(u: string): { scanMs: number; extractMs: number; textChars: number; skills: string[] } } }).badgelensJobsProbe.run(url),
      JOB_FIXTURES['linkedin-jobs/search-two-pane'],
    );
    return { ...result, htmlBytes: Buffer.byteLength(html) };
  } finally {
    await browser.close();
  }
}

interface CpuProfile {
  nodes: Array<{ id: number; children?: number[]; callFrame: { functionName: string; url: string; columnNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/** Milliseconds of CPU samples whose stack runs through the content script (its own code and the DOM calls it makes). */
function contentScriptTime(profile: CpuProfile): number {
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inScript = new Map<number, boolean>();
  const isInScript = (id: number): boolean => {
    const known = inScript.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const parent = parents.get(id);
    const value = node.callFrame.url.includes('/content-scripts/linkedin.js') || (parent !== undefined && isInScript(parent));
    inScript.set(id, value);
    return value;
  };
  let micros = 0;
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    if (isInScript(id)) {
      micros += profile.timeDeltas[index] ?? 0;
      const node = byId.get(id)!;
      const key = `${node.callFrame.functionName} ${node.callFrame.url.split('/').pop()}:${node.callFrame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
    }
  });
  // BENCH_DEBUG=1: where the time goes (self time per function of the minified bundle).
  if (process.env.BENCH_DEBUG) console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(1)} ${k}`).join('\n'));
  return micros / 1000;
}

async function profiled<T>(cdp: Cdp, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  await cdp.send('Profiler.start');
  const value = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  return { value, ms: contentScriptTime(profile) };
}

/** The built extension in Chromium: its scripting while the page loads, then per churn batch. */
async function measureExtension(port: number, apiUrl: string) {
  const browser = await launchWithExtension({ linkedinPort: port });
  try {
    await setApiBaseUrl(browser.serviceWorker, apiUrl);
    const page = await browser.context.newPage();
    await page.goto('http://www.linkedin.com/warm-up');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

    const load = await profiled(cdp, async () => {
      const started = Date.now();
      await page.goto(`http://www.linkedin.com${PROFILE_PATH}`);
      await page.waitForFunction(
        (count) =>
          [...document.querySelectorAll('badgelens-badge')].filter((host) => host.shadowRoot?.querySelector('.overlay[data-state="valid"] img')).length === count &&
          document.querySelector('badgelens-summary') !== null,
        CERTIFICATIONS,
        { timeout: 30_000, polling: 50 },
      );
      const settleMs = Date.now() - started;
      await page.waitForTimeout(500);
      return settleMs;
    });

    const churned = await profiled(cdp, async () => {
      await page.evaluate(churn, { batches: CHURN_BATCHES, intervalMs: CHURN_INTERVAL_MS });
      await page.waitForTimeout(300);
    });
    const overlays = await page.locator('badgelens-badge').count();
    if (overlays !== CERTIFICATIONS) throw new Error(`expected ${CERTIFICATIONS} overlays after churn, found ${overlays}`);
    return { loadMs: load.ms, settleMs: load.value, churnMs: churned.ms };
  } finally {
    await browser.close();
  }
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
