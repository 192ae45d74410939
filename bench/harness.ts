// What the API benchmarks share (bench/verify.ts, bench/pages.ts, bench/soak.ts): the server child
// process (bench/server.ts), its CPU time and memory read from /proc, and autocannon runs with exact
// percentiles.
import autocannon, { type Result } from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS, apiEnvironment } from '../scripts/node-flags.mjs';

export interface ServerOptions {
  /** The database (a file path or a postgres:// URL). */
  target: string;
  publicUrl: string;
  /** 'on': the production rules with the verify limit raised out of reach (their database writes are measured); 'off': RATE_LIMITS=off. */
  rateLimits: 'on' | 'off';
  env?: NodeJS.ProcessEnv;
  /** A folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProfileDir?: string;
}

export interface BenchServer {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
}

export { RENDERS_PATH, TRIVIAL_PATH } from './paths';

const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url));
/** Where bench/server.ts is compiled to (inside node_modules, so that its packages resolve as they do from the sources). */
const BUILD_DIR = fileURLToPath(new URL('../node_modules/.cache/badgelens-bench/', import.meta.url));
const RASTER_PROCESS = fileURLToPath(new URL('../api/src/openbadges/rasterProcess.mjs', import.meta.url));

let built: Promise<string> | null = null;

/**
 * bench/server.ts compiled to plain JavaScript, as a server runs in production: without the TypeScript loader
 * (its worker thread and transpiled copies add some 70 MB to the process). Code split, so that modules loaded
 * on first use (pdf-lib for certificates) stay unloaded until then. BENCH_SERVER=tsx runs the sources instead.
 */
function compiledServer(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('esbuild');
    rmSync(BUILD_DIR, { recursive: true, force: true });
    await build({ entryPoints: { server: SERVER_SCRIPT }, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', outdir: BUILD_DIR, outExtension: { '.js': '.mjs' }, logLevel: 'warning' });
    // The renderer's own process script, found next to the code that starts it.
    copyFileSync(RASTER_PROCESS, join(BUILD_DIR, 'rasterProcess.mjs'));
    return join(BUILD_DIR, 'server.mjs');
  })();
  return built;
}

export async function startServer(options: ServerOptions): Promise<BenchServer> {
  const useTsx = process.env.BENCH_SERVER === 'tsx';
  const script = useTsx ? SERVER_SCRIPT : await compiledServer();
  const baseArgv = useTsx ? process.execArgv : [];
  // The product's flags, then any a run adds to try others (BENCH_NODE_FLAGS="--max-semi-space-size=4").
  const tried = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const execArgv = [...baseArgv, ...API_NODE_FLAGS, ...tried, ...(options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [])];
  const child = fork(script, [options.target, options.publicUrl, options.rateLimits], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: apiEnvironment(options.env ?? process.env),
    execArgv,
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, pid: child.pid!, baseUrl: `http://127.0.0.1:${(message as { port: number }).port}` }));
    child.once('exit', (code) => reject(new Error(`the server process exited early (code ${code})`)));
  });
}

/** Stops a child through its IPC channel (it closes its server and database), killing it after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/** A process's CPU time so far (user + system), in microseconds, from /proc/<pid>/stat. */
export function processCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

/** A process's resident memory (VmRSS), in bytes, from /proc/<pid>/status. */
export function processRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Paths sent in turn instead of `path`. */
  paths?: string[];
  headers?: Record<string, string>;
  /** POST bodies, sent in turn (JSON). */
  bodies?: string[];
}

export interface Measurement {
  result: Result;
  /** Percentiles from every response time (autocannon's own histogram has whole-millisecond resolution). */
  p50: number;
  p99: number;
  mean: number;
  /** Server CPU time (user + system) per response: unlike req/s, hardly moved by the load generator sharing the cores. */
  cpuPerRequestUs: number;
  /** The server's RSS when the run ended. */
  rssBytes: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : NaN;
}

export interface LoadOptions {
  connections: number;
  /** Seconds; or `amount`: that many requests. */
  seconds?: number;
  amount?: number;
}

/** Runs autocannon against one request shape and measures the server process meanwhile. */
export async function load(server: BenchServer, request: LoadRequest, options: LoadOptions): Promise<Measurement> {
  const cpuBefore = processCpuUs(server.pid);
  const { method, path, paths, bodies } = request;
  const headers = { ...(bodies ? { 'Content-Type': 'application/json' } : {}), ...request.headers };
  let next = 0;
  const times: number[] = [];
  const instance = autocannon({
    url: server.baseUrl,
    connections: options.amount ? Math.min(options.connections, options.amount) : options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    timeout: 10,
    requests: [
      {
        method,
        path,
        headers,
        setupRequest: (params) => {
          const turn = next++;
          return { ...params, ...(bodies ? { body: bodies[turn % bodies.length] } : {}), ...(paths ? { path: paths[turn % paths.length] } : {}) };
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  const cpuPerRequestUs = (processCpuUs(server.pid) - cpuBefore) / Math.max(1, result.requests.total);
  return { result, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean, cpuPerRequestUs, rssBytes: processRssBytes(server.pid) };
}

/** What went wrong in a run, or null; `notModified`: every answer was to be a 304 (autocannon counts it as non-2xx). */
export function failures(name: string, { result }: Measurement, notModified = false): string | null {
  const unexpected = notModified ? result.requests.total - result.non2xx : result.non2xx;
  if (result.errors === 0 && result.timeouts === 0 && unexpected <= 0) return null;
  return `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`;
}

export function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

export function ratio(value: number, base: number): string {
  return base > 0 && Number.isFinite(value) ? `${(value / base).toFixed(2)}×` : 'n/a';
}

/** Prints rows as an aligned table (first column left-aligned). */
export function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

/** Stops the whole run after `ms` whatever happens, running `cleanUp` first; also on Ctrl-C. */
export function guardRun(ms: number, cleanUp: () => void): () => void {
  const deadline = setTimeout(() => {
    console.error(`Benchmark stopped: over its ${ms / 1000} s budget.`);
    cleanUp();
    process.exit(1);
  }, ms);
  deadline.unref();
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  return () => clearTimeout(deadline);
}
