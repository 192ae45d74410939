/**
 * `npm run bench:pages`: the public badge page (GET /assertions/:id as HTML) against a trivial GET on
 * the same app, server stack and process; then the Open Graph card and the PDF certificate, cached
 * (200 with the kept bytes) and revalidated (304 on If-None-Match), with how many times the server
 * rendered them (once per badge and version, never again).
 *
 *   npm run bench:pages                 10 connections, 10 s per row
 *   npm run bench:pages -- --quick      2 s per row
 *   npm run bench:pages -- --cpu-prof=DIR   also writes a V8 CPU profile of the server to DIR
 *
 * Server CPU per request is read from /proc/<pid>/stat (on 2 cores the load generator bounds req/s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { failures, guardRun, load, loadAverage, megabytes, printTable, ratio, RENDERS_PATH, startServer, stopChild, TRIVIAL_PATH, type BenchServer, type LoadRequest, type Measurement } from './harness';
import { buildPagesDatabase } from './pagesData';

const PUBLIC_URL = 'https://badges.bench.test';
const BADGES = 200;
const CONNECTIONS = 10;
const HARD_LIMIT_MS = 300_000;
/** Issue 16: the badge page's share of the trivial GET (server CPU per request, and req/s). */
const TARGET_PAGE_RATIO = 0.3;

interface Row {
  name: string;
  measurement: Measurement;
}

async function renders(server: BenchServer): Promise<{ cards: number; certificates: number; bytes: number; diskBytes: number }> {
  return (await fetch(`${server.baseUrl}${RENDERS_PATH}`)).json() as Promise<{ cards: number; certificates: number; bytes: number; diskBytes: number }>;
}

/** One request timed from the client, with its ETag. */
async function timed(server: BenchServer, path: string): Promise<{ ms: number; etag: string }> {
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}${path}`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return { ms: performance.now() - started, etag: res.headers.get('etag') ?? '' };
}

async function main() {
  const quick = process.argv.includes('--quick');
  const seconds = quick ? 2 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-pages-'));
  let server: BenchServer | undefined;
  const cleanUp = () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const endGuard = guardRun(HARD_LIMIT_MS, cleanUp);
  try {
    console.log(`BadgeLens pages benchmark: ${BADGES} badges, ${CONNECTIONS} connections, ${seconds} s per row (Node ${process.versions.node}, ${availableParallelism()} CPUs${quick ? ', --quick' : ''})`);
    console.log(`Load average before: ${loadAverage()}`);
    const target = join(dir, 'pages.db');
    const ids = await buildPagesDatabase(target, BADGES);
    const cpuProfileDir = process.argv.find((arg) => arg.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
    server = await startServer({ target, publicUrl: PUBLIC_URL, rateLimits: 'on', cpuProfileDir });
    const running = server;

    // First renders, one at a time: what a cache miss costs.
    const one = ids[0];
    const firstCard = await timed(running, `/assertions/${one}/og.png`);
    const firstPdf = await timed(running, `/assertions/${one}/certificate.pdf`);
    const secondCard = await timed(running, `/assertions/${one}/og.png`);
    const secondPdf = await timed(running, `/assertions/${one}/certificate.pdf`);
    console.log(`First render (cache miss): OG card ${firstCard.ms.toFixed(0)} ms, certificate ${firstPdf.ms.toFixed(0)} ms; next request: ${secondCard.ms.toFixed(1)} ms, ${secondPdf.ms.toFixed(1)} ms`);
    // Every badge's files once, so the measured rows read kept files.
    for (const id of ids) {
      await timed(running, `/assertions/${id}/og.png`);
      await timed(running, `/assertions/${id}/certificate.pdf`);
    }
    const warmed = await renders(running);

    const each = (suffix: string) => ids.map((id) => `/assertions/${id}${suffix}`);
    const scenarios: { name: string; request: LoadRequest }[] = [
      { name: `GET ${TRIVIAL_PATH} (text)`, request: { method: 'GET', path: TRIVIAL_PATH } },
      { name: 'GET /assertions/:id, HTML page', request: { method: 'GET', path: '/', paths: each(''), headers: { Accept: 'text/html' } } },
      { name: 'GET /assertions/:id, JSON-LD', request: { method: 'GET', path: '/', paths: each('') } },
      { name: 'GET /assertions/:id/og.png (kept)', request: { method: 'GET', path: '/', paths: each('/og.png') } },
      { name: 'GET /assertions/:id/og.png, 304', request: { method: 'GET', path: `/assertions/${one}/og.png`, headers: { 'If-None-Match': firstCard.etag } } },
      { name: 'GET /assertions/:id/certificate.pdf (kept)', request: { method: 'GET', path: '/', paths: each('/certificate.pdf') } },
      { name: 'GET /assertions/:id/certificate.pdf, 304', request: { method: 'GET', path: `/assertions/${one}/certificate.pdf`, headers: { 'If-None-Match': firstPdf.etag } } },
    ];
    await load(running, scenarios[1].request, { connections: CONNECTIONS, seconds: 1 }); // warm-up
    const rows: Row[] = [];
    for (const { name, request } of scenarios) rows.push({ name, measurement: await load(running, request, { connections: CONNECTIONS, seconds }) });
    const after = await renders(running);

    console.log('');
    const base = rows[0].measurement;
    printTable(
      ['route', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'trivial CPU ÷ CPU', 'req/s ÷ trivial', 'RSS'],
      rows.map(({ name, measurement: m }) => [
        name, m.result.requests.average.toFixed(0), m.p50.toFixed(2), m.p99.toFixed(2), m.cpuPerRequestUs.toFixed(0),
        ratio(base.cpuPerRequestUs, m.cpuPerRequestUs), ratio(m.result.requests.average, base.result.requests.average), megabytes(m.rssBytes),
      ]),
    );
    const page = rows[1].measurement;
    const cpuRatio = base.cpuPerRequestUs / page.cpuPerRequestUs;
    const rateRatio = page.result.requests.average / base.result.requests.average;
    console.log(`Badge page ÷ trivial GET: CPU ${cpuRatio.toFixed(2)}, req/s ${rateRatio.toFixed(2)} (target ≥ ${TARGET_PAGE_RATIO}) ${Math.min(cpuRatio, rateRatio) >= TARGET_PAGE_RATIO ? 'met' : 'NOT met'}`);
    const served = rows.slice(3).reduce((sum, row) => sum + row.measurement.result.requests.total, 0);
    console.log(`Renders: ${warmed.cards} cards and ${warmed.certificates} certificates for ${BADGES} badges before the load; `
      + `${after.cards - warmed.cards} cards and ${after.certificates - warmed.certificates} certificates rendered while serving ${served.toLocaleString('en')} card and certificate requests `
      + `(${megabytes(after.bytes)} kept in memory, ${megabytes(after.diskBytes)} on disk). ${after.cards === warmed.cards && after.certificates === warmed.certificates && warmed.cards === BADGES && warmed.certificates === BADGES ? 'Each rendered once.' : 'RENDERED AGAIN.'}`);
    console.log(`Load average after: ${loadAverage()}`);
    const failed = rows.map(({ name, measurement }) => failures(name, measurement, name.endsWith(', 304'))).filter(Boolean);
    for (const line of failed) console.error(line);
    if (failed.length) process.exitCode = 1;
  } finally {
    if (server) await stopChild(server.child);
    cleanUp();
    endGuard();
  }
}

await main();
