// `npm start`: migrate and seed the database (only when empty), build the extension, then run the API
// in the foreground and say where everything is. The database is the embedded SQLite file at
// DATABASE_PATH, or PostgreSQL when DATABASE_URL is set.
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
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, args) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(npx, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

step(`Preparing the database at ${database} (demo data only goes into an empty database)`, ['tsx', 'api/src/cli/seed.ts']);
step('Building the browser extension', ['wxt', 'build']);

console.log(`
BadgeLens is starting.
  API and badge pages   ${publicUrl}/
  Badge catalogue       ${publicUrl}/catalogue
  API reference         ${publicUrl}/docs   (OpenAPI: ${publicUrl}/openapi.json)
  Outbox (demo e-mail)  ${publicUrl}/dev/outbox   (when SMTP_URL is not set)
  Demo earner sign-in   ${publicUrl}/login   demo@badgelens.example / badgelens-demo
  Database              ${database}

Load the extension in Chrome: open chrome://extensions, switch on "Developer mode",
click "Load unpacked" and choose ${extensionDir}
Press Ctrl+C to stop.
`);

const server = spawn(npx, ['tsx', 'api/src/server.ts'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
