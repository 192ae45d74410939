// The API as the benchmarks run it, in a process of its own (forked by bench/harness.ts) so that the
// load generator and the server do not share one event loop: the same app and server setup as
// api/src/server.ts, plus the trivial routes every ratio is measured against. Listens on 127.0.0.1 only.
//   tsx bench/server.ts <database> <public URL> <on|off>
import { createApp } from '../api/src/app';
import { openDb } from '../api/src/db/connection';
import { RATE_LIMITS } from '../api/src/earners/rateLimit';
import { safeFetchFromEnv } from '../api/src/fetch';
import { requestActivity } from '../api/src/http/activity';
import { serveApp } from '../api/src/http/nodeServer';
import { releaseRenderedFilesWhenQuiet } from '../api/src/http/quietMemory';
import { ogCards } from '../api/src/openbadges/og';
import { certificates } from '../api/src/sharing/certificateRoutes';
import { createBadgeEventCounter } from '../api/src/sharing/badgeEventCounter';
import { getHeapSpaceStatistics } from 'node:v8';
import { MEMORY_PATH, RENDERS_PATH, TRIVIAL_PATH } from './paths';


const [target, publicUrl, rateLimits] = process.argv.slice(2);
const db = await openDb(target);
// FETCH_TEST_HOSTS (set by the benchmark) sends the foreign fixture hosts to its loopback server.
const { safeFetch } = safeFetchFromEnv();
// The load generator is one client: the verify limit is raised out of its reach, its counter still written.
const rules = rateLimits === 'off' ? 'off' : { ...RATE_LIMITS, verify: { ...RATE_LIMITS.verify, limit: 1e9 }, verifyForeign: { ...RATE_LIMITS.verifyForeign, limit: 1e9 } };
const badgeEvents = createBadgeEventCounter(db);
const app = createApp({ db, publicUrl, rateLimits: rules, safeFetch, badgeEvents });
// The trivial routes: the cheapest useful work on the same stack (every app middleware runs for them too).
app.get(TRIVIAL_PATH, (c) => c.text('ok'));
app.post(TRIVIAL_PATH, async (c) => {
  const body = (await c.req.json()) as { urls?: unknown[] };
  return c.json({ count: Array.isArray(body.urls) ? body.urls.length : 0 });
});
// How many cards and certificates this process rendered: the evidence that cached files are not rendered again.
app.get(RENDERS_PATH, (c) => c.json({ cards: ogCards.renders, certificates: certificates.renders, bytes: ogCards.bytes + certificates.bytes, diskBytes: ogCards.diskBytes + certificates.diskBytes }));
app.get(MEMORY_PATH, (c) => c.json({
  ...process.memoryUsage(),
  spaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { used: space.space_used_size, committed: space.physical_space_size }])),
}));
const activity = requestActivity();
releaseRenderedFilesWhenQuiet(activity.quietFor);
const { server, port } = await serveApp(activity.track(app.fetch), { port: 0, hostname: '127.0.0.1' });
process.send?.({ port });
process.on('disconnect', () => {
  server.close();
  void badgeEvents.stop().then(() => db.destroy()).finally(() => process.exit(0));
});
