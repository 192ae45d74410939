/**
 * Benchmark of POST /api/v1/verify against GET /health, on a database of 100,000 assertions, and
 * with badges of other sites (Open Badges 2.0 hosted on fixture hosts on loopback, reached through
 * FETCH_TEST_HOSTS and the SSRF-safe fetcher): warm (results cached) and cold (every URL new).
 *
 *   npm run bench:verify              20 connections, 10 s per route
 *   npm run bench:verify -- --quick   2 s per route
 *
 * The app runs in a child process (this file with --serve), the foreign hosts in another (--hosts),
 * so that the load generator, the server and the hosts do not share one event loop; all of them
 * listen and connect on 127.0.0.1 only.
 */
import autocannon, { type Result } from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERIFY_STATUSES, verifyResponseSchema, type VerifyStatus } from '../shared/schemas/verify';
import { createApp } from '../api/src/app';
import { safeFetchFromEnv } from '../api/src/fetch';
import { serveApp } from '../api/src/http/nodeServer';
import { openDb } from '../api/src/db/connection';
import { hashRecipient, randomId } from '../api/src/lib/crypto';

const PUBLIC_URL = 'https://badges.bench.test';
const ASSERTION_COUNT = 100_000;
const CONNECTIONS = 20;
const BATCH_SIZES = [1, 20, 100] as const;
const BODIES_PER_SIZE = 256;
/** The whole run stops by itself after this, whatever happens. */
const HARD_LIMIT_MS = 240_000;
/** Foreign hosts on loopback (each serves any /assertions/<n>, one badge class and one issuer). */
const FOREIGN_HOSTS = Array.from({ length: 20 }, (_, i) => `badges-${String(i + 1).padStart(2, '0')}.issuers.bench.test`);
/** Cold requests (each with 100 URLs never verified before) measured. */
const COLD_REQUESTS = 40;
const OB2 = 'https://w3id.org/openbadges/v2';

interface Scenario {
  name: string;
  urlsPerRequest: number;
  request: { method: 'GET' | 'POST'; path: string; bodies?: string[] };
  /** A fixed number of requests (each body once) instead of a time. */
  amount?: number;
}

interface Measurement {
  result: Result;
  /** Percentiles from every response time (autocannon's own histogram has whole-millisecond resolution). */
  p50: number;
  p99: number;
  mean: number;
}

interface Row {
  scenario: Scenario;
  measurement: Measurement;
}

// ---------------------------------------------------------------- server (child process)

function runServer(dbPath: string) {
  const db = openDb(dbPath);
  // FETCH_TEST_HOSTS (set by main) sends the foreign hosts to the --hosts process.
  const { safeFetch } = safeFetchFromEnv();
  // The load generator is one client: with the verify rate limit on, it would measure 429s (RATE_LIMITS=off).
  const app = createApp({ db, publicUrl: PUBLIC_URL, rateLimits: 'off', safeFetch });
  // The same server setup as api/src/server.ts.
  void serveApp(app.fetch, { port: 0, hostname: '127.0.0.1' }).then(({ server, port }) => {
    process.send?.({ port });
    process.on('disconnect', () => {
      server.close();
      db.close();
      process.exit(0);
    });
  });
}

// ---------------------------------------------------------------- foreign hosts (child process)

/** Every fixture host: any /assertions/<n> is a hosted assertion of its one badge class, by its one issuer. */
function runForeignHosts() {
  const send = (response: http.ServerResponse, body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/ld+json', 'cache-control': 'max-age=3600' });
    response.end(JSON.stringify(body));
  };
  const server = http.createServer((request, response) => {
    const host = (request.headers.host ?? '').toLowerCase();
    const base = `https://${host}`;
    const path = request.url ?? '';
    const assertion = /^\/assertions\/(\d{1,12})$/.exec(path);
    if (assertion) {
      return send(response, {
        '@context': OB2, type: 'Assertion', id: `${base}${path}`, badge: `${base}/badges/b1`, verification: { type: 'hosted' },
        recipient: { type: 'email', hashed: true, salt: 's', identity: hashRecipient(`earner${assertion[1]}@bench.example`, 's') },
        issuedOn: '2025-03-01T09:00:00.000Z',
      });
    }
    if (path === '/badges/b1') return send(response, { '@context': OB2, type: 'BadgeClass', id: `${base}/badges/b1`, name: 'Bench Foreign Badge', description: 'A badge of another site.', image: `${base}/badges/b1/image.png`, criteria: { narrative: 'n' }, issuer: `${base}/issuers/i1` });
    if (path === '/issuers/i1') return send(response, { '@context': OB2, type: 'Issuer', id: `${base}/issuers/i1`, name: `Issuer of ${host}`, url: 'https://issuer.example' });
    response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
    process.on('disconnect', () => {
      server.close();
      process.exit(0);
    });
  });
}

// ---------------------------------------------------------------- database

function buildDatabase(path: string): { ids: string[]; ms: number } {
  const started = performance.now();
  const db = openDb(path);
  const ids: string[] = [];
  const issued = '2025-03-01T09:00:00.000Z';
  const past = '2026-01-01T00:00:00.000Z';
  const future = '2099-01-01T00:00:00.000Z';
  db.transaction(() => {
    const issuers = [
      { name: 'Bench Welding Society', url: 'https://welding.example', email: 'office@welding.example', image: 'https://welding.example/logo.png' },
      { name: 'Bench State Consortium', url: 'https://consortium.example', email: 'office@consortium.example' },
      { name: 'Bench Training Company', url: 'https://training.example', email: 'office@training.example' },
    ];
    const categories = ['certification', 'skill', 'knowledge', 'education', 'career', 'membership'] as const;
    const badgeClassIds: string[] = [];
    for (const input of issuers) {
      // Plain inserts: the data modules' functions are async, and a better-sqlite3 transaction must be synchronous.
      const issuerId = randomId(12);
      db.prepare(`INSERT INTO issuers (id, name, url, email, image, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(issuerId, input.name, input.url, input.email, input.image ?? null, issued, issued);
      for (let i = 0; i < 2; i++) {
        const id = randomId(12);
        db.prepare(
          `INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, issuerId, `${input.name} badge ${i + 1}`, 'A badge for the benchmark.', categories[badgeClassIds.length], 'Do the thing.', issued, issued);
        badgeClassIds.push(id);
      }
    }
    const insert = db.prepare(
      `INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name,
         issued_on, expires, revoked, revocation_reason, revoked_at, claim_state, is_public, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < ASSERTION_COUNT; i++) {
      // Per hundred: 5 revoked, 5 expired, 10 expiring later, 1 private, the rest valid without expiry.
      const slot = i % 100;
      const revoked = slot < 5;
      const expires = slot >= 5 && slot < 10 ? past : slot >= 10 && slot < 20 ? future : null;
      const id = randomId(16);
      const salt = randomId(16);
      const email = `earner${i}@earners.example`;
      insert.run(id, badgeClassIds[i % badgeClassIds.length], email, salt, hashRecipient(email, salt), `Bench Earner ${i}`,
        issued, expires, revoked ? 1 : 0, revoked ? 'Issued in error' : null, revoked ? issued : null, 'accepted',
        slot === 20 ? 0 : 1, issued);
      ids.push(id);
    }
  })();
  db.close();
  return { ids, ms: performance.now() - started };
}

// ---------------------------------------------------------------- requests

/** The forms a page shows: page URL, tracking query, JSON URL, LinkedIn redirect; plus a few that are not badges. */
function randomUrl(ids: string[], serial: number): string {
  const roll = Math.random();
  // Not a badge (other sites' badges are fetched: they have rows of their own below).
  if (roll < 0.03) return `${PUBLIC_URL}/catalogue?q=welding&n=${serial}`;
  if (roll < 0.05) return `${PUBLIC_URL}/assertions/${randomId(16)}`; // well-formed, unknown
  const page = `${PUBLIC_URL}/assertions/${ids[Math.floor(Math.random() * ids.length)]}`;
  switch (serial % 4) {
    case 0:
      return page;
    case 1:
      return `${page}?trk=public_profile_certification-title`;
    case 2:
      return `${page}.json`;
    default:
      return `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(page)}&urlhash=Ab1c`;
  }
}

function requestBodies(ids: string[], urlsPerRequest: number): string[] {
  let serial = 0;
  return Array.from({ length: BODIES_PER_SIZE }, () =>
    JSON.stringify({ urls: Array.from({ length: urlsPerRequest }, () => randomUrl(ids, serial++)) }),
  );
}

let foreignSerial = 0;

/** Bodies of foreign badge URLs, spread over the fixture hosts; `fresh`: never used before (cold). */
function foreignBodies(count: number, urlsPerRequest: number, fresh: boolean, pool = 2000): string[] {
  return Array.from({ length: count }, () =>
    JSON.stringify({
      urls: Array.from({ length: urlsPerRequest }, () => {
        const n = fresh ? 1_000_000 + foreignSerial++ : Math.floor(Math.random() * pool);
        return `https://${FOREIGN_HOSTS[n % FOREIGN_HOSTS.length]}/assertions/${n}?trk=public_profile_certification-title`;
      }),
    }),
  );
}

/** Half of this server's badges, half of other sites' (warm), as a profile mixes them. */
function mixedBodies(ids: string[], urlsPerRequest: number): string[] {
  const local = requestBodies(ids, urlsPerRequest / 2).map((body) => (JSON.parse(body) as { urls: string[] }).urls);
  const foreign = foreignBodies(BODIES_PER_SIZE, urlsPerRequest / 2, false).map((body) => (JSON.parse(body) as { urls: string[] }).urls);
  return local.map((urls, i) => JSON.stringify({ urls: urls.flatMap((url, j) => [url, foreign[i][j]]) }));
}

async function statusMix(baseUrl: string, body: string): Promise<Record<VerifyStatus, number>> {
  const res = await fetch(`${baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${await res.text()}`);
  const mix = Object.fromEntries(VERIFY_STATUSES.map((status) => [status, 0])) as Record<VerifyStatus, number>;
  for (const result of verifyResponseSchema.parse(await res.json()).results) mix[result.status]++;
  return mix;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : NaN;
}

async function load(baseUrl: string, scenario: Scenario, seconds: number): Promise<Measurement> {
  const { method, path, bodies } = scenario.request;
  let next = 0;
  const times: number[] = [];
  const instance = autocannon({
    url: baseUrl,
    connections: scenario.amount ? Math.min(CONNECTIONS, scenario.amount) : CONNECTIONS,
    ...(scenario.amount ? { amount: scenario.amount } : { duration: seconds }),
    timeout: 10,
    requests: [
      {
        method,
        path,
        headers: bodies ? { 'Content-Type': 'application/json' } : {},
        setupRequest: (request) => (bodies ? { ...request, body: bodies[next++ % bodies.length] } : request),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  return { result, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean };
}

// ---------------------------------------------------------------- report

function loadAverage(): string {
  return loadavg().map((load) => load.toFixed(2)).join(' ');
}

function ratio(value: number, base: number): string {
  return base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a';
}

function printTable(rows: Row[]) {
  const base = rows[0].measurement;
  const header = ['route', 'URLs/req', 'req/s', 'URLs/s', 'p50 ms', 'p99 ms', 'mean ms', 'req/s ÷ health', 'p50 ÷ health', 'p99 ÷ health'];
  const lines = rows.map(({ scenario, measurement: { result, p50, p99, mean } }) => [
    scenario.name,
    scenario.urlsPerRequest ? String(scenario.urlsPerRequest) : '-',
    result.requests.average.toFixed(0),
    scenario.urlsPerRequest ? (result.requests.average * scenario.urlsPerRequest).toFixed(0) : '-',
    p50.toFixed(2),
    p99.toFixed(2),
    mean.toFixed(2),
    ratio(result.requests.average, base.result.requests.average),
    ratio(p50, base.p50),
    ratio(p99, base.p99),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

// ---------------------------------------------------------------- main

function startChild(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`the server process exited early (code ${code})`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}

async function main() {
  const quick = process.argv.includes('--quick');
  const seconds = quick ? 2 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-bench-'));
  let child: ChildProcess | undefined;
  let hostsChild: ChildProcess | undefined;
  const cleanUp = () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (hostsChild && hostsChild.exitCode === null) hostsChild.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = setTimeout(() => {
    console.error(`Benchmark stopped: over its ${HARD_LIMIT_MS / 1000} s budget.`);
    cleanUp();
    process.exit(1);
  }, HARD_LIMIT_MS);
  deadline.unref();
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  try {
    console.log(`BadgeLens verify benchmark: ${ASSERTION_COUNT.toLocaleString('en')} assertions, ${CONNECTIONS} connections, ${seconds} s per route`
      + ` (Node ${process.versions.node}, ${availableParallelism()} CPUs${quick ? ', --quick' : ''})`);
    console.log(`Load average before: ${loadAverage()} (other work on the machine skews every figure)`);
    const dbPath = join(dir, 'bench.db');
    const { ids, ms } = buildDatabase(dbPath);
    console.log(`DB build: ${ASSERTION_COUNT.toLocaleString('en')} assertions in ${ms.toFixed(0)} ms (one transaction, prepared insert)`);

    const hosts = await startChild(['--hosts']);
    hostsChild = hosts.child;
    const testHosts = FOREIGN_HOSTS.map((host) => `${host}=127.0.0.1:${hosts.port}`).join(',');
    const server = await startChild(['--serve', dbPath], { ...process.env, FETCH_TEST_HOSTS: testHosts });
    child = server.child;
    const baseUrl = `http://127.0.0.1:${server.port}`;

    const scenarios: Scenario[] = [
      { name: 'GET /health', urlsPerRequest: 0, request: { method: 'GET', path: '/health' } },
      ...BATCH_SIZES.map((size): Scenario => ({
        name: `POST /api/v1/verify`,
        urlsPerRequest: size,
        request: { method: 'POST', path: '/api/v1/verify', bodies: requestBodies(ids, size) },
      })),
    ];
    const mix = await statusMix(baseUrl, scenarios[3].request.bodies![0]);
    console.log(`Status mix of one 100-URL request: ${Object.entries(mix).map(([status, n]) => `${status} ${n}`).join(', ')}`);

    await load(baseUrl, scenarios[2], quick ? 1 : 2); // warm-up: JIT, SQLite page cache
    const rows: Row[] = [];
    for (const scenario of scenarios) rows.push({ scenario, measurement: await load(baseUrl, scenario, seconds) });

    // Other sites' badges: cold (every URL new: fetched, verified, cached), then warm (all cached).
    const warmBodies = [20, 100].map((size) => foreignBodies(BODIES_PER_SIZE, size, false));
    const foreignScenarios: Scenario[] = [
      { name: 'verify, foreign cold', urlsPerRequest: 100, amount: COLD_REQUESTS, request: { method: 'POST', path: '/api/v1/verify', bodies: foreignBodies(COLD_REQUESTS, 100, true) } },
      { name: 'verify, foreign warm', urlsPerRequest: 20, request: { method: 'POST', path: '/api/v1/verify', bodies: warmBodies[0] } },
      { name: 'verify, foreign warm', urlsPerRequest: 100, request: { method: 'POST', path: '/api/v1/verify', bodies: warmBodies[1] } },
      { name: 'verify, 50 local + 50 foreign warm', urlsPerRequest: 100, request: { method: 'POST', path: '/api/v1/verify', bodies: mixedBodies(ids, 100) } },
    ];
    const coldMix = await statusMix(baseUrl, foreignBodies(1, 100, true)[0]);
    console.log(`Status mix of one cold foreign 100-URL request: ${Object.entries(coldMix).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`).join(', ')}`);
    // Warm the cache with every URL of the warm pool (2,000 badges on ${FOREIGN_HOSTS.length} hosts).
    const pool = Array.from({ length: 2000 }, (_, n) => `https://${FOREIGN_HOSTS[n % FOREIGN_HOSTS.length]}/assertions/${n}?trk=public_profile_certification-title`);
    for (let start = 0; start < pool.length; start += 100) await statusMix(baseUrl, JSON.stringify({ urls: pool.slice(start, start + 100) }));
    for (const scenario of foreignScenarios) rows.push({ scenario, measurement: await load(baseUrl, scenario, seconds) });
    console.log('');
    printTable(rows);
    console.log(`Load average after: ${loadAverage()}`);
    console.log(`Foreign cold: ${COLD_REQUESTS} requests of 100 new URLs each (${FOREIGN_HOSTS.length} hosts on loopback, at most 4 fetches per host at a time); the other rows run ${seconds} s each.`);

    const failures = rows.filter(({ measurement: { result } }) => result.errors > 0 || result.timeouts > 0 || result.non2xx > 0);
    for (const { scenario, measurement: { result } } of failures) {
      console.error(`${scenario.name} (${scenario.urlsPerRequest}): ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
    }
    if (failures.length) process.exitCode = 1;
  } finally {
    if (child) await stopServer(child);
    if (hostsChild) await stopServer(hostsChild);
    cleanUp();
    clearTimeout(deadline);
  }
}

if (process.argv[2] === '--serve') runServer(process.argv[3]);
else if (process.argv[2] === '--hosts') runForeignHosts();
else await main();
