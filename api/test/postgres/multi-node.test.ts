// Three real API server processes (npm run api) on one PostgreSQL database, started at the same moment
// after three demo seeds started at the same moment: sessions, revocations, lockouts, share counters and
// the mail queue behave as on one node.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/documentLoader';
import { verifyCredential } from '../../src/credentials/proofs';
import { openDb, type Db } from '../../src/db/connection';
import { listMailQueue } from '../../src/db/mailQueue';
import { DEMO_EARNER_PASSWORD } from '../../src/earners/demoAccounts';
import { DEMO_EARNER_EMAIL, demoData } from '../../src/seed/demo-data';
import { startSmtpServer } from '../earners-helpers';
import { jsonRequest } from '../helpers';
import { createTestDatabase, dropTestDatabase } from '../support/testDatabase';

const PUBLIC_URL = 'https://badges.nodes.test';
const TSX = join('node_modules', '.bin', 'tsx');
const NODES = 3;

interface Node {
  url: string;
  process: ChildProcess;
}

function run(script: string, env: Record<string, string>): { child: ChildProcess; output: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(TSX, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: exited.then(() => output), exited };
}

function startNode(env: Record<string, string>): Promise<Node> {
  const child = spawn(TSX, ['api/src/server.ts'], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, process: child });
    });
    child.once('exit', (code) => reject(new Error(`an API node exited early (code ${code}):\n${output}`)));
  });
}

function stopNode(node: Node): Promise<void> {
  if (node.process.exitCode !== null || node.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => node.process.kill('SIGKILL'), 10_000);
    node.process.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    node.process.kill('SIGTERM');
  });
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let database: { name: string; url: string };
let mailbox: Awaited<ReturnType<typeof startSmtpServer>>;
let nodes: Node[] = [];
let db: Db;
let seedOutputs: string[];

beforeAll(async () => {
  database = await createTestDatabase(false);
  mailbox = await startSmtpServer();
  const env = {
    DATABASE_URL: database.url,
    PUBLIC_URL,
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    DATABASE_PATH: '/nonexistent/never-used.db',
    KEY_ENCRYPTION_KEY: '5a'.repeat(32),
  };
  // Three nodes start on an empty, unmigrated database: each migrates and seeds, as `npm start` does.
  const seeds = Array.from({ length: NODES }, () => run('api/src/cli/seed.ts', env));
  seedOutputs = await Promise.all(seeds.map((seed) => seed.output));
  expect(await Promise.all(seeds.map((seed) => seed.exited))).toEqual([0, 0, 0]);
  nodes = await Promise.all(Array.from({ length: NODES }, () => startNode(env)));
  db = await openDb(database.url);
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map(stopNode));
  await db?.destroy();
  await mailbox?.close();
  if (database) await dropTestDatabase(database.name);
}, 120_000);

const token = (node: Node, email: string, password: string) => fetch(`${node.url}/api/v1/auth/token`, jsonRequest('POST', { email, password }));
const myBadges = (node: Node, bearer: string) => fetch(`${node.url}/api/v1/me/badges`, { headers: { Authorization: `Bearer ${bearer}` } });

describe(`${NODES} API nodes on one PostgreSQL database`, () => {
  it('loaded the demo data exactly once although every node tried', () => {
    expect(seedOutputs.filter((output) => output.includes('Loaded the demo data'))).toHaveLength(1);
    expect(seedOutputs.filter((output) => output.includes('already has data'))).toHaveLength(NODES - 1);
  });

  it('accepts on every node a token issued by one, and a sign-out on one ends it on all', async () => {
    const issued = await token(nodes[0], DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    expect(issued.status).toBe(201);
    const { token: bearer } = (await issued.json()) as { token: string };
    for (const node of nodes) expect((await myBadges(node, bearer)).status).toBe(200);
    expect((await fetch(`${nodes[1].url}/api/v1/auth/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${bearer}` } })).status).toBe(204);
    for (const node of nodes) expect((await myBadges(node, bearer)).status).toBe(401);
  });

  it('locks an account after 5 wrong passwords on node 1 and 5 on node 2', async () => {
    const email = demoData.earners.find((earner) => earner.email !== DEMO_EARNER_EMAIL)!.email;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await token(nodes[0], email, `wrong password ${i}`)).status);
    for (let i = 0; i < 5; i++) statuses.push((await token(nodes[1], email, `wrong password ${5 + i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 423]);
    expect((await token(nodes[2], email, 'any password')).status).toBe(423);
  });

  it('revokes on one node and answers "revoked" on every other; counts shares made on every node together', async () => {
    const seeded = seedOutputs.find((output) => output.includes('Loaded the demo data'))!;
    const apiKey = /blk_\S+/.exec(seeded)![0];
    const auth = { Authorization: `Bearer ${apiKey}` };
    const badges = (await (await fetch(`${nodes[0].url}/api/v1/issuer`, { headers: auth })).json()) as { id: string };
    expect(badges.id).toBeTruthy();
    const badgeClass = (await db.selectFrom('badge_classes').select('id').where('issuer_id', '=', badges.id).executeTakeFirstOrThrow()).id;
    const issue = await fetch(`${nodes[2].url}/api/v1/badges/${badgeClass}/assertions`, jsonRequest('POST', { email: 'ria@example.test', name: 'Ria Node' }, auth));
    expect(issue.status).toBe(201);
    const { id } = (await issue.json()) as { id: string };
    const verify = async (node: Node) => {
      const res = await fetch(`${node.url}/api/v1/verify`, jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/${id}`] }));
      return ((await res.json()) as { results: { status: string }[] }).results[0].status;
    };
    expect(await verify(nodes[1])).toBe('valid');
    expect((await fetch(`${nodes[0].url}/api/v1/assertions/${id}/revoke`, jsonRequest('POST', { reason: 'Issued in error' }, auth))).status).toBe(200);
    for (const node of nodes) expect(await verify(node)).toBe('revoked');

    const other = await db
      .selectFrom('assertions as a')
      .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
      .select('a.id')
      .where('b.issuer_id', '=', badges.id)
      .where('a.revoked', '=', 0)
      .where('a.is_public', '=', 1)
      .executeTakeFirstOrThrow();
    // One browser per node, and one browser that goes through every node: each is one client on every node.
    const share = (node: Node, userAgent: string) => fetch(`${node.url}/s/${other.id}/linkedin`, { redirect: 'manual', headers: { 'User-Agent': userAgent } });
    for (const [index, node] of nodes.entries()) {
      expect((await share(node, `browser of node ${index}`)).status).toBe(302);
      expect((await share(node, 'the browser that goes everywhere')).status).toBe(302);
    }
    // Each node writes its counts within a second (the node asked flushes its own at once): the total arrives.
    const linkedInShares = async () => {
      const stats = (await (await fetch(`${nodes[1].url}/api/v1/stats`, { headers: auth })).json()) as { badgeClasses: { shares: { linkedin: number } }[] };
      return stats.badgeClasses.reduce((total, entry) => total + entry.shares.linkedin, 0);
    };
    await expect.poll(linkedInShares, { timeout: 30_000, interval: 250 }).toBe(NODES + 1);
  });

  it('signs every badge (the seeded ones too) once in the background, and serves the same credential and status on every node', async () => {
    const counts = async () => {
      const row = await db
        .selectFrom('assertions as a')
        .leftJoin('assertion_credentials as c', 'c.assertion_id', 'a.id')
        .select((eb) => [eb.fn.countAll<number>().as('badges'), eb.fn.count<number>('c.signed_at').as('signed')])
        .executeTakeFirstOrThrow();
      return { badges: Number(row.badges), signed: Number(row.signed) };
    };
    await waitFor(async () => {
      const { badges, signed } = await counts();
      return signed === badges;
    }, 'every badge to be signed', 90_000);
    // One first key per issuer, although three workers needed it at once.
    const keys = await db.selectFrom('issuer_keys').select(['issuer_id', 'key_number']).execute();
    expect(keys.map((key) => key.key_number)).toEqual(keys.map(() => 1));
    expect(new Set(keys.map((key) => key.issuer_id)).size).toBe(keys.length);

    const revoked = await db
      .selectFrom('assertions')
      .select('id')
      .where('revoked', '=', 1)
      .where('is_public', '=', 1)
      .where('claim_state', '<>', 'declined')
      .executeTakeFirstOrThrow();
    const served = await Promise.all(nodes.map(async (node) => (await fetch(`${node.url}/credentials/${revoked.id}`)).text()));
    expect(new Set(served).size).toBe(1);
    const onNode = (node: Node) =>
      createDocumentLoader({
        fetchJson: async (url) => {
          const response = await fetch(url.replace(PUBLIC_URL, node.url));
          if (!response.ok) throw new Error(`${response.status} ${url}`);
          return response.json();
        },
      });
    for (const node of nodes) {
      const result = await verifyCredential(JSON.parse(served[0]), { documentLoader: onNode(node) });
      expect(result).toMatchObject({ verified: true, status: { checked: true, revoked: true } });
    }
  }, 120_000);

  it('delivers a burst of queued mail exactly once to the SMTP server, whichever nodes send it', async () => {
    const seeded = seedOutputs.find((output) => output.includes('Loaded the demo data'))!;
    const auth = { Authorization: `Bearer ${/blk_\S+/.exec(seeded)![0]}` };
    const issuer = (await (await fetch(`${nodes[0].url}/api/v1/issuer`, { headers: auth })).json()) as { id: string };
    const badgeClass = (await db.selectFrom('badge_classes').select('id').where('issuer_id', '=', issuer.id).executeTakeFirstOrThrow()).id;
    const recipients = Array.from({ length: 30 }, (_, i) => `burst${i}@example.test`);
    await Promise.all(
      recipients.map(async (email, i) => {
        const res = await fetch(`${nodes[i % NODES].url}/api/v1/badges/${badgeClass}/assertions`, jsonRequest('POST', { email, name: `Burst ${i}` }, auth));
        expect(res.status).toBe(201);
      }),
    );
    const burstMail = async () => (await listMailQueue(db)).filter((mail) => mail.to.startsWith('burst'));
    await waitFor(async () => (await burstMail()).every((mail) => mail.status === 'sent'), 'the burst to be sent');
    // Stopping the nodes waits for any send in progress: nothing can arrive after this.
    await Promise.all(nodes.map(stopNode));
    const received = mailbox.received.flatMap((mail) => mail.to).filter((to) => to.startsWith('burst'));
    expect(received.sort()).toEqual([...recipients].sort());
    expect((await burstMail()).map((mail) => mail.attempts)).toEqual(recipients.map(() => 1));
  }, 120_000);
});
