/**
 * `npm run bench:soak`: the API's memory under five minutes of mixed traffic (verify batches, badge
 * pages, Open Graph cards, certificates, the catalogue API) at 10 connections, its RSS printed every
 * 10 s from /proc, then for 60 s after the load stops: it should stay under 200 MB and return near
 * where it started (after 15 s without requests the server moves the cards and certificates it holds in
 * memory to disk: api/src/http/quietMemory.ts).
 *
 *   npm run bench:soak                    300 s of load
 *   npm run bench:soak -- --seconds=60    a shorter run
 */
import autocannon, { type Request, type RequestParams } from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardRun, loadAverage, megabytes, processCpuUs, processRssBytes, startServer, stopChild, type BenchServer } from './harness';
import { buildPagesDatabase } from './pagesData';
import { MEMORY_PATH } from './paths';

const PUBLIC_URL = 'https://badges.bench.test';
const BADGES = 100;
const CONNECTIONS = 10;
const SAMPLE_MS = 10_000;
const COOL_DOWN_MS = 60_000;
/** Issue 16: the RSS ceiling. */
const TARGET_RSS = 200 * 1024 * 1024;
/** Issue 16: "returns near its start after the load stops", read as within a quarter above the start. */
const NEAR_START = 1.25;

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** The server's own account of its memory: V8's heap, memory outside it (buffers, native code's allocations). */
async function memoryBreakdown(baseUrl: string): Promise<string> {
  const usage = (await (await fetch(`${baseUrl}${MEMORY_PATH}`)).json()) as { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; spaces: Record<string, { used: number; committed: number }> };
  const spaces = Object.entries(usage.spaces)
    .filter(([, space]) => space.committed > 1024 * 1024)
    .map(([name, space]) => `${name.replace(/_space$/, '')} ${megabytes(space.used)}/${megabytes(space.committed)}`);
  return `heap ${megabytes(usage.heapUsed)} used of ${megabytes(usage.heapTotal)} (used/resident: ${spaces.join(', ')}), external ${megabytes(usage.external)} (array buffers ${megabytes(usage.arrayBuffers)})`;
}

/** RSS split as /proc tells it: anonymous memory (heaps, malloc) and file-backed pages (the binary, libraries, mapped files). */
function residentKinds(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return `resident anonymous ${megabytes(kilobytes('RssAnon'))}, file-backed ${megabytes(kilobytes('RssFile'))}`;
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

async function main() {
  const seconds = Number(option('seconds') ?? 300);
  if (!Number.isFinite(seconds) || seconds < 1) throw new Error('--seconds=<n> takes a positive number');
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-soak-'));
  let server: BenchServer | undefined;
  const cleanUp = () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const endGuard = guardRun((seconds + 120) * 1000 + COOL_DOWN_MS, cleanUp);
  try {
    console.log(`BadgeLens soak: ${seconds} s of mixed traffic, ${CONNECTIONS} connections, ${BADGES} badges; load average ${loadAverage()}`);
    const target = join(dir, 'soak.db');
    const ids = await buildPagesDatabase(target, BADGES);
    server = await startServer({ target, publicUrl: PUBLIC_URL, rateLimits: 'on' });
    const { pid } = server;
    const startRss = processRssBytes(pid);
    console.log(`RSS at start (idle): ${megabytes(startRss)}; ${await memoryBreakdown(server.baseUrl)}`);
    const badgeUrl = () => `${PUBLIC_URL}/assertions/${pick(ids)}`;
    // Each connection runs this sequence in turn: verify, page, card, certificate, catalogue, JSON-LD.
    const requests: Request[] = [
      { method: 'POST', path: '/api/v1/verify', headers: { 'Content-Type': 'application/json' }, setupRequest: (r: RequestParams) => ({ ...r, body: JSON.stringify({ urls: Array.from({ length: 1 + Math.floor(Math.random() * 20) }, badgeUrl) }) }) },
      { method: 'GET', path: '/', headers: { Accept: 'text/html' }, setupRequest: (r: RequestParams) => ({ ...r, path: `/assertions/${pick(ids)}` }) },
      { method: 'GET', path: '/', setupRequest: (r: RequestParams) => ({ ...r, path: `/assertions/${pick(ids)}/og.png` }) },
      { method: 'GET', path: '/', setupRequest: (r: RequestParams) => ({ ...r, path: `/assertions/${pick(ids)}/certificate.pdf${Math.random() < 0.5 ? '?size=letter' : ''}` }) },
      { method: 'GET', path: '/api/v1/badges?category=skill' },
      { method: 'GET', path: '/', setupRequest: (r: RequestParams) => ({ ...r, path: `/assertions/${pick(ids)}.json` }) },
    ];
    const samples: { at: number; rss: number }[] = [];
    const started = performance.now();
    const cpuBefore = processCpuUs(pid);
    const sampler = setInterval(() => {
      const rss = processRssBytes(pid);
      samples.push({ at: performance.now() - started, rss });
      console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  RSS ${megabytes(rss)}`);
    }, SAMPLE_MS);
    const result = await autocannon({ url: server.baseUrl, connections: CONNECTIONS, duration: seconds, timeout: 30, requests });
    clearInterval(sampler);
    const cpu = processCpuUs(pid) - cpuBefore;
    const loadedRss = processRssBytes(pid);
    console.log(`Load done: ${result.requests.total.toLocaleString('en')} requests (${result.requests.average.toFixed(0)} req/s, ${(cpu / Math.max(1, result.requests.total)).toFixed(0)} µs CPU each), `
      + `${result.non2xx} non-2xx, ${result.errors} errors; RSS ${megabytes(loadedRss)}; ${await memoryBreakdown(server.baseUrl)}`);
    for (let waited = SAMPLE_MS; waited <= COOL_DOWN_MS; waited += SAMPLE_MS) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      console.log(`  idle ${String(waited / 1000).padStart(3)} s  RSS ${megabytes(processRssBytes(pid))}`);
    }
    const endRss = processRssBytes(pid);
    console.log(`  after the load: ${await memoryBreakdown(server.baseUrl)}; ${residentKinds(pid)}`);
    const peak = Math.max(startRss, loadedRss, endRss, ...samples.map((sample) => sample.rss));
    console.log(`RSS: start ${megabytes(startRss)}, peak ${megabytes(peak)} (target < ${megabytes(TARGET_RSS)}: ${peak < TARGET_RSS ? 'met' : 'NOT met'}), `
      + `${COOL_DOWN_MS / 1000} s after the load ${megabytes(endRss)} (${megabytes(endRss - startRss)} above start, ${(endRss / startRss).toFixed(2)}× the start; `
      + `target ≤ ${NEAR_START}×: ${endRss <= startRss * NEAR_START ? 'met' : 'NOT met'})`);
    if (result.errors > 0 || result.non2xx > 0) process.exitCode = 1;
  } finally {
    if (server) await stopChild(server.child);
    cleanUp();
    endGuard();
  }
}

await main();
