import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';
import { databaseTarget, describeTarget, openDb } from './db/connection';
import { startHousekeeping } from './earners/housekeeping';
import { earnerUrls } from './earners/urls';
import { createMailTransport } from './mail/transport';
import { startMailWorker } from './mail/worker';

const config = loadConfig();
const database = databaseTarget();
const db = await openDb(database);
// Mail: a real SMTP server when SMTP_URL is set; otherwise the embedded outbox, shown at /dev/outbox.
const smtpUrl = process.env.SMTP_URL?.trim() || null;
const outboxUrl = earnerUrls(config.publicUrl).outbox();
const app = createApp({ db, publicUrl: config.publicUrl, devOutbox: !smtpUrl, trustProxy: process.env.TRUST_PROXY === '1' });
const transport = createMailTransport({
  db,
  smtpUrl,
  from: process.env.MAIL_FROM?.trim() || undefined,
  onOutbox: (message) => console.log(`✉  Outbox: "${message.subject}" to ${message.to} (read it at ${outboxUrl})`),
});
const stopMailWorker = startMailWorker({ db, now: () => new Date() }, transport);
const stopHousekeeping = startHousekeeping(db);

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`BadgeLens API listening on http://localhost:${info.port} (public URL ${config.publicUrl}, database ${describeTarget(database)})`);
  console.log(smtpUrl ? 'Mail goes out through the SMTP server in SMTP_URL.' : `No SMTP_URL set: emails are kept in the outbox at ${outboxUrl}`);
});

function shutdown() {
  server.close(async () => {
    stopHousekeeping();
    await stopMailWorker();
    transport.close();
    await db.destroy();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
