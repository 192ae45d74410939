import { createApp } from './app';
import { startBulkWorker } from './bulk/worker';
import { ConfigError, loadConfig, type Config } from './config';
import { databaseTarget, describeTarget, openDb } from './db/connection';
import { safeFetchFromEnv } from './fetch';
import { startHousekeeping } from './earners/housekeeping';
import { earnerUrls } from './earners/urls';
import { serveApp } from './http/nodeServer';
import { createMailTransport } from './mail/transport';
import { startMailWorker } from './mail/worker';
import { KeyEncryptionKeyError, resolveKeyEncryptionKey, type KeyEncryptionKey } from './credentials/keys';
import { requestActivity } from './http/activity';
import { releaseRenderedFilesWhenQuiet } from './http/quietMemory';
import { startCredentialWorker } from './ob3/worker';
import { createBadgeEventCounter } from './sharing/badgeEventCounter';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`BadgeLens cannot start; fix these settings:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
}

const config = readConfig();
if (config.rateLimits === 'off') {
  console.warn('⚠  RATE_LIMITS=off: every rate limit is switched off. Use this for load tests and benchmarks only, never on a public server.');
}
const database = databaseTarget();

/** KEY_ENCRYPTION_KEY, or in development on the embedded database a key file next to it (made on first start). */
function readKeyEncryptionKey(): KeyEncryptionKey {
  if (config.keyEncryptionKey) return config.keyEncryptionKey;
  try {
    const { key, path } = resolveKeyEncryptionKey({ env: process.env, databasePath: config.databasePath });
    console.warn(`KEY_ENCRYPTION_KEY is not set: issuer signing keys are sealed with the development key file ${path} (set the variable in production).`);
    return key;
  } catch (error) {
    if (!(error instanceof KeyEncryptionKeyError)) throw error;
    console.error(`BadgeLens cannot start: ${error.message}`);
    process.exit(1);
  }
}
const keyEncryptionKey = readKeyEncryptionKey();
const db = await openDb(database);
// Mail: a real SMTP server when SMTP_URL is set; otherwise (development only) the embedded outbox at /dev/outbox.
const outboxUrl = earnerUrls(config.publicUrl).outbox();
const { safeFetch, warning: fetchWarning } = safeFetchFromEnv();
if (fetchWarning) console.warn(fetchWarning);
// Bulk-issuing jobs: queued ones, and those of a node that died (once their lease runs out), are worked on here.
const bulkWorker = startBulkWorker({ db, publicUrl: config.publicUrl, now: () => new Date() });
// Views and shares are counted in memory and written in batches; shutdown writes what is left.
const badgeEvents = createBadgeEventCounter(db);
const app = createApp({
  db,
  badgeEvents,
  publicUrl: config.publicUrl,
  devOutbox: config.devOutbox,
  trustProxy: config.trustProxy,
  rateLimits: config.rateLimits,
  safeFetch,
  onBulkJobQueued: bulkWorker.kick,
  keyEncryptionKey,
});
const transport = createMailTransport({
  db,
  smtpUrl: config.smtpUrl,
  from: config.mailFrom,
  onOutbox: (message) => console.log(`✉  Outbox: "${message.subject}" to ${message.to} (read it at ${outboxUrl}, from this machine only)`),
});
const stopMailWorker = startMailWorker({ db, now: () => new Date() }, transport);
const stopHousekeeping = startHousekeeping(db);
// Credentials are signed in the background, in the moments between requests.
const activity = requestActivity();
const stopCredentialWorker = startCredentialWorker({ db, publicUrl: config.publicUrl, keyEncryptionKey, now: () => new Date() }, { isQuiet: activity.isQuiet });

// After a quiet spell, the cards and certificates held in memory go to disk: memory goes back after a burst.
const stopReleasingMemory = releaseRenderedFilesWhenQuiet(activity.quietFor);
const { server, port } = await serveApp(activity.track(app.fetch), { port: config.port });
console.log(`BadgeLens API listening on http://localhost:${port} (public URL ${config.publicUrl}, database ${describeTarget(database)})`);
console.log(
  config.smtpUrl
    ? 'Mail goes out through the SMTP server in SMTP_URL.'
    : `No SMTP_URL set: emails are kept in the outbox at ${outboxUrl} (shown to this machine only).`,
);

function shutdown() {
  server.close(async () => {
    stopHousekeeping();
    stopReleasingMemory();
    await bulkWorker.stop();
    await stopMailWorker();
    await stopCredentialWorker();
    await badgeEvents.stop();
    transport.close();
    await db.destroy();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
