// A loopback HTTP server standing in for many foreign hosts at once (FETCH_TEST_HOSTS style):
// routes are keyed by Host and path, every request is logged, answers can be held open.
import type http from 'node:http';
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../src/app';
import type { RateLimitSettings } from '../src/earners/rateLimit';
import { createSafeFetch, type TestHosts } from '../src/fetch';
import { createForeignVerifier } from '../src/verify/foreign';
import type { ResultCache } from '../src/verify/resultCache';
import { startLoopbackServer, type LoopbackServer } from './fetch-servers';
import { databaseResultCache } from '../src/verify/resultCache';
import { PUBLIC_URL, testDb } from './helpers';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface Served {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
}

export class FixtureWeb {
  readonly #routes = new Map<string, Handler>();
  readonly #held = new Set<http.ServerResponse>();
  /** `host path` of every request, in order. */
  readonly requests: string[] = [];
  /** Live: hosts added after an app was made still reach this server. */
  readonly #testHosts = new Map<string, { address: string; port: number }>();
  #server!: LoopbackServer;

  static async start(): Promise<FixtureWeb> {
    const web = new FixtureWeb();
    web.#server = await startLoopbackServer((request, response) => web.#handle(request, response));
    return web;
  }

  get server(): LoopbackServer {
    return this.#server;
  }

  /** FETCH_TEST_HOSTS for every host a route is added for, now or later (and any named here). */
  testHosts(...extra: string[]): TestHosts {
    for (const host of extra) this.#addHost(host);
    return this.#testHosts;
  }

  #addHost(hostname: string): void {
    this.#testHosts.set(hostname, { address: '127.0.0.1', port: this.#server.port });
  }

  route(url: string, handler: Handler): void {
    const { host, pathname, search } = new URL(url);
    this.#addHost(new URL(url).hostname);
    this.#routes.set(`${host} ${pathname}${search}`, handler);
  }

  json(url: string, body: unknown, served: Served = {}): void {
    this.text(url, JSON.stringify(body), { contentType: 'application/ld+json', ...served });
  }

  text(url: string, body: string | Buffer, served: Served = {}): void {
    this.route(url, (_request, response) => {
      response.writeHead(served.status ?? 200, { 'content-type': served.contentType ?? 'text/html; charset=utf-8', ...served.headers });
      response.end(body);
    });
  }

  redirect(url: string, location: string): void {
    this.route(url, (_request, response) => {
      response.writeHead(302, { location });
      response.end();
    });
  }

  /** Answers nothing until the server closes (a slow host). */
  silent(url: string): void {
    this.route(url, (_request, response) => {
      this.#held.add(response);
    });
  }

  /** Answers `body` only once `release()` is called (to line up concurrent requests). */
  gated(url: string, body: unknown): { release: () => void; waiting: () => number } {
    const waiting: http.ServerResponse[] = [];
    let released = false;
    const answer = (response: http.ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/ld+json' });
      response.end(JSON.stringify(body));
    };
    this.route(url, (_request, response) => (released ? answer(response) : waiting.push(response)));
    return {
      release: () => {
        released = true;
        waiting.splice(0).forEach(answer);
      },
      waiting: () => waiting.length,
    };
  }

  /** Requests seen for one URL. */
  count(url: string): number {
    const { host, pathname, search } = new URL(url);
    return this.requests.filter((request) => request === `${host} ${pathname}${search}`).length;
  }

  async close(): Promise<void> {
    for (const response of this.#held) response.destroy();
    await this.#server.close();
  }

  #handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const key = `${request.headers.host ?? ''} ${request.url ?? ''}`;
    this.requests.push(key);
    const handler = this.#routes.get(key);
    if (handler) return handler(request, response);
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<h1>Not found</h1>');
  }
}

export interface ForeignAppOptions {
  now?: () => Date;
  budgetMs?: number;
  fetchTimeoutMs?: number;
  cache?: ResultCache;
  rateLimits?: RateLimitSettings;
  extraHosts?: string[];
}

/**
 * An app whose outbound requests for the fixture hosts reach `web`; every other host resolves to
 * nothing (no DNS is ever asked).
 */
export async function foreignApp(web: FixtureWeb, options: ForeignAppOptions = {}) {
  const safeFetch = createSafeFetch({ testHosts: web.testHosts(...(options.extraHosts ?? [])), resolve: async () => [], timeoutMs: options.fetchTimeoutMs });
  const db = await testDb();
  const foreignVerifier = createForeignVerifier({ safeFetch, budgetMs: options.budgetMs, cache: options.cache ?? databaseResultCache(db) });
  const app = createApp({
    db,
    publicUrl: PUBLIC_URL,
    safeFetch,
    foreignVerifier,
    ...(options.now ? { now: options.now } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  return { db, app, safeFetch, foreignVerifier };
}

/** A fresh fixture web for each test of the file, closed after it: call the answer inside a test to reach it. */
export function fixtureWebPerTest(): () => FixtureWeb {
  let web: FixtureWeb | undefined;
  beforeEach(async () => {
    web = await FixtureWeb.start();
  });
  afterEach(async () => {
    await web?.close();
    web = undefined;
  });
  return () => {
    if (!web) throw new Error('The fixture web runs only inside a test.');
    return web;
  };
}
