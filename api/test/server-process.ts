// Starts the real server (api/src/server.ts) in a child process, as `npm run api` does, and reads
// what it prints; tests of settings and the hostile-input run use it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  databasePath: string;
  output: () => string;
  /** Resident memory of the server process, in bytes (from /proc). */
  rss: () => number;
  stop: () => Promise<void>;
}

function spawnServer(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; dir: string; databasePath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-server-'));
  const databasePath = join(dir, 'badgelens.db');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATABASE_PATH: databasePath, NODE_ENV: 'development', ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  // node itself (not npx), so that the child's pid is the server's and /proc shows its memory.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { child, output: () => text, dir, databasePath };
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerExpectingExit(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const { child, output, dir } = spawnServer(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output: output() });
    });
  });
}

/** Starts the server and waits for it to listen. */
export function startServerProcess(env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, output, dir, databasePath } = spawnServer(env);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before listening:\n${output()}`));
    };
    child.once('exit', onExit);
    const watch = () => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', watch);
      const pid = child.pid!;
      resolve({
        child,
        port: Number(match[1]),
        databasePath,
        output,
        rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024,
        stop,
      });
    };
    child.stdout!.on('data', watch);
  });
}
