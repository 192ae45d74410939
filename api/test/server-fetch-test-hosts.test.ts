// The real server process and FETCH_TEST_HOSTS: a warning naming the variable at start, and a
// clear refusal to start when the value is malformed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Starts the server and collects its output until `done` says enough, or it exits. */
function runServer(env: Record<string, string>, done: (output: string) => boolean): Promise<{ output: string; code: number | null }> {
  const folder = mkdtempSync(join(tmpdir(), 'badgelens-server-'));
  folders.push(folder);
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_PATH: join(folder, 'test.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (done(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ output, code }));
  });
}

describe('server start with FETCH_TEST_HOSTS', () => {
  it('prints a warning naming FETCH_TEST_HOSTS and the hosts it redirects', async () => {
    const { output } = await runServer({ FETCH_TEST_HOSTS: 'issuer.test=127.0.0.1:4001' }, (text) => text.includes('listening'));
    expect(output).toMatch(/WARNING: FETCH_TEST_HOSTS is set: .*issuer\.test → 127\.0\.0\.1:4001/);
    expect(output).toMatch(/listening/);
  }, 120_000);

  it('refuses to start with a malformed value, naming the variable', async () => {
    const { output, code } = await runServer({ FETCH_TEST_HOSTS: 'issuer.test=10.0.0.1:4001' }, () => false);
    expect(code).not.toBe(0);
    expect(output).toMatch(/FETCH_TEST_HOSTS: "issuer\.test=10\.0\.0\.1:4001" must point to a loopback address/);
  }, 120_000);
});
