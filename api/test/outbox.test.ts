// Issue 11 item 1: the development outbox (live claim and reset links) is for this machine only.
import http from 'node:http';
import { networkInterfaces } from 'node:os';
import type { ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../src/http/clientAddress';
import { cspHash } from '../src/pages/csp';
import { OUTBOX_REFRESH_SCRIPT } from '../src/pages/earner/OutboxPage';
import { serveApp } from '../src/http/nodeServer';
import { earnerWorld, issueBadge, issuerWithBadge, type EarnerWorld } from './earners-helpers';
import { send } from './http-client';
import { runServerExpectingExit, startServerProcess } from './server-process';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An address of this machine that is not loopback: connecting to it makes the server see a non-loopback peer. */
function nonLoopbackAddress(): string {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const external = addresses.find((entry) => !entry.internal && entry.family === 'IPv4') ?? addresses.find((entry) => !entry.internal && !entry.address.startsWith('fe80'));
  if (!external) throw new Error('this machine has no network interface besides loopback; the outbox test needs one to connect from');
  return external.address;
}

async function worldWithMail(smtpPort?: number): Promise<EarnerWorld> {
  const world = await earnerWorld(smtpPort === undefined ? {} : { smtpPort });
  cleanups.push(() => world.transport.close());
  const issuer = await issuerWithBadge(world);
  await issueBadge(world, issuer, 'jane@example.com', 'Jane Doe');
  await world.deliver();
  return world;
}

async function listenOnAllInterfaces(world: EarnerWorld): Promise<number> {
  const { server, port } = await serveApp(world.app.fetch, { port: 0, hostname: '::' });
  cleanups.push(() => new Promise((resolve) => (server as ServerType).close(resolve)));
  return port;
}

function freshAgent(): http.Agent {
  const agent = new http.Agent({ keepAlive: false });
  cleanups.push(() => agent.destroy());
  return agent;
}

describe('/dev/outbox', () => {
  it('shows the mails to a client on this machine', async () => {
    const world = await worldWithMail();
    const port = await listenOnAllInterfaces(world);
    for (const host of ['127.0.0.1', '::1']) {
      const page = await send(freshAgent(), port, { path: '/dev/outbox', host });
      expect(page.status, host).toBe(200);
      expect(page.body).toContain('has issued you a digital badge');
      expect(page.headers['cache-control']).toBe('no-store');
    }
  });

  it('shows new mail by itself: its one script polls /dev/outbox/latest, allowed by the page policy', async () => {
    const world = await worldWithMail();
    const port = await listenOnAllInterfaces(world);
    const page = await send(freshAgent(), port, { path: '/dev/outbox' });
    const shownId = page.body.match(/data-latest-id="(\d+)"/)?.[1];
    expect(shownId).toBeDefined();
    const scripts = [...page.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    expect(scripts).toEqual([OUTBOX_REFRESH_SCRIPT]);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain(`script-src ${cspHash(OUTBOX_REFRESH_SCRIPT)}`);
    expect(policy).toMatch(/connect-src 'self'/);

    const latest = async () => {
      const answer = await send(freshAgent(), port, { path: '/dev/outbox/latest' });
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      return JSON.parse(answer.body).latestId;
    };
    expect(String(await latest())).toBe(shownId);
    const issuer = await issuerWithBadge(world);
    await issueBadge(world, issuer, 'ravi@example.com', 'Ravi Rao');
    await world.deliver();
    expect(await latest()).toBeGreaterThan(Number(shownId));
  });

  it('is refused to any other address, whatever X-Forwarded-For or Host claim', async () => {
    const world = await worldWithMail();
    const port = await listenOnAllInterfaces(world);
    const address = nonLoopbackAddress();
    for (const headers of [{}, { 'X-Forwarded-For': '127.0.0.1' }, { Host: 'localhost' }, { Host: '127.0.0.1', 'X-Real-IP': '::1', 'X-Forwarded-For': '::1' }] as Record<string, string>[]) {
      const page = await send(freshAgent(), port, { path: '/dev/outbox', host: address, headers });
      expect(page.status, JSON.stringify(headers)).toBe(404);
      expect((await send(freshAgent(), port, { path: '/dev/outbox/latest', host: address, headers })).status, JSON.stringify(headers)).toBe(404);
      expect(page.body).not.toContain('has issued you a digital badge');
      expect(page.body).not.toMatch(/\/claim\//);
    }
  });

  it('is refused through a proxy on this machine, and under app.request() where there is no socket', async () => {
    const world = await worldWithMail();
    const port = await listenOnAllInterfaces(world);
    for (const headers of [{ 'X-Forwarded-For': '127.0.0.1' }, { Forwarded: 'for=127.0.0.1' }, { 'X-Real-IP': '127.0.0.1' }] as Record<string, string>[]) {
      expect((await send(freshAgent(), port, { path: '/dev/outbox', headers })).status, JSON.stringify(headers)).toBe(404);
    }
    expect((await world.app.request('/dev/outbox')).status).toBe(404);
    expect((await world.app.request('/dev/outbox/latest')).status).toBe(404);
  });

  it('does not exist when mail goes to an SMTP server, even for this machine', async () => {
    const world = await worldWithMail(1); // nothing listens on port 1: the mail just waits in the queue
    const port = await listenOnAllInterfaces(world);
    expect((await send(freshAgent(), port, { path: '/dev/outbox' })).status).toBe(404);
  });

  it('knows which addresses are loopback', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['192.0.2.2', '10.0.0.1', '::', '0.0.0.0', 'fd00::2', '::ffff:192.0.2.2', 'localhost', '', undefined, 'unknown']) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe('the server in production', () => {
  it('refuses to start without SMTP_URL, naming it', async () => {
    for (const SMTP_URL of [undefined, '']) {
      const { code, output } = await runServerExpectingExit({ NODE_ENV: 'production', SMTP_URL });
      expect(code, output).not.toBe(0);
      expect(code, output).not.toBeNull();
      expect(output).toMatch(/SMTP_URL must be set when NODE_ENV=production/);
      expect(output).not.toMatch(/listening/);
    }
  }, 120_000);

  it('never serves the outbox, even to this machine', async () => {
    const server = await startServerProcess({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1', KEY_ENCRYPTION_KEY: '7e'.repeat(32) });
    cleanups.push(server.stop);
    expect((await send(freshAgent(), server.port, { path: '/dev/outbox' })).status).toBe(404);
    expect((await send(freshAgent(), server.port, { path: '/health' })).status).toBe(200);
  }, 120_000);
});
