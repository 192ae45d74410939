/**
 * Benchmark of issuing badges through the API with and without Open Badges 3.0, and of signing them.
 *
 *   npm run bench:issue                 embedded SQLite; 3 rounds of 1,000 badges per mode
 *   npm run bench:issue -- --quick      1 round
 *   npm run bench:issue -- --rounds=7   more rounds (on a busy machine the medians need them)
 *   npm run bench:issue -- --postgres   PostgreSQL (also BENCH_DATABASE=postgres): a throwaway cluster
 *                                       of Debian's postgresql (scripts/ensure-postgres.sh)
 *
 * Each run starts a fresh database and a real listening server in a child process (this file with
 * --serve), set up as api/src/server.ts sets it up (rate limits off, as for every load test): with
 * Open Badges 3.0, issuing queues each credential and the background worker signs between requests;
 * the baseline is the same server with `issueCredentials: false` (nothing queued, no worker), i.e.
 * issuing as it was before. 200 badges warm each server up (and, with Open Badges 3.0, are signed),
 * then 1,000 badges are issued by 10 concurrent keep-alive clients (POST /api/v1/badges/:id/assertions), then the
 * bench waits until every credential is signed. Neither mode runs the mail worker (the issuance emails
 * stay queued), so both do the same mail work.
 *
 * Printed: badges/s issued and the server's CPU time per badge for each mode, the ratio (the target:
 * issuing with Open Badges 3.0 within 10 % of the baseline), the credentials signed while issuing,
 * and credentials/s signed once issuing stopped.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../api/src/app';
import { KeyEncryptionKey } from '../api/src/credentials/keys';
import { createApiKey } from '../api/src/db/apiKeys';
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { openDb, type Engine } from '../api/src/db/connection';
import { countUnsignedCredentials } from '../api/src/db/credentials';
import { createIssuer } from '../api/src/db/issuers';
import { requestActivity } from '../api/src/http/activity';
import { serveApp } from '../api/src/http/nodeServer';
import { startCredentialWorker } from '../api/src/ob3/worker';
import { administer, startPostgresCluster } from '../scripts/postgresCluster';

const PUBLIC_URL = 'https://badges.bench.test';
const BADGES = 1000;
const WARM_UP = 200;
const CONNECTIONS = 10;
const MODES = ['baseline', 'ob3'] as const;
type Mode = (typeof MODES)[number];
const MODE_NAMES: Record<Mode, string> = { baseline: 'without Open Badges 3.0', ob3: 'with Open Badges 3.0' };

// ---------------------------------------------------------------- server (child process)

async function runServer(target: string, mode: Mode) {
  const db = await openDb(target);
  const keyEncryptionKey = KeyEncryptionKey.generate();
  const ob3 = mode === 'ob3';
  const app = createApp({ db, publicUrl: PUBLIC_URL, rateLimits: 'off', keyEncryptionKey, issueCredentials: ob3 });
  const activity = requestActivity();
  const { server, port } = await serveApp(activity.track(app.fetch), { port: 0, hostname: '127.0.0.1' });
  const stopWorker = ob3
    ? startCredentialWorker({ db, publicUrl: PUBLIC_URL, keyEncryptionKey, now: () => new Date() }, { isQuiet: activity.isQuiet })
    : async () => {};
  const issuer = await createIssuer(db, { name: 'Bench Guild', url: 'https://guild.bench.test', email: 'office@guild.bench.test' });
  const { apiKey } = await createApiKey(db, issuer.id);
  const badgeClass = await createBadgeClass(db, issuer.id, {
    name: 'MIG Welding Level 1',
    description: 'Lays sound fillet welds with the MIG process.',
    category: 'skill',
    criteria: 'Pass a supervised plate bend test.',
    skills: ['MIG welding', 'Weld inspection', 'Shop safety'],
  });
  process.send?.({ port, apiKey, badgeClassId: badgeClass.id });
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (message === 'unsigned') void countUnsignedCredentials(db).then((unsigned) => process.send?.({ unsigned }));
  });
  process.on('disconnect', () => {
    server.close();
    void stopWorker()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

// ---------------------------------------------------------------- client

interface Server {
  child: ChildProcess;
  port: number;
  apiKey: string;
  badgeClassId: string;
}

function startServer(target: string, mode: Mode): Promise<Server> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', target, mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as Omit<Server, 'child'>) }));
    child.once('exit', (code) => reject(new Error(`the server process exited early (code ${code})`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.disconnect();
  });
}

function ask<T>(child: ChildProcess, question: 'cpu' | 'unsigned', key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !(key in message)) return;
      child.off('message', listener);
      resolve((message as Record<string, T>)[key]);
    };
    child.on('message', listener);
    child.send(question);
  });
}

const serverCpuUs = async (child: ChildProcess) => {
  const cpu = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
  return cpu.user + cpu.system;
};

let serial = 0;

/**
 * Issues `amount` badges with CONNECTIONS concurrent clients (keep-alive connections, each sending its
 * next request when its answer arrives); the time from the first request to the last answer, and the
 * server's CPU time over the same span (asked the moment the last answer arrived).
 */
async function issue(server: Server, amount: number): Promise<{ seconds: number; cpuUs: number }> {
  const url = `http://127.0.0.1:${server.port}/api/v1/badges/${server.badgeClassId}/assertions`;
  const headers = { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json' };
  const cpuBefore = await serverCpuUs(server.child);
  const start = process.hrtime.bigint();
  let sent = 0;
  const client = async () => {
    while (sent < amount) {
      sent++;
      const n = serial++;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ email: `earner${n}@earners.bench.test`, name: `Bench Earner ${n}` }) });
      if (response.status !== 201) throw new Error(`issuing failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cpuUs: (await serverCpuUs(server.child)) - cpuBefore };
}

/** Waits until the server's queue holds no unsigned credential; the seconds it took. */
async function waitUntilSigned(server: Server): Promise<number> {
  const start = process.hrtime.bigint();
  const deadline = Date.now() + 600_000;
  while ((await ask<number>(server.child, 'unsigned', 'unsigned')) > 0) {
    if (Date.now() > deadline) throw new Error('credentials still unsigned after 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

interface Run {
  round: number;
  mode: Mode;
  badgesPerSecond: number;
  cpuMsPerBadge: number;
  signedWhileIssuing: number;
  signedAfter: number;
  signingSeconds: number;
}

async function measure(target: string, mode: Mode, round: number): Promise<Run> {
  const server = await startServer(target, mode);
  try {
    await issue(server, WARM_UP);
    if (mode === 'ob3') await waitUntilSigned(server);
    const { seconds, cpuUs } = await issue(server, BADGES);
    const unsigned = mode === 'ob3' ? await ask<number>(server.child, 'unsigned', 'unsigned') : 0;
    const signingSeconds = mode === 'ob3' ? await waitUntilSigned(server) : 0;
    return {
      round,
      mode,
      badgesPerSecond: BADGES / seconds,
      cpuMsPerBadge: cpuUs / 1000 / BADGES,
      signedWhileIssuing: mode === 'ob3' ? BADGES - unsigned : 0,
      signedAfter: unsigned,
      signingSeconds,
    };
  } finally {
    await stopServer(server.child);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function printRuns(runs: Run[]) {
  const header = ['round', 'mode', 'badges/s issued', 'server CPU per badge', 'signed while issuing', 'credentials/s signed after'];
  const rows = runs.map((run) => [
    String(run.round),
    MODE_NAMES[run.mode],
    run.badgesPerSecond.toFixed(0),
    `${run.cpuMsPerBadge.toFixed(2)} ms`,
    run.mode === 'ob3' ? String(run.signedWhileIssuing) : '-',
    run.mode === 'ob3' ? `${(run.signedAfter / run.signingSeconds).toFixed(0)} (${run.signedAfter} in ${run.signingSeconds.toFixed(1)} s)` : '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const roundsArgument = process.argv.find((argument) => argument.startsWith('--rounds='));
  const rounds = roundsArgument ? Math.max(1, Number(roundsArgument.slice('--rounds='.length)) || 1) : process.argv.includes('--quick') ? 1 : 3;
  const engine: Engine = process.argv.includes('--postgres') || process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
  console.log(
    `BadgeLens issuing benchmark on ${engine === 'postgres' ? 'PostgreSQL' : 'embedded SQLite'}: ${rounds} round(s) of ${BADGES} badges per mode ` +
      `(after ${WARM_UP} to warm up), ${CONNECTIONS} concurrent clients; Node ${process.version}`,
  );
  console.log(`Load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (other work on the machine skews every figure)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-bench-issue-'));
  const cluster = engine === 'postgres' ? await startPostgresCluster() : null;
  const runs: Run[] = [];
  try {
    let database = 0;
    for (let round = 1; round <= rounds; round++) {
      // Alternate which mode goes first, so that a slow spell of the machine does not always hit the same one.
      const order = round % 2 === 1 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const name = `bench_issue_${database++}`;
        let target = join(dir, `${name}.db`);
        if (cluster) {
          await administer(cluster, `CREATE DATABASE ${name}`);
          target = cluster.url(name);
        }
        runs.push(await measure(target, mode, round));
      }
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  printRuns(runs);
  const of = (mode: Mode, pick: (run: Run) => number, summary: (values: number[]) => number = median) =>
    summary(runs.filter((run) => run.mode === mode).map(pick));
  const best = (values: number[]) => Math.max(...values);
  const least = (values: number[]) => Math.min(...values);
  const perSecond = (run: Run) => run.badgesPerSecond;
  const cpu = (run: Run) => run.cpuMsPerBadge;
  const report = (label: string, baseline: number, withOb3: number) => {
    const ratio = withOb3 / baseline;
    console.log(
      `Issuing (${label}): ${baseline.toFixed(0)} badges/s without Open Badges 3.0, ${withOb3.toFixed(0)} badges/s with it: ${(ratio * 100).toFixed(1)} % ` +
        `(target: within 10 %, ${ratio >= 0.9 ? 'met' : 'NOT met'})`,
    );
  };
  console.log('');
  report('median', of('baseline', perSecond), of('ob3', perSecond));
  report('best run', of('baseline', perSecond, best), of('ob3', perSecond, best));
  const cpuBaseline = of('baseline', cpu);
  const cpuOb3 = of('ob3', cpu);
  console.log(
    `Server CPU per badge issued (median): ${cpuBaseline.toFixed(2)} ms without, ${cpuOb3.toFixed(2)} ms with (+${(((cpuOb3 / cpuBaseline) - 1) * 100).toFixed(1)} %; ` +
      `least: ${of('baseline', cpu, least).toFixed(2)} and ${of('ob3', cpu, least).toFixed(2)} ms). With Open Badges 3.0 it includes what the worker signed between requests.`,
  );
  console.log(`Signing once issuing stopped (median): ${of('ob3', (run) => run.signedAfter / run.signingSeconds).toFixed(0)} credentials/s`);
  console.log(`Load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

if (process.argv[2] === '--serve') await runServer(process.argv[3], process.argv[4] as Mode);
else await main();
