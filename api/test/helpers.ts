import { createApp } from '../src/app';
import type { AppDeps } from '../src/http/env';
import { createApiKey } from '../src/db/apiKeys';
import type { Db } from '../src/db/connection';
import type { Database } from '../src/db/schema';
import { createIssuer, type Issuer } from '../src/db/issuers';
import { expect } from 'vitest';
import { verifyResponseSchema, verifyResultSchema, type VerifyResponse, type VerifyResult } from '../../shared/schemas/verify';
import { testDb } from './support/testDatabase';

export { queriesOf, TEST_ENGINE, testDb } from './support/testDatabase';

export const PUBLIC_URL = 'https://badges.test';

/** A fresh database (in memory, or a new PostgreSQL database with TEST_DATABASE=postgres) and app for one test. */
export async function testApp(options: Omit<AppDeps, 'db' | 'publicUrl'> = {}) {
  const db = await testDb();
  const app = createApp({ db, publicUrl: PUBLIC_URL, ...options });
  return { db, app };
}

export async function makeIssuer(db: Db, name = 'Guild of Test Welders'): Promise<{ issuer: Issuer; apiKey: string; auth: Record<string, string> }> {
  const issuer = await createIssuer(db, { name, url: 'https://welders.test', email: 'office@welders.test' });
  const { apiKey } = await createApiKey(db, issuer.id);
  return { issuer, apiKey, auth: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' } };
}

export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}

type RequestsApp = { request(path: string, init: RequestInit): Response | Promise<Response> };

/** POST /api/v1/verify with this body (URLs and credentials): 200, never cached, as the shared schema reads it. */
export async function postVerifyBody(app: RequestsApp, body: unknown): Promise<VerifyResponse['results']> {
  const res = await app.request('/api/v1/verify', jsonRequest('POST', body));
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return verifyResponseSchema.parse(await res.json()).results;
}

/** POST /api/v1/verify for these URLs: one result per URL, as the shared schema reads it. */
export async function postVerifyUrls(app: RequestsApp, urls: unknown): Promise<VerifyResult[]> {
  return (await postVerifyBody(app, { urls })).map((result) => verifyResultSchema.parse(result));
}

/** How many rows a table holds. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
