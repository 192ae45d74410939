// A real listening BadgeLens server for the Open Badges 3.0 tests, and a verifier's view of it: a
// document loader that resolves the server's did:web and status lists over HTTP. The public URL is
// https://127.0.0.1:<port> (did:web names an https host); the loader's fetch hook reaches it over plain
// http on loopback, as FETCH_TEST_HOSTS does for the API's own fetcher.
import type { ServerType } from '@hono/node-server';
import { afterEach } from 'vitest';
import { createApp } from '../src/app';
import { createDocumentLoader } from '../src/credentials/documentLoader';
import { KeyEncryptionKey } from '../src/credentials/keys';
import type { Db } from '../src/db/connection';
import type { AppDeps } from '../src/http/env';
import { serveApp } from '../src/http/nodeServer';
import { makeIssuer, testDb } from './helpers';

export interface LiveServer {
  db: Db;
  app: ReturnType<typeof createApp>;
  publicUrl: string;
  keyEncryptionKey: KeyEncryptionKey;
  /** Every response body the server sent through `request` and the loader, for the secrets test. */
  bodies: string[];
  request(path: string, init?: RequestInit): Promise<Response>;
  /** JSON of a public URL (as a verifier fetches it); rejects on a non-2xx answer. */
  fetchJson(url: string): Promise<unknown>;
  /** A verifier's document loader: bundled contexts, and this server's documents over HTTP (cached 5 minutes, as verifiers do). */
  loader(): ReturnType<typeof createDocumentLoader>;
  close(): Promise<void>;
}

export async function startLiveServer(options: { db?: Db; deps?: Partial<AppDeps> } = {}): Promise<LiveServer> {
  const db = options.db ?? (await testDb());
  const keyEncryptionKey = options.deps?.keyEncryptionKey ?? KeyEncryptionKey.generate();
  let app: ReturnType<typeof createApp> | null = null;
  const { server, port } = await serveApp((request, env) => app!.fetch(request, env), { port: 0, hostname: '127.0.0.1' });
  const publicUrl = `https://127.0.0.1:${port}`;
  const httpBase = `http://127.0.0.1:${port}`;
  app = createApp({ db, publicUrl, keyEncryptionKey, ...options.deps });
  const bodies: string[] = [];

  const request = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${httpBase}${path}`, { redirect: 'manual', ...init });
    const body = new Uint8Array(await response.arrayBuffer());
    bodies.push(Buffer.from(body).toString('utf8'));
    return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
  };
  const fetchJson = async (url: string) => {
    if (!url.startsWith(`${publicUrl}/`)) throw new Error(`not this server: ${url}`);
    const response = await request(url.slice(publicUrl.length));
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response.json();
  };
  return {
    db,
    app,
    publicUrl,
    keyEncryptionKey,
    bodies,
    request,
    fetchJson,
    loader: () => createDocumentLoader({ fetchJson }),
    close: () => closeServer(server),
  };
}

/** For a test file: a `live(deps?)` that starts a server for the current test and closes it after the test. */
export function liveServersPerTest(): (deps?: Partial<AppDeps>) => Promise<LiveServer> {
  const servers: LiveServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  return async (deps) => {
    const server = await startLiveServer({ deps });
    servers.push(server);
    return server;
  };
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

const jsonHeaders = (auth: Record<string, string>) => ({ ...auth, 'Content-Type': 'application/json' });

/** An issuer with a badge class, through the API of the server. */
export async function issuerWithBadgeClass(server: LiveServer, badge: Record<string, unknown> = {}) {
  const { issuer, auth } = await makeIssuer(server.db);
  const response = await server.request('/api/v1/badges', {
    method: 'POST',
    headers: jsonHeaders(auth),
    body: JSON.stringify({
      name: 'MIG Welding Level 1',
      description: 'Lays sound fillet welds with the MIG process.',
      category: 'skill',
      criteria: 'Pass a supervised plate bend test.',
      skills: ['MIG welding', 'Weld inspection'],
      ...badge,
    }),
  });
  if (response.status !== 201) throw new Error(`badge class: ${response.status} ${await response.text()}`);
  const badgeClass = (await response.json()) as { id: string };
  return { issuer, auth, badgeClassId: badgeClass.id };
}

/** Issues the badge class to someone through the API; answers the assertion id. */
export async function issueBadge(server: LiveServer, auth: Record<string, string>, badgeClassId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await server.request(`/api/v1/badges/${badgeClassId}/assertions`, {
    method: 'POST',
    headers: jsonHeaders(auth),
    body: JSON.stringify({ email: ' Jordan.Example@Example.TEST ', name: 'Jordan Example', ...body }),
  });
  if (response.status !== 201) throw new Error(`issue: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
