// `npm start`: migrate and seed the database (only when empty), build the extension, then run the API
// in the foreground and say where everything is: the demo logins and badge URLs too, on the first start
// and on every restart with the same database. The database is the embedded SQLite file at
// DATABASE_PATH, or PostgreSQL when DATABASE_URL is set.
// `npm start -- --no-extension` skips the extension build (the API alone).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const port = process.env.PORT ?? '8787';
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
const databaseUrl = process.env.DATABASE_URL?.trim();
// Shown without the user name and password a PostgreSQL URL may carry.
const database = databaseUrl
  ? (() => {
      const url = new URL(databaseUrl);
      return `${url.protocol}//${url.host}${url.pathname}`;
    })()
  : resolve(process.env.DATABASE_PATH ?? './data/badgelens.db');
const extensionDir = resolve('.output/chrome-mv3');
const buildExtension = !process.argv.includes('--no-extension');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, args, { captureOutput = false } = {}) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(npx, args, { stdio: ['inherit', captureOutput ? 'pipe' : 'inherit', 'inherit'], env: process.env, encoding: 'utf8' });
  if (result.status !== 0) {
    if (captureOutput) process.stdout.write(result.stdout ?? '');
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? '';
}

// The seed prints what the database holds (the demo logins and badges); it is repeated below,
// after the build's output, where it cannot scroll away.
const databaseReport = step(
  `Preparing the database at ${database} (demo data only goes into an empty database)`,
  ['tsx', 'api/src/cli/seed.ts'],
  { captureOutput: true },
).trim();
if (buildExtension) step('Building the browser extension', ['wxt', 'build']);

const indent = (text) => text.replace(/^/gm, '  ');
console.log(`
BadgeLens is starting.
  API and badge pages   ${publicUrl}/
  Badge catalogue       ${publicUrl}/catalogue
  API reference         ${publicUrl}/docs   (OpenAPI: ${publicUrl}/openapi.json)
  Outbox (demo e-mail)  ${publicUrl}/dev/outbox   (when SMTP_URL is not set)
  Database              ${database}

${indent(databaseReport)}
${
  buildExtension
    ? `
Load the extension in Chrome: open chrome://extensions, switch on "Developer mode",
click "Load unpacked" and choose ${extensionDir}`
    : ''
}
Press Ctrl+C to stop.
`);

// The same launcher as `npm run api`: the API's Node.js flags and environment.
const server = spawn(process.execPath, ['scripts/api.mjs'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
