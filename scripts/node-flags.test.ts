// The API runs with the same Node.js flags and environment however it is started: `npm start` and `npm run api`
// through scripts/api.mjs, the benchmarks' server from bench/harness.ts, all from scripts/node-flags.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ENVIRONMENT, API_NODE_FLAGS } from './node-flags.mjs';

interface Probe {
  execArgv: string[];
  mmapThreshold: string | null;
  heapLimit: number;
  gc: string;
}

/** Runs the probe in place of the server through the launcher `npm run api` and `npm start` use. */
function probeThroughLauncher(env: NodeJS.ProcessEnv): Probe {
  const run = spawnSync(process.execPath, ['scripts/api.mjs', 'scripts/fixtures/api-process-probe.ts'], { encoding: 'utf8', env, timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Probe;
}

describe('the API process', () => {
  it('is started by scripts/api.mjs for `npm run api` and `npm start`', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.api).toBe('node scripts/api.mjs');
    expect(readFileSync('scripts/start.mjs', 'utf8')).toContain("['scripts/api.mjs']");
  });

  it('runs with the flags, which bound its heap, and the environment defaults', () => {
    const { MALLOC_MMAP_THRESHOLD_: _unset, ...env } = process.env;
    const probe = probeThroughLauncher(env);
    expect(probe.execArgv).toEqual(expect.arrayContaining([...API_NODE_FLAGS]));
    expect(probe.mmapThreshold).toBe(API_ENVIRONMENT.MALLOC_MMAP_THRESHOLD_);
    // The quiet-time memory release collects with it (api/src/http/quietMemory.ts).
    expect(probe.gc).toBe('function');
    // Old space as set, plus the young generation V8 adds on top.
    const limitMb = probe.heapLimit / 1024 / 1024;
    expect(limitMb).toBeGreaterThanOrEqual(128);
    expect(limitMb).toBeLessThan(256);
  });

  it('keeps an environment value the operator set', () => {
    expect(probeThroughLauncher({ ...process.env, MALLOC_MMAP_THRESHOLD_: '131072' }).mmapThreshold).toBe('131072');
  });
});
