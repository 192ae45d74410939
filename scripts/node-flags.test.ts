// The API runs with the same Node.js flags however it is started: `npm start`, `npm run api` and the
// benchmarks' server all take them from scripts/node-flags.mjs (package.json cannot import it: this checks it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_NODE_FLAGS } from './node-flags.mjs';

describe('the API process flags', () => {
  it('are in `npm run api` as in node-flags.mjs', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.api).toBe(`tsx ${API_NODE_FLAGS.join(' ')} api/src/server.ts`);
  });

  it('bound the heap of a process started with them', () => {
    const probe = spawnSync(process.execPath, [...API_NODE_FLAGS, '-p', "require('v8').getHeapStatistics().heap_size_limit"], { encoding: 'utf8' });
    const limitMb = Number(probe.stdout) / 1024 / 1024;
    // Old space as set, plus the young generation V8 adds on top.
    expect(limitMb).toBeGreaterThanOrEqual(128);
    expect(limitMb).toBeLessThan(256);
  });
});
