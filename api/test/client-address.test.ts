// Issue 11 items 11 and 12: who the client is, for rate limits — TRUST_PROXY=N hops, IPv6 by /64.
import type { ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { testDb } from './helpers';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import { bareAddress, forwardedClient, rateLimitKey } from '../src/http/clientAddress';
import { serveApp } from '../src/http/nodeServer';
import { PUBLIC_URL } from './helpers';
import { oneConnectionAgent, send } from './http-client';

describe('forwardedClient', () => {
  it('takes the Nth entry from the right: the one the outermost trusted proxy wrote', () => {
    const header = '198.51.100.1, 203.0.113.7, 10.0.0.2';
    expect(forwardedClient(header, 1)).toBe('10.0.0.2');
    expect(forwardedClient(header, 2)).toBe('203.0.113.7');
    expect(forwardedClient(header, 3)).toBe('198.51.100.1');
  });

  it('takes the leftmost entry when there are fewer entries than hops, and nothing without a header or hops', () => {
    expect(forwardedClient('203.0.113.7', 3)).toBe('203.0.113.7');
    expect(forwardedClient('203.0.113.7', 0)).toBeNull();
    expect(forwardedClient(undefined, 1)).toBeNull();
    expect(forwardedClient('', 1)).toBeNull();
    expect(forwardedClient(' , ,', 1)).toBeNull();
  });

  it('accepts only IP addresses, with or without brackets and ports', () => {
    expect(forwardedClient('1.2.3.4, unknown', 1)).toBeNull();
    expect(forwardedClient('[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(forwardedClient('203.0.113.7:51000', 1)).toBe('203.0.113.7');
    expect(bareAddress(' 2001:db8::7 ')).toBe('2001:db8::7');
    for (const junk of ['', 'localhost', '1.2.3', '999.1.1.1', '<script>', '1.2.3.4.5', '2001:db8::g']) expect(bareAddress(junk), junk).toBeNull();
  });
});

describe('rateLimitKey', () => {
  it('keys IPv6 clients by their /64 and IPv4 by the address', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2::1')).toBe(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(rateLimitKey('2001:db8:1:2::1'));
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80::/64');
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('unknown')).toBe('unknown');
  });

  it('answers the same when asked again (keys are remembered) and for many addresses', () => {
    const addresses = Array.from({ length: 10_000 }, (_, n) => `2001:db8:${(n >> 8).toString(16)}:${(n & 255).toString(16)}::${n.toString(16)}`);
    const first = addresses.map(rateLimitKey);
    expect(first[0]).toBe('2001:db8::/64');
    expect(first[10_000 - 1]).toBe('2001:db8:27:f::/64');
    expect(addresses.map(rateLimitKey)).toEqual(first);
    expect(['::ffff:203.0.113.7', '::ffff:203.0.113.7'].map(rateLimitKey)).toEqual(['203.0.113.7', '203.0.113.7']);
  });
});

describe('rate limits behind proxies, over real HTTP', () => {
  const servers: ServerType[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  /** A listening server whose verify limit is 3 a minute, behind `trustProxy` proxies. */
  async function listen(trustProxy: number) {
    const app = createApp({
      db: await testDb(),
      publicUrl: PUBLIC_URL,
      trustProxy,
      rateLimits: { ...RATE_LIMITS, verify: { name: 'verify', limit: 3, windowMs: 60_000 } },
    });
    const { server, port } = await serveApp(app.fetch, { port: 0, hostname: '127.0.0.1' });
    servers.push(server);
    const agent = oneConnectionAgent();
    return (forwardedFor?: string) =>
      send(agent, port, {
        path: '/api/v1/verify',
        body: JSON.stringify({ urls: ['https://badges.test/assertions/x'] }),
        headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
      });
  }

  it('with TRUST_PROXY=1, a client cannot pick its own key by forging the left of X-Forwarded-For', async () => {
    const verify = await listen(1);
    for (let i = 0; i < 3; i++) expect((await verify(`10.9.${i}.1, 203.0.113.7`)).status).toBe(200);
    const limited = await verify('10.9.200.1, 203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited.body).error.code).toBe('rate_limited');
    // Another client behind the same proxy has its own allowance.
    expect((await verify('10.9.0.1, 198.51.100.2')).status).toBe(200);
  });

  it('with TRUST_PROXY=2, the client is the second entry from the right', async () => {
    const verify = await listen(2);
    for (let i = 0; i < 3; i++) expect((await verify(`203.0.113.7, 10.0.0.${i}`)).status).toBe(200);
    expect((await verify('203.0.113.7, 10.0.0.99')).status).toBe(429);
    expect((await verify('forged, 198.51.100.2, 10.0.0.1')).status).toBe(200);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: the socket address counts', async () => {
    const verify = await listen(0);
    for (let i = 0; i < 3; i++) expect((await verify(`203.0.113.${i}`)).status).toBe(200);
    expect((await verify('203.0.113.200')).status).toBe(429);
    expect((await verify()).status).toBe(429);
  });

  it('counts every address of one IPv6 /64 together, and other /64s apart', async () => {
    const verify = await listen(1);
    for (const host of ['2001:db8:aa:1::1', '2001:db8:aa:1::2', '2001:db8:aa:1:ffff:1:2:3']) expect((await verify(host)).status).toBe(200);
    expect((await verify('2001:db8:aa:1:dead:beef::9')).status).toBe(429);
    expect((await verify('2001:db8:aa:2::1')).status).toBe(200);
  });
});
