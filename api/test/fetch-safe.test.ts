// The outbound-fetch module through real sockets on loopback. Stand-in hosts go through
// FETCH_TEST_HOSTS-style test hosts; everything else must be refused before any connection.
import https from 'node:https';
import tls from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeFetch, pinnedLookup, type FetchResult, type Resolver } from '../src/fetch/safeFetch';
import { parseFetchTestHosts } from '../src/fetch/testHosts';
import { startLoopbackServer, waitFor, type Handler, type LoopbackServer } from './fetch-servers';

const JSON_TYPES = ['application/ld+json', 'application/json'];
const servers: LoopbackServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler?: Handler): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** A resolver that must never be asked (literal addresses and test hosts need no DNS). */
const noDns: Resolver = async (hostname) => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
};

function fetcherFor(hosts: Record<string, LoopbackServer>, options: { resolve?: Resolver; timeoutMs?: number; maxBytes?: number } = {}) {
  const testHosts = parseFetchTestHosts(Object.entries(hosts).map(([host, server]) => `${host}=127.0.0.1:${server.port}`).join(','));
  return createSafeFetch({ testHosts, resolve: options.resolve ?? noDns, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
}

function expectFailure(result: FetchResult, reason: string) {
  expect(result.ok ? `ok ${result.status}` : `${result.reason}: ${result.message}`).toMatch(new RegExp(`^${reason}`));
}

describe('safeFetch: addresses', () => {
  it('refuses every non-public address form without connecting to it', async () => {
    const target = await serve();
    const fetcher = fetcherFor({});
    const port = target.port;
    const urls = [
      `https://127.0.0.1:${port}/`,
      `https://2130706433:${port}/`,
      `https://0177.0.0.1:${port}/`,
      `https://0x7f.0.0.1:${port}/`,
      `https://0x7f000001:${port}/`,
      `https://127.1:${port}/`,
      `https://0.0.0.0:${port}/`,
      `https://0:${port}/`,
      `https://[::]:${port}/`,
      `https://[::1]:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      `https://[::ffff:7f00:1]:${port}/`,
      `https://[::ffff:0:7f00:1]:${port}/`,
      `https://[64:ff9b::7f00:1]:${port}/`,
      `https://[64:ff9b:1::7f00:1]:${port}/`,
      `https://[2002:7f00:1::]:${port}/`,
      `https://[::127.0.0.1]:${port}/`,
      `https://10.0.0.1:${port}/`,
      `https://169.254.169.254:${port}/latest/meta-data/`,
      `https://[fe80::1]:${port}/`,
      `https://[fd00::1]:${port}/`,
      `https://100.64.0.1:${port}/`,
      `https://198.18.0.1:${port}/`,
      `https://224.0.0.1:${port}/`,
      `https://255.255.255.255:${port}/`,
    ];
    for (const url of urls) expectFailure(await fetcher(url, { accept: JSON_TYPES }), 'blocked');
    expect(target.connections).toBe(0);
  });

  it('refuses host names that resolve to a non-public address (every address is checked), without connecting', async () => {
    const target = await serve();
    const lookups: string[] = [];
    const resolve: Resolver = async (hostname) => {
      lookups.push(hostname);
      if (hostname === 'mixed.test') return [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
      if (hostname === 'mapped.test') return [{ address: '::ffff:127.0.0.1', family: 6 }];
      if (hostname === 'nat64.test') return [{ address: '64:ff9b::a00:1', family: 6 }];
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const fetcher = fetcherFor({}, { resolve });
    for (const host of ['rebind.test', 'mixed.test', 'mapped.test', 'nat64.test', 'localhost']) {
      const result = await fetcher(`https://${host}:${target.port}/badge.png`, { accept: ['image/png'] });
      expectFailure(result, 'blocked');
      expect(result.ok || result.message).toMatch(new RegExp(`${host} resolves to a non-public address`));
    }
    expect(target.connections).toBe(0);
    // One lookup per hop: the answer that was checked is the one the socket uses (no second lookup to rebind).
    expect(lookups).toEqual(['rebind.test', 'mixed.test', 'mapped.test', 'nat64.test', 'localhost']);
  });

  it('reports a host name that does not resolve as a network failure', async () => {
    const fetcher = fetcherFor({}, { resolve: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) });
    expectFailure(await fetcher('https://nowhere.test/', { accept: JSON_TYPES }), 'network');
  });

  it('connects a checked host name only to the checked address (pinned lookup, SNI kept)', async () => {
    // A TLS server on loopback that records the server name the client asks for; the handshake then fails (no certificate).
    const serverNames: string[] = [];
    const server = tls.createServer({
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(new Error('no certificate here'));
      },
    });
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      // "pinned.test" is not in any DNS: only the pinned answer can make this connection reach the server.
      const outcome = await new Promise<string>((resolve) => {
        const request = https.request({ hostname: 'pinned.test', port, agent: false, lookup: pinnedLookup('pinned.test', [{ address: '127.0.0.1', family: 4 }]) });
        request.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
        request.end();
      });
      expect(outcome).not.toBe('ENOTFOUND');
      expect(serverNames).toEqual(['pinned.test']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses plain http, other schemes, credentials in URLs and malformed URLs', async () => {
    const target = await serve();
    const fetcher = fetcherFor({});
    expectFailure(await fetcher(`http://93.184.216.34:${target.port}/`, { accept: JSON_TYPES }), 'not_https');
    expectFailure(await fetcher('ftp://files.example/badge.png', { accept: JSON_TYPES }), 'not_https');
    expectFailure(await fetcher('file:///etc/passwd', { accept: JSON_TYPES }), 'not_https');
    expectFailure(await fetcher('https://user:secret@badges.example/', { accept: JSON_TYPES }), 'bad_url');
    expectFailure(await fetcher('not a url', { accept: JSON_TYPES }), 'bad_url');
    expectFailure(await fetcher('https://[::1/', { accept: JSON_TYPES }), 'bad_url');
    expect(target.connections).toBe(0);
  });
});

describe('safeFetch: test hosts', () => {
  it('sends http and https URLs of a test host to its loopback address over plain HTTP, with the original Host header', async () => {
    const issuer = await serve((request, response) => {
      response.setHeader('Content-Type', 'application/ld+json; charset=utf-8');
      response.end(JSON.stringify({ path: request.url }));
    });
    const fetcher = fetcherFor({ 'issuer.test': issuer });
    const result = await fetcher('https://issuer.test/assertions/1?x=1#frag', { accept: JSON_TYPES });
    expect(result).toMatchObject({ ok: true, status: 200, url: 'https://issuer.test/assertions/1?x=1', contentType: 'application/ld+json' });
    expect(result.ok && JSON.parse(result.body.toString())).toEqual({ path: '/assertions/1?x=1' });
    expect((await fetcher('http://issuer.test:8080/x', { accept: JSON_TYPES })).ok).toBe(true);
    expect(issuer.hosts).toEqual(['issuer.test', 'issuer.test:8080']);
  });
});

describe('safeFetch: redirects', () => {
  it('re-checks every redirect target: a redirect to a non-public address is refused without connecting to it', async () => {
    const internal = await serve();
    const redirector = await serve((request, response) => {
      const to: Record<string, string> = {
        '/to-loopback': `https://127.0.0.1:${internal.port}/secret`,
        '/to-decimal': `https://2130706433:${internal.port}/secret`,
        '/to-mapped': `https://[::ffff:127.0.0.1]:${internal.port}/secret`,
        '/to-private-name': `https://intranet.test:${internal.port}/secret`,
        '/to-http': `http://93.184.216.34:${internal.port}/secret`,
        '/relative-http': `//93.184.216.34:${internal.port}/secret`,
      };
      response.writeHead(302, { Location: to[request.url!] ?? '/' }).end();
    });
    const resolve: Resolver = async () => [{ address: '10.0.0.5', family: 4 }];
    const fetcher = fetcherFor({ 'issuer.test': redirector }, { resolve });
    for (const path of ['/to-loopback', '/to-decimal', '/to-mapped', '/to-private-name']) {
      const result = await fetcher(`https://issuer.test${path}`, { accept: JSON_TYPES });
      expectFailure(result, 'blocked');
    }
    expectFailure(await fetcher('https://issuer.test/to-http', { accept: JSON_TYPES }), 'not_https');
    // A scheme-relative redirect from an http test host stays http, and 93.184.216.34 is no test host.
    expectFailure(await fetcher('http://issuer.test/relative-http', { accept: JSON_TYPES }), 'not_https');
    expect(internal.connections).toBe(0);
    expect(redirector.connections).toBe(6);
  });

  it('follows up to 3 redirects (across test hosts), refuses a 4th and detects loops', async () => {
    const a = await serve((request, response) => {
      const match = /^\/hop\/(\d+)$/.exec(request.url!);
      if (match && Number(match[1]) > 0) return response.writeHead(301, { Location: `https://b.test/hop/${Number(match[1]) - 1}` }).end();
      if (request.url === '/loop') return response.writeHead(302, { Location: 'https://b.test/loop' }).end();
      response.setHeader('Content-Type', 'application/json');
      response.end('{"arrived":"a"}');
    });
    const b = await serve((request, response) => {
      const match = /^\/hop\/(\d+)$/.exec(request.url!);
      if (match && Number(match[1]) > 0) return response.writeHead(307, { Location: `/hop-a/${Number(match[1]) - 1}` }).end();
      if (match) return response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"arrived":"b"}');
      if (request.url?.startsWith('/hop-a/')) return response.writeHead(308, { Location: `https://a.test/hop/${request.url.slice(7)}` }).end();
      if (request.url === '/loop') return response.writeHead(303, { Location: 'https://a.test/loop#again' }).end();
      response.end();
    });
    const fetcher = fetcherFor({ 'a.test': a, 'b.test': b });
    // a/hop/2 → b/hop/1 → b/hop-a/0 → a/hop/0: three redirects.
    const three = await fetcher('https://a.test/hop/2', { accept: JSON_TYPES });
    expect(three).toMatchObject({ ok: true, status: 200, url: 'https://a.test/hop/0' });
    expect(three.ok && three.body.toString()).toBe('{"arrived":"a"}');
    expectFailure(await fetcher('https://a.test/hop/3', { accept: JSON_TYPES }), 'too_many_redirects');
    expectFailure(await fetcher('https://a.test/loop', { accept: JSON_TYPES }), 'redirect_loop');
  });
});

describe('safeFetch: answers', () => {
  it('passes 404, 410 and 500 through with their status and body, whatever their content type', async () => {
    const server = await serve((request, response) => {
      const status = Number(request.url!.slice(1));
      if (status === 410) return response.writeHead(410, { 'Content-Type': 'application/json' }).end('{"revoked":true}');
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(`status ${status}`);
    });
    const fetcher = fetcherFor({ 'issuer.test': server });
    for (const status of [404, 410, 500]) {
      const result = await fetcher(`https://issuer.test/${status}`, { accept: ['application/ld+json'] });
      expect(result).toMatchObject({ ok: true, status });
    }
    const gone = await fetcher('https://issuer.test/410', { accept: JSON_TYPES });
    expect(gone.ok && JSON.parse(gone.body.toString())).toEqual({ revoked: true });
  });

  it('refuses a 2xx answer of a content type the caller does not accept', async () => {
    const server = await serve((request, response) => {
      response.setHeader('Content-Type', request.url === '/none' ? '' : request.url === '/html' ? 'text/html; charset=utf-8' : 'image/png');
      response.end('<html></html>');
    });
    const fetcher = fetcherFor({ 'issuer.test': server });
    expectFailure(await fetcher('https://issuer.test/html', { accept: JSON_TYPES }), 'bad_content_type');
    expectFailure(await fetcher('https://issuer.test/none', { accept: JSON_TYPES }), 'bad_content_type');
    expectFailure(await fetcher('https://issuer.test/png', { accept: ['image/svg+xml'] }), 'bad_content_type');
    expect(await fetcher('https://issuer.test/html', { accept: ['text/html'] })).toMatchObject({ ok: true, contentType: 'text/html' });
  });

  it('refuses bodies over the size limit: by Content-Length, while streaming, and after decompression', async () => {
    const limit = 64 * 1024;
    const big = Buffer.alloc(limit + 1, 0x20);
    const bomb = gzipSync(Buffer.alloc(50 * limit, 0x20));
    const server = await serve((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      if (request.url === '/declared') {
        response.setHeader('Content-Length', String(10 * 1024 * 1024));
        return response.write(big);
      }
      if (request.url === '/streamed') {
        // No Content-Length: chunked, and more than the limit.
        response.write(big.subarray(0, limit / 2));
        return response.end(big.subarray(limit / 2));
      }
      if (request.url === '/gzip') return response.writeHead(200, { 'Content-Encoding': 'gzip' }).end(bomb);
      if (request.url === '/small-gzip') return response.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync('{"small":true}'));
      response.end(big.subarray(0, limit));
    });
    const fetcher = fetcherFor({ 'issuer.test': server }, { maxBytes: limit });
    expectFailure(await fetcher('https://issuer.test/declared', { accept: JSON_TYPES }), 'too_large');
    expectFailure(await fetcher('https://issuer.test/streamed', { accept: JSON_TYPES }), 'too_large');
    expect(bomb.length).toBeLessThan(limit);
    expectFailure(await fetcher('https://issuer.test/gzip', { accept: JSON_TYPES }), 'too_large');
    const small = await fetcher('https://issuer.test/small-gzip', { accept: JSON_TYPES });
    expect(small.ok && small.body.toString()).toBe('{"small":true}');
    const exact = await fetcher('https://issuer.test/exact', { accept: JSON_TYPES });
    expect(exact.ok && exact.body.length).toBe(limit);
    // A caller may ask for less than the fetcher's limit.
    expectFailure(await fetcher('https://issuer.test/exact', { accept: JSON_TYPES, maxBytes: 1000 }), 'too_large');
  });

  it('gives up when the whole request takes longer than the time limit: no answer, slow headers or a slow body', async () => {
    const held: Array<() => void> = [];
    const server = await serve((request, response) => {
      held.push(() => response.end());
      if (request.url === '/slow-body') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"partial":');
      }
    });
    const fetcher = fetcherFor({ 'slow.test': server }, { timeoutMs: 150 });
    for (const path of ['/no-answer', '/slow-body']) {
      expectFailure(await fetcher(`https://slow.test${path}`, { accept: JSON_TYPES }), 'timeout');
    }
    // The connections were closed by the client, not left open.
    await waitFor(() => server.active === 0, 'the abandoned requests to close');
    held.forEach((release) => release());
  });

  it('refuses unknown content encodings and reports refused connections as network failures', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-plus' }).end('x'));
    const closed = await serve();
    const closedPort = closed.port;
    await closed.close();
    servers.splice(servers.indexOf(closed), 1);
    const fetcher = createSafeFetch({ testHosts: parseFetchTestHosts(`issuer.test=127.0.0.1:${server.port},gone.test=127.0.0.1:${closedPort}`), resolve: noDns });
    expectFailure(await fetcher('https://issuer.test/', { accept: JSON_TYPES }), 'network');
    expectFailure(await fetcher('https://gone.test/', { accept: JSON_TYPES }), 'network');
  });
});

describe('safeFetch: politeness', () => {
  it('keeps at most 4 requests in flight per host; other hosts are not held up', async () => {
    const held: Array<() => void> = [];
    const handler: Handler = (_request, response) => {
      held.push(() => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
    };
    const busy = await serve(handler);
    const other = await serve(handler);
    const fetcher = fetcherFor({ 'busy.test': busy, 'other.test': other });
    const pending = [
      ...Array.from({ length: 10 }, (_, index) => fetcher(`https://busy.test/${index}`, { accept: JSON_TYPES })),
      ...Array.from({ length: 3 }, (_, index) => fetcher(`https://other.test/${index}`, { accept: JSON_TYPES })),
    ];
    await waitFor(() => busy.active >= 4 && other.active >= 3, 'four requests at busy.test and three at other.test');
    // Let requests finish one at a time: each frees exactly one slot for the next in line.
    let answered = 0;
    while (answered < 13) {
      await waitFor(() => held.length > 0, 'a request to answer');
      held.shift()!();
      answered++;
    }
    const results = await Promise.all(pending);
    expect(results.every((result) => result.ok && result.status === 200)).toBe(true);
    expect(busy.maxActive).toBe(4);
    expect(busy.connections).toBe(10);
    expect(other.maxActive).toBe(3);
  });

  it('gives up on requests still waiting for a slot when the time limit passes', async () => {
    const held: Array<() => void> = [];
    const busy = await serve((_request, response) => held.push(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    const fetcher = fetcherFor({ 'busy.test': busy }, { timeoutMs: 60_000 });
    // Four requests take every slot of the host and are held there (their time limit is far away)…
    const holding = Array.from({ length: 4 }, (_, index) => fetcher(`https://busy.test/${index}`, { accept: JSON_TYPES }));
    await waitFor(() => busy.active === 4, 'four requests holding busy.test');
    // …so two more with a short limit wait in line and give up at their own deadline.
    const waiting = await Promise.all(Array.from({ length: 2 }, (_, index) => fetcher(`https://busy.test/late-${index}`, { accept: JSON_TYPES, timeoutMs: 200 })));
    expect(waiting.map((result) => !result.ok && result.reason)).toEqual(['timeout', 'timeout']);
    // The two that never got a slot never connected.
    expect(busy.connections).toBe(4);
    expect(busy.maxActive).toBe(4);
    held.forEach((release) => release());
    expect((await Promise.all(holding)).every((result) => result.ok && result.status === 200)).toBe(true);
  });
});
