// The real BadgeLens API on a free loopback port, with an in-memory SQLite database holding the demo
// data, and the exact badges the LinkedIn fixtures need, created through the issuer HTTP API.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/src/app';
import type { SafeFetch } from '../../api/src/fetch';
import { openDb, type Db } from '../../api/src/db/connection';
import { serveApp } from '../../api/src/http/nodeServer';
import { seedDemo } from '../../api/src/seed/demo';
import { PEOPLE, type BadgeUrls } from '../../extension/test/linkedin-fixtures';

export interface RunningApi {
  url: string;
  db: Db;
  /** The first demo issuer (seeded), who issues the fixtures' badges. */
  issuerApiKey: string;
  issuerName: string;
  /** Moves the API's clock forward (lets a badge expire without waiting). */
  advanceClock(ms: number): void;
  /** While down, the API answers every request with 503 Service Unavailable. */
  setDown(down: boolean): void;
  /** Every request the API received, as "METHOD /path", oldest first (tests count the browser's calls). */
  requests: string[];
  /** The Referer and Origin headers of every request, as "METHOD /path referer origin" (privacy checks). */
  requestSources: string[];
  /** Every URL the browser asked POST /api/v1/verify about, oldest first. */
  verifiedUrls: string[];
  /** Stops listening (connections refused, as with a server that is not running) until `start()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function listen(handler: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  const server: ServerType = serve({ fetch: handler, port, hostname: '127.0.0.1' });
  return new Promise((resolve) => (server.listening ? resolve(server) : server.once('listening', () => resolve(server))));
}

function stopListening(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

export async function startApi({ safeFetch }: { safeFetch?: SafeFetch } = {}): Promise<RunningApi> {
  const db = await openDb(':memory:');
  let clockOffset = 0;
  let down = false;
  const requests: string[] = [];
  const verifiedUrls: string[] = [];
  const requestSources: string[] = [];
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  // The public URL holds the port, known only once listening: the app is created after.
  let server = await listen((request) => handler!(request), 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const app = createApp({ db, publicUrl: url, now: () => new Date(Date.now() + clockOffset), ...(safeFetch ? { safeFetch } : {}) });
  handler = async (request) => {
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    requestSources.push(`${request.method} ${path} ${request.headers.get('referer') ?? '-'} ${request.headers.get('origin') ?? '-'}`);
    if (request.method === 'POST' && path === '/api/v1/verify') {
      const body = (await request.clone().json().catch(() => ({}))) as { urls?: unknown };
      if (Array.isArray(body.urls)) verifiedUrls.push(...body.urls.map(String));
    }
    return down ? new Response('down for the test', { status: 503 }) : app.fetch(request);
  };
  const demo = await seedDemo(db, { publicUrl: url });
  return {
    url,
    db,
    issuerApiKey: demo.issuers[0].apiKey,
    issuerName: demo.issuers[0].name,
    advanceClock(ms) {
      clockOffset += ms;
    },
    setDown(value) {
      down = value;
    },
    requests,
    requestSources,
    verifiedUrls,
    stop: () => stopListening(server),
    async start() {
      server = await listen((request) => handler!(request), port);
    },
    async close() {
      if (server.listening) await stopListening(server);
      await db.destroy();
    },
  };
}

async function call<T>(api: RunningApi, apiKey: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** One badge per fixture slot: valid, expired, revoked with a reason, a stranger's, and the second profile's. */
export async function issueFixtureBadges(api: RunningApi, apiKey: string): Promise<BadgeUrls> {
  const welding = await call<{ id: string }>(api, apiKey, '/api/v1/badges', {
    name: 'Certified Welding Inspector',
    description: 'Inspects structural and pipeline welds to the institute’s standard.',
    category: 'certification',
    criteria: 'Pass the written and practical inspection exams.',
    attribute: { kind: 'yearsActive', label: 'Years as CWI' },
  });
  const safety = await call<{ id: string }>(api, apiKey, '/api/v1/badges', {
    name: 'Confined Space Entry Supervisor',
    description: 'Supervises entry into confined spaces.',
    category: 'skill',
    criteria: 'Complete the two-day course and the assessment.',
  });
  const issue = (badgeClassId: string, name: string, email: string, extra: object = {}) =>
    call<{ id: string; url: string }>(api, apiKey, `/api/v1/badges/${badgeClassId}/assertions`, { email, name, ...extra });

  const valid = await issue(welding.id, PEOPLE.recipients.VALID, 'amara.okafor@example.org', { attribute: 12 });
  const expiring = await issue(safety.id, PEOPLE.recipients.EXPIRED, 'amara.okafor@example.org', {
    expires: new Date(Date.now() + 60 * 60_000).toISOString(),
  });
  const revoked = await issue(welding.id, PEOPLE.recipients.REVOKED, 'amara.okafor@example.org');
  await call(api, apiKey, `/api/v1/assertions/${revoked.id}/revoke`, { reason: 'Issued in error: exam not passed' });
  const mismatch = await issue(safety.id, PEOPLE.recipients.MISMATCH, 'daniel.whitford@example.org');
  const second = await issue(safety.id, PEOPLE.recipients.SECOND_VALID, 'tomas.lindqvist@example.org');
  api.advanceClock(2 * 60 * 60_000); // the expiring badge is now expired
  return {
    VALID: valid.url,
    EXPIRED: expiring.url,
    REVOKED: revoked.url,
    MISMATCH: mismatch.url,
    NOT_FOUND: `${api.url}/assertions/nOsUcHbAdGe0000000000000`,
    SECOND_VALID: second.url,
  };
}

export interface EmptyApi {
  db: Db;
  url: string;
  close(): Promise<void>;
}

/**
 * An API with an empty in-memory database on a loopback port. The app is made by `build` once the port (so
 * the public URL) is known; requests that come before it is made would fail, and none does.
 */
export async function serveEmptyApi(build: (db: Db, url: string) => Promise<ReturnType<typeof createApp>> | ReturnType<typeof createApp>): Promise<EmptyApi> {
  const db = await openDb(':memory:');
  let app: ReturnType<typeof createApp> | null = null;
  const { server } = await serveApp((request, env) => app!.fetch(request, env), { port: 0, hostname: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = await build(db, url);
  return {
    db,
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
