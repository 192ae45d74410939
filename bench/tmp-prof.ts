import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../api/src/db/connection';
import { createIssuer } from '../api/src/db/issuers';
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { insertSyntheticAssertions, sampleAssertionIds } from '../api/src/db/benchData';
import { load, startServer, stopChild, TRIVIAL_PATH } from './harness';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const target = join(dir, 'b.db');
const db = await openDb(target);
const issuer = await createIssuer(db, { name: 'I', url: 'https://i.example', email: 'a@i.example' });
const bc = await createBadgeClass(db, issuer.id, { name: 'B', description: 'd', category: 'skill', criteria: 'c' });
await insertSyntheticAssertions(db, { badgeClassIds: [bc.id], count: 10000, issuedOn: '2025-01-01T00:00:00.000Z', pastExpiry: '2026-01-01T00:00:00.000Z', futureExpiry: '2099-01-01T00:00:00.000Z' });
const ids = await sampleAssertionIds(db, 1000);
await db.destroy();
const n = Number(process.argv[2] ?? 1);
const bodies = Array.from({ length: 256 }, () => JSON.stringify({ urls: Array.from({ length: n }, () => `https://b.test/assertions/${ids[Math.floor(Math.random() * ids.length)]}`) }));
const profDir = process.argv[3];
const server = await startServer({ target, publicUrl: 'https://b.test', rateLimits: 'on', cpuProfileDir: profDir });
await load(server, { method: 'POST', path: '/api/v1/verify', bodies }, { connections: 10, seconds: 2 });
if (process.argv[4] === 'only') { await load(server, { method: 'POST', path: '/api/v1/verify', bodies }, { connections: 10, seconds: 8 }); await stopChild(server.child); process.exit(0); }
for (const round of [1, 2]) {
  const t = await load(server, { method: 'POST', path: TRIVIAL_PATH, bodies }, { connections: 10, seconds: 5 });
  const v = await load(server, { method: 'POST', path: '/api/v1/verify', bodies }, { connections: 10, seconds: 5 });
  console.log(`round ${round}: trivial ${t.cpuPerRequestUs.toFixed(0)} µs ${t.result.requests.average} req/s p99 ${t.p99.toFixed(2)}; verify ${n}: ${v.cpuPerRequestUs.toFixed(0)} µs ${v.result.requests.average} req/s p99 ${v.p99.toFixed(2)}; ratio ${(t.cpuPerRequestUs / v.cpuPerRequestUs).toFixed(2)}`);
}
await stopChild(server.child);
