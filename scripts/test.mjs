// `npm test`: every test. Unit and integration tests first (the API on embedded SQLite), then the API
// suite again on PostgreSQL (installed here when the machine lacks it; a throwaway cluster), then the
// store packages of the extension (`npm run zip`: Chrome, Firefox, sources) and the real-browser tests
// in Chromium and Firefox ESR (Debian's, installed here when the machine lacks them).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

function run(command, args, env = {}) {
  console.log(`\n$ ${Object.entries(env).map(([name, value]) => `${name}=${value} `).join('')}${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false, env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run(npx, ['tsc', '--noEmit', '-p', '.']);
run(npx, ['vitest', 'run']);
run('bash', ['scripts/ensure-postgres.sh']);
run(npx, ['vitest', 'run', '--project', 'api-postgres'], { TEST_DATABASE: 'postgres' });

const hasE2e = existsSync('e2e') && readdirSync('e2e', { recursive: true }).some((f) => String(f).endsWith('.e2e.test.ts'));
if (hasE2e) {
  run(npx, ['wxt', 'zip']);
  run(npx, ['wxt', 'zip', '-b', 'firefox']);
  run('bash', ['scripts/ensure-chromium.sh']);
  run('bash', ['scripts/ensure-firefox.sh']);
  run(npx, ['vitest', 'run', '--config', 'vitest.e2e.config.ts']);
}
console.log('\n✔ all tests passed');
