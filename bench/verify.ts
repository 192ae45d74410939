/**
 * `npm run bench:verify`: POST /api/v1/verify against a trivial POST route that parses a small JSON
 * body (same app, same server stack, same process), on a database of 100,000 assertions; badges of
 * other sites (Open Badges 2.0 hosted on fixture hosts on loopback, reached through FETCH_TEST_HOSTS
 * and the SSRF-safe fetcher), cold and warm, alone and mixed with local ones; then verify latency on
 * databases of 10,000 and of 1,000,000 assertions, and the ratio between them.
 *
 *   npm run bench:verify                     embedded SQLite; 10 connections, 10 s per row
 *   npm run bench:verify -- --quick          2 s per row
 *   npm run bench:verify -- --postgres       PostgreSQL (also BENCH_DATABASE=postgres): a throwaway
 *                                            cluster of Debian's postgresql (scripts/ensure-postgres.sh)
 *   npm run bench:verify -- --cpu-prof=DIR   also writes a V8 CPU profile of the server under load to DIR
 *   npm run bench:verify -- --local          only this server's badges against the trivial route (no
 *                                            foreign, RATE_LIMITS=off or database-size rows): for trying
 *                                            a change or a Node flag (BENCH_NODE_FLAGS) quickly
 *
 * The server runs with the production rate limits (verify's limit raised out of the one load
 * generator's reach, its counter still written per request); one row repeats verify with
 * RATE_LIMITS=off to show what counting costs. Server CPU per request is read from /proc/<pid>/stat:
 * on 2 cores the load generator bounds req/s, not the server. verify's own code (verifyBatch, counting and the
 * answer's text, for the same bodies) is also timed in this process, without HTTP: its share of that CPU.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERIFY_STATUSES, verifyRequestSchema, verifyResponseSchema, type VerifyStatus } from '../shared/schemas/verify';
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { describeTarget, openDb, type Engine } from '../api/src/db/connection';
import { insertSyntheticAssertions, sampleAssertionIds } from '../api/src/db/benchData';
import { createIssuer } from '../api/src/db/issuers';
import { createSafeFetch } from '../api/src/fetch';
import { hashRecipient, randomId } from '../api/src/lib/crypto';
import { ephemeralKeyEncryptionKey, type SigningDeps } from '../api/src/ob3/signing';
import { countVerifications, flushVerificationCounts } from '../api/src/analytics/verifications';
import { verifyAnswerJson } from '../api/src/verify/answerJson';
import { createForeignVerifier } from '../api/src/verify/foreign';
import { databaseResultCache } from '../api/src/verify/resultCache';
import { verifyBatch, type BatchContext } from '../api/src/verify/service';
import { administer, startPostgresCluster, type PostgresCluster } from '../scripts/postgresCluster';
import {
  failures, guardRun, load, loadAverage, megabytes, printTable, ratio, startServer, stopChild, TRIVIAL_PATH,
  type BenchServer, type LoadRequest, type Measurement,
} from './harness';

const PUBLIC_URL = 'https://badges.bench.test';
const ASSERTION_COUNT = 100_000;
const CONNECTIONS = 10;
const BODIES_PER_SIZE = 256;
/** Verify latency is compared between these two database sizes, one client at a time. */
const SCALE_COUNTS = [10_000, 1_000_000] as const;
const SCALE_URLS_PER_REQUEST = 20;
/** Request bodies pick their badges among this many ids taken at random from the database. */
const SAMPLED_IDS = 5_000;
/** The whole run stops by itself after this, whatever happens. */
const HARD_LIMIT_MS = 600_000;
/** Foreign hosts on loopback (each serves any /assertions/<n>, one badge class and one issuer). */
const FOREIGN_HOSTS = Array.from({ length: 20 }, (_, i) => `badges-${String(i + 1).padStart(2, '0')}.issuers.bench.test`);
/** Cold requests (each with 100 URLs never verified before) measured. */
const COLD_REQUESTS = 40;
const OB2 = 'https://w3id.org/openbadges/v2';
/** The targets of issue 16: CPU ratio trivial ÷ verify, p99 at 10 connections, 1M ÷ 10k latency. */
const TARGETS = { oneUrl: 0.4, twentyUrls: 0.16, p99Ms: 5, scale: 1.2 };

interface Scenario {
  name: string;
  urlsPerRequest: number;
  request: LoadRequest;
  /** A fixed number of requests (each body once) instead of a time. */
  amount?: number;
}

interface Row {
  scenario: Scenario;
  measurement: Measurement;
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

function startForeignHosts(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['--hosts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`the foreign hosts process exited early (code ${code})`)));
  });
}

// ---------------------------------------------------------------- database

/** Three issuers, six badge classes, then `count` assertions generated by the database in one statement. */
async function buildDatabase(target: string, count: number): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const db = await openDb(target);
  try {
    const issued = new Date('2025-03-01T09:00:00.000Z');
    const issuers = [
      { name: 'Bench Welding Society', url: 'https://welding.example', email: 'office@welding.example', image: 'https://welding.example/logo.png' },
      { name: 'Bench State Consortium', url: 'https://consortium.example', email: 'office@consortium.example' },
      { name: 'Bench Training Company', url: 'https://training.example', email: 'office@training.example' },
    ];
    const categories = ['certification', 'skill', 'knowledge', 'education', 'career', 'membership'] as const;
    const badgeClassIds: string[] = [];
    for (const input of issuers) {
      const issuer = await createIssuer(db, input, issued);
      for (let i = 0; i < 2; i++) {
        const badgeClass = await createBadgeClass(
          db,
          issuer.id,
          { name: `${input.name} badge ${i + 1}`, description: 'A badge for the benchmark.', category: categories[badgeClassIds.length], criteria: 'Do the thing.' },
          issued,
        );
        badgeClassIds.push(badgeClass.id);
      }
    }
    await insertSyntheticAssertions(db, {
      badgeClassIds,
      count,
      issuedOn: issued.toISOString(),
      pastExpiry: '2026-01-01T00:00:00.000Z',
      futureExpiry: '2099-01-01T00:00:00.000Z',
    });
    const ids = await sampleAssertionIds(db, SAMPLED_IDS);
    return { ids, ms: performance.now() - started };
  } finally {
    await db.destroy();
  }
}

/** Where the databases of one run live: files in a temp folder, or databases of a throwaway PostgreSQL cluster. */
interface Store {
  engine: Engine;
  create(name: string): Promise<string>;
  close(): void;
}

async function openStore(engine: Engine, dir: string): Promise<Store> {
  if (engine === 'sqlite') return { engine, create: async (name) => join(dir, `${name}.db`), close: () => {} };
  const cluster: PostgresCluster = await startPostgresCluster();
  return {
    engine,
    async create(name) {
      await administer(cluster, `CREATE DATABASE ${name}`);
      return cluster.url(name);
    },
    close: () => cluster.stop(),
  };
}

// ---------------------------------------------------------------- requests

/** The forms a page shows: page URL, tracking query, JSON URL, LinkedIn redirect; plus a few that are not badges. */
function randomUrl(ids: string[], serial: number): string {
  const roll = Math.random();
  // Not a badge (other sites' badges are fetched: they have rows of their own).
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

function localUrls(ids: string[], urlsPerRequest: number): string[][] {
  let serial = 0;
  return Array.from({ length: BODIES_PER_SIZE }, () => Array.from({ length: urlsPerRequest }, () => randomUrl(ids, serial++)));
}

let foreignSerial = 0;

/** Lists of foreign badge URLs, spread over the fixture hosts; `fresh`: never used before (cold). */
function foreignUrls(count: number, urlsPerRequest: number, fresh: boolean, pool = 2000): string[][] {
  return Array.from({ length: count }, () =>
    Array.from({ length: urlsPerRequest }, () => {
      const n = fresh ? 1_000_000 + foreignSerial++ : Math.floor(Math.random() * pool);
      return `https://${FOREIGN_HOSTS[n % FOREIGN_HOSTS.length]}/assertions/${n}?trk=public_profile_certification-title`;
    }),
  );
}

/** Half of this server's badges, half of other sites' (warm), as a profile mixes them. */
function mixedUrls(ids: string[], urlsPerRequest: number): string[][] {
  const foreign = foreignUrls(BODIES_PER_SIZE, urlsPerRequest / 2, false);
  return localUrls(ids, urlsPerRequest / 2).map((urls, i) => urls.flatMap((url, j) => [url, foreign[i][j]]));
}

function verifyRequest(urlLists: string[][]): LoadRequest {
  return { method: 'POST', path: '/api/v1/verify', bodies: urlLists.map((urls) => JSON.stringify({ urls })) };
}

async function statusMix(baseUrl: string, body: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${await res.text()}`);
  const mix = Object.fromEntries(VERIFY_STATUSES.map((status) => [status, 0])) as Record<VerifyStatus, number>;
  for (const result of verifyResponseSchema.parse(await res.json()).results) mix[result.status]++;
  return Object.entries(mix).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`).join(', ');
}

// ---------------------------------------------------------------- verify's own work, in process

interface OwnWork {
  urlsPerRequest: number;
  batchUs: number;
  countUs: number;
  answerUs: number;
}

/**
 * verifyBatch, the verification counts and the answer's text for each body, called in this process (no HTTP,
 * no middleware), as µs per request (the median of 5 rounds over every body): the part of the server's CPU per
 * request that is verify's own code, and far less noisy than a figure under load.
 */
async function ownWork(target: string, urlsPerRequest: number, bodies: readonly string[]): Promise<OwnWork> {
  const db = await openDb(target);
  try {
    const now = new Date();
    // Only this server's badges: the foreign verifier is there because verifyBatch needs one, never reached.
    const foreign = createForeignVerifier({ safeFetch: createSafeFetch({ resolve: async () => [] }), cache: databaseResultCache(db) });
    const signing: SigningDeps = { db, publicUrl: PUBLIC_URL, keyEncryptionKey: ephemeralKeyEncryptionKey(db), now: () => now };
    const context: BatchContext = { db, publicUrl: PUBLIC_URL, now, foreign, allowForeign: async () => 0, signing };
    const requests = bodies.map((body) => verifyRequestSchema.parse(JSON.parse(body)));
    const repeats = Math.max(1, Math.round(20 / urlsPerRequest));
    const rounds: Omit<OwnWork, 'urlsPerRequest'>[] = [];
    for (let round = 0; round < 6; round++) {
      let batchMs = 0;
      let countMs = 0;
      let answerMs = 0;
      for (let repeat = 0; repeat < repeats; repeat++) {
        for (const request of requests) {
          const started = performance.now();
          const { results, foundIds } = await verifyBatch(request, context);
          const verified = performance.now();
          countVerifications(db, foundIds, now);
          const counted = performance.now();
          verifyAnswerJson(results);
          answerMs += performance.now() - counted;
          countMs += counted - verified;
          batchMs += verified - started;
        }
      }
      const perRequestUs = (ms: number) => (ms * 1000) / (repeats * requests.length);
      // The first round warms the JIT and the kept badges and plans, as the server's warm-up does.
      if (round > 0) rounds.push({ batchUs: perRequestUs(batchMs), countUs: perRequestUs(countMs), answerUs: perRequestUs(answerMs) });
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { urlsPerRequest, batchUs: median(rounds.map((r) => r.batchUs)), countUs: median(rounds.map((r) => r.countUs)), answerUs: median(rounds.map((r) => r.answerUs)) };
  } finally {
    await flushVerificationCounts(db);
    await db.destroy();
  }
}

// ---------------------------------------------------------------- report

/** verify's own work beside the server's CPU per request for the same number of URLs. */
function printOwnWork(work: readonly OwnWork[], rows: readonly Row[]): void {
  console.log('\nverify\'s own work, in process (verifyBatch, counting, then the answer\'s text; no HTTP), beside the server\'s CPU per request above:');
  printTable(['URLs/req', 'verifyBatch µs', 'counting µs', 'answer text µs', 'together µs', 'server CPU µs/req', 'share of it'], work.map(({ urlsPerRequest, batchUs, countUs, answerUs }) => {
    const serverUs = rows.find((row) => row.scenario.name === 'POST /api/v1/verify' && row.scenario.urlsPerRequest === urlsPerRequest)!.measurement.cpuPerRequestUs;
    const ownUs = batchUs + countUs + answerUs;
    return [String(urlsPerRequest), batchUs.toFixed(1), countUs.toFixed(1), answerUs.toFixed(1), ownUs.toFixed(1), serverUs.toFixed(0), `${((100 * ownUs) / serverUs).toFixed(0)} %`];
  }));
}

function printRows(rows: Row[], base: Measurement) {
  const header = ['route', 'URLs/req', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'trivial CPU ÷ CPU', 'req/s ÷ trivial', 'RSS'];
  printTable(header, rows.map(({ scenario, measurement: m }) => [
    scenario.name,
    scenario.urlsPerRequest ? String(scenario.urlsPerRequest) : '-',
    m.result.requests.average.toFixed(0),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    m.cpuPerRequestUs.toFixed(0),
    ratio(base.cpuPerRequestUs, m.cpuPerRequestUs),
    ratio(m.result.requests.average, base.result.requests.average),
    megabytes(m.rssBytes),
  ]));
}

function printScaleTable(rows: Row[]) {
  const [small, large] = rows.map((row) => row.measurement);
  const lines = rows.map(({ scenario, measurement: { result, p50, p99, mean, cpuPerRequestUs } }) => [
    scenario.name, result.requests.average.toFixed(0), p50.toFixed(2), p99.toFixed(2), mean.toFixed(2), cpuPerRequestUs.toFixed(0),
  ]);
  lines.push([`ratio ${SCALE_COUNTS[1].toLocaleString('en')} ÷ ${SCALE_COUNTS[0].toLocaleString('en')}`, ratio(large.result.requests.average, small.result.requests.average),
    ratio(large.p50, small.p50), ratio(large.p99, small.p99), ratio(large.mean, small.mean), ratio(large.cpuPerRequestUs, small.cpuPerRequestUs)]);
  printTable(['database', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'CPU µs/req'], lines);
}

function verdict(label: string, value: number, target: number, atLeast: boolean): string {
  const met = atLeast ? value >= target : value <= target;
  return `  ${label}: ${value.toFixed(2)} (target ${atLeast ? '≥' : '≤'} ${target}) ${met ? 'met' : 'NOT met'}`;
}

/** The verdicts on rows trivial (1), verify 1 URL (2) and verify 20 URLs (3). */
function printTargets(rows: Row[]): void {
  const [trivial, one, twenty] = [rows[1].measurement, rows[2].measurement, rows[3].measurement];
  const cpuRatio = (row: Measurement) => trivial.cpuPerRequestUs / row.cpuPerRequestUs;
  const rateRatio = (row: Measurement) => row.result.requests.average / trivial.result.requests.average;
  console.log('Targets (server CPU per request of the trivial POST ÷ that of verify, same run):');
  console.log(verdict('verify 1 URL', cpuRatio(one), TARGETS.oneUrl, true));
  console.log(verdict('verify 20 URLs', cpuRatio(twenty), TARGETS.twentyUrls, true));
  console.log(verdict('verify 1 URL, req/s ÷ trivial', rateRatio(one), TARGETS.oneUrl, true));
  console.log(verdict('verify 20 URLs, req/s ÷ trivial', rateRatio(twenty), TARGETS.twentyUrls, true));
  console.log(verdict('verify 1 URL p99 ms', one.p99, TARGETS.p99Ms, false));
  console.log(verdict('verify 20 URLs p99 ms', twenty.p99, TARGETS.p99Ms, false));
  // With the server busy all the time, each request waits for those of the other connections (Little's law).
  const floorMs = (row: Measurement) => ((CONNECTIONS / row.result.requests.average) * 1000).toFixed(2);
  console.log(`  mean latency floor at ${CONNECTIONS} connections (connections ÷ req/s): 1 URL ${floorMs(one)} ms, 20 URLs ${floorMs(twenty)} ms`);
}

/** Rows with errors or non-2xx answers fail the run. */
function reportFailures(rows: Row[]): void {
  const failed = rows.map(({ scenario, measurement }) => failures(`${scenario.name} (${scenario.urlsPerRequest})`, measurement)).filter(Boolean);
  for (const line of failed) console.error(line);
  if (failed.length) process.exitCode = 1;
}

// ---------------------------------------------------------------- main

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function main() {
  const quick = process.argv.includes('--quick');
  const engine: Engine = process.argv.includes('--postgres') || process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
  const cpuProfileDir = option('cpu-prof');
  const localOnly = process.argv.includes('--local');
  const seconds = quick ? 2 : 10;
  const scaleSeconds = quick ? 2 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-bench-'));
  const children: ChildProcess[] = [];
  let store: Store | undefined;
  const cleanUp = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const endGuard = guardRun(HARD_LIMIT_MS, cleanUp);
  const serve = async (target: string, rateLimits: 'on' | 'off', env?: NodeJS.ProcessEnv): Promise<BenchServer> => {
    const server = await startServer({ target, publicUrl: PUBLIC_URL, rateLimits, env, cpuProfileDir });
    children.push(server.child);
    return server;
  };

  try {
    console.log(`BadgeLens verify benchmark on ${engine === 'postgres' ? 'PostgreSQL' : 'embedded SQLite'}: ${ASSERTION_COUNT.toLocaleString('en')} assertions, `
      + `${CONNECTIONS} connections, ${seconds} s per row (Node ${process.versions.node}, ${availableParallelism()} CPUs${quick ? ', --quick' : ''})`);
    console.log(`Load average before: ${loadAverage()} (other work on the machine skews req/s and latency; CPU per request much less)`);
    store = await openStore(engine, dir);
    const target = await store.create('bench');
    const { ids, ms } = await buildDatabase(target, ASSERTION_COUNT);
    console.log(`DB build: ${ASSERTION_COUNT.toLocaleString('en')} assertions in ${ms.toFixed(0)} ms (one INSERT … SELECT) at ${describeTarget(target)}`);

    const hosts = await startForeignHosts();
    children.push(hosts.child);
    const testHosts = FOREIGN_HOSTS.map((host) => `${host}=127.0.0.1:${hosts.port}`).join(',');
    const server = await serve(target, 'on', { ...process.env, FETCH_TEST_HOSTS: testHosts });
    const run = (scenario: Scenario, on = server) => load(on, scenario.request, { connections: CONNECTIONS, seconds, amount: scenario.amount });

    const oneUrl = localUrls(ids, 1);
    const trivial: Scenario = { name: `POST ${TRIVIAL_PATH} (JSON)`, urlsPerRequest: 0, request: { method: 'POST', path: TRIVIAL_PATH, bodies: oneUrl.map((urls) => JSON.stringify({ urls })) } };
    const verifyOne: Scenario = { name: 'POST /api/v1/verify', urlsPerRequest: 1, request: verifyRequest(oneUrl) };
    const verifyTwenty: Scenario = { name: 'POST /api/v1/verify', urlsPerRequest: 20, request: verifyRequest(localUrls(ids, 20)) };
    const scenarios: Scenario[] = [
      { name: 'GET /health', urlsPerRequest: 0, request: { method: 'GET', path: '/health' } },
      trivial,
      verifyOne,
      verifyTwenty,
      { name: 'POST /api/v1/verify', urlsPerRequest: 100, request: verifyRequest(localUrls(ids, 100)) },
    ];
    console.log(`Status mix of one 100-URL request: ${await statusMix(server.baseUrl, scenarios[4].request.bodies![0])}`);

    await run({ ...verifyTwenty }); // warm-up: JIT, page cache
    const rows: Row[] = [];
    for (const scenario of scenarios) rows.push({ scenario, measurement: await run(scenario) });

    // The server is idle meanwhile: verify's own code, measured in this process on the same database.
    const work: OwnWork[] = [];
    for (const { urlsPerRequest, request } of scenarios.slice(2)) work.push(await ownWork(target, urlsPerRequest, request.bodies!));

    if (localOnly) {
      await stopChild(server.child);
      console.log('');
      printRows(rows, rows[1].measurement);
      printTargets(rows);
      printOwnWork(work, rows);
      reportFailures(rows);
      return;
    }

    // Other sites' badges: cold (every URL new: fetched, verified, cached), then warm (all cached).
    const foreignScenarios: Scenario[] = [
      { name: 'verify, foreign cold', urlsPerRequest: 100, amount: COLD_REQUESTS, request: verifyRequest(foreignUrls(COLD_REQUESTS, 100, true)) },
      { name: 'verify, foreign warm', urlsPerRequest: 20, request: verifyRequest(foreignUrls(BODIES_PER_SIZE, 20, false)) },
      { name: 'verify, foreign warm', urlsPerRequest: 100, request: verifyRequest(foreignUrls(BODIES_PER_SIZE, 100, false)) },
      { name: 'verify, 50 local + 50 foreign warm', urlsPerRequest: 100, request: verifyRequest(mixedUrls(ids, 100)) },
    ];
    console.log(`Status mix of one cold foreign 100-URL request: ${await statusMix(server.baseUrl, JSON.stringify({ urls: foreignUrls(1, 100, true)[0] }))}`);
    // Warm the cache with every URL of the warm pool (2,000 badges on the fixture hosts).
    const pool = Array.from({ length: 2000 }, (_, n) => `https://${FOREIGN_HOSTS[n % FOREIGN_HOSTS.length]}/assertions/${n}?trk=public_profile_certification-title`);
    for (let start = 0; start < pool.length; start += 100) await statusMix(server.baseUrl, JSON.stringify({ urls: pool.slice(start, start + 100) }));
    for (const scenario of foreignScenarios) rows.push({ scenario, measurement: await run(scenario) });
    await stopChild(server.child);

    // What counting the verify rate limit (a database write per request) costs: the same requests with RATE_LIMITS=off.
    const unlimited = await serve(target, 'off');
    await run(verifyTwenty, unlimited); // warm-up
    const offRows: Row[] = [trivial, verifyOne, verifyTwenty].map((scenario) => ({ scenario: { ...scenario, name: `${scenario.name}, RATE_LIMITS=off` }, measurement: undefined! }));
    for (const row of offRows) row.measurement = await run(row.scenario, unlimited);
    await stopChild(unlimited.child);

    console.log('');
    const base = rows[1].measurement;
    printRows([...rows, ...offRows], base);
    console.log(`Foreign cold: ${COLD_REQUESTS} requests of 100 new URLs each (${FOREIGN_HOSTS.length} hosts on loopback); the other rows run ${seconds} s each.`);
    printTargets(rows);
    console.log(`  rate-limit counting: ${(rows[2].measurement.cpuPerRequestUs - offRows[1].measurement.cpuPerRequestUs).toFixed(0)} µs of CPU per 1-URL request`
      + ` (${rows[2].measurement.cpuPerRequestUs.toFixed(0)} on, ${offRows[1].measurement.cpuPerRequestUs.toFixed(0)} off)`);
    printOwnWork(work, rows);

    // Scale: the same request, one client at a time, on a small and on a large database.
    console.log(`\nVerify latency by database size: ${SCALE_URLS_PER_REQUEST} URLs per request, 1 connection, ${scaleSeconds} s each`);
    const scaleRows: Row[] = [];
    for (const count of SCALE_COUNTS) {
      const scaleTarget = await store.create(`bench_${count}`);
      const built = await buildDatabase(scaleTarget, count);
      console.log(`DB build: ${count.toLocaleString('en')} assertions in ${built.ms.toFixed(0)} ms`);
      const scaleServer = await serve(scaleTarget, 'on');
      const scenario: Scenario = { name: `verify, ${count.toLocaleString('en')} assertions`, urlsPerRequest: SCALE_URLS_PER_REQUEST, request: verifyRequest(localUrls(built.ids, SCALE_URLS_PER_REQUEST)) };
      await load(scaleServer, scenario.request, { connections: 1, seconds: 1 }); // warm-up
      scaleRows.push({ scenario, measurement: await load(scaleServer, scenario.request, { connections: 1, seconds: scaleSeconds }) });
      await stopChild(scaleServer.child);
    }
    printScaleTable(scaleRows);
    console.log(verdict(`p50 latency ${SCALE_COUNTS[1].toLocaleString('en')} ÷ ${SCALE_COUNTS[0].toLocaleString('en')}`, scaleRows[1].measurement.p50 / scaleRows[0].measurement.p50, TARGETS.scale, false));
    console.log(`Load average after: ${loadAverage()}`);

    reportFailures([...rows, ...offRows, ...scaleRows]);
  } finally {
    for (const child of children) await stopChild(child);
    cleanUp();
    endGuard();
  }
}

if (process.argv[2] === '--hosts') runForeignHosts();
else await main();
