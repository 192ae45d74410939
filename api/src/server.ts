import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDb } from './db/connection';

const config = loadConfig();
const db = openDb(config.databasePath);
const app = createApp({ db, publicUrl: config.publicUrl });

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`BadgeLens API listening on http://localhost:${info.port} (public URL ${config.publicUrl}, database ${config.databasePath})`);
});

function shutdown() {
  server.close(() => {
    db.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
