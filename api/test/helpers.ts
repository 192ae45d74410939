import { createApp } from '../src/app';
import type { AppDeps } from '../src/http/env';
import { createApiKey } from '../src/db/apiKeys';
import type { Db } from '../src/db/connection';
import type { Database } from '../src/db/schema';
import { createIssuer, type Issuer } from '../src/db/issuers';
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

/** How many rows a table holds. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
