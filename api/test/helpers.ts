import { createApp } from '../src/app';
import type { AppDeps } from '../src/http/env';
import { createApiKey } from '../src/db/apiKeys';
import { openDb, type Db } from '../src/db/connection';
import { createIssuer, type Issuer } from '../src/db/issuers';

export const PUBLIC_URL = 'https://badges.test';

/** A fresh in-memory database and app for one test. */
export function testApp(options: Omit<AppDeps, 'db' | 'publicUrl'> = {}) {
  const db = openDb(':memory:');
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
