// @vitest-environment node
// The background's catalogue search against the real API (in-memory SQLite with the demo data),
// reached through the app's own fetch handler.
import { describe, expect, test } from 'vitest';
import { createApp } from '../../api/src/app';
import { openDb } from '../../api/src/db/connection';
import { seedDemo } from '../../api/src/seed/demo';
import { createCatalogueSearch } from './catalogue';

const API = 'https://badges.example';

async function setup({ down = false } = {}) {
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  await seedDemo(db, { publicUrl: API });
  const requests: string[] = [];
  const fetchApi = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(String(input));
    if (down) throw new TypeError('Failed to fetch');
    return app.request(String(input), init);
  }) as typeof fetch;
  const token = ((await (await app.request('/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@badgelens.example', password: 'badgelens-demo' }) })).json()) as { token: string }).token;
  const { items } = (await (await app.request('/api/v1/me/badges', { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
  const snapshot = { apiBaseUrl: API, email: 'demo@badgelens.example', fetchedAt: new Date().toISOString(), badges: items };
  return { fetchApi, requests, snapshot };
}

describe('catalogue search (background)', () => {
  test('sends only the skill phrases, and marks the badges the signed-in earner holds', async () => {
    const { fetchApi, requests, snapshot } = await setup();
    const catalogue = createCatalogueSearch({ fetch: fetchApi, apiBaseUrl: async () => API, earnerBadges: async () => snapshot });
    const reply = await catalogue.handle({ type: 'search-catalogue', skills: ['GTAW', 'pipe welding'] });
    expect(requests).toEqual([`${API}/api/v1/badges?skills=GTAW%2Cpipe+welding`]);
    if (!reply?.ok) throw new Error('expected badges');
    expect(reply.signedIn).toBe(true);
    const byName = new Map(reply.badges.map((badge) => [badge.name, badge]));
    expect(byName.get('GTAW Process Knowledge')?.held).toBe(true);
    expect(byName.get('GTAW Pipe 6G')?.held).toBe(false);
    expect(byName.get('GTAW Pipe 6G')?.requirements.map((r) => r.kind)).toEqual(['other', 'seminar']);
    expect(byName.get('GTAW Pipe 6G')?.pageUrl).toMatch(new RegExp(`^${API}/badges/`));
    expect(reply.badges.length).toBeLessThanOrEqual(8);
  });

  test('signed out, or signed in to another server: nothing is marked held', async () => {
    const { fetchApi, snapshot } = await setup();
    for (const earnerBadges of [async () => null, async () => ({ ...snapshot, apiBaseUrl: 'https://other.example' })]) {
      const reply = await createCatalogueSearch({ fetch: fetchApi, apiBaseUrl: async () => API, earnerBadges }).search(['TIG']);
      if (!reply.ok) throw new Error('expected badges');
      expect(reply.signedIn).toBe(false);
      expect(reply.badges.some((badge) => badge.held)).toBe(false);
      expect(reply.badges.length).toBeGreaterThan(2);
    }
  });

  test('API unreachable: a failure the panel shows as “couldn’t check”; bad messages are refused, others ignored', async () => {
    const { fetchApi } = await setup({ down: true });
    const catalogue = createCatalogueSearch({ fetch: fetchApi, apiBaseUrl: async () => API, earnerBadges: async () => null });
    expect(await catalogue.search(['GTAW'])).toEqual({ ok: false, error: 'unreachable' });
    expect(await catalogue.handle({ type: 'search-catalogue', skills: [] })).toEqual({ ok: false, error: 'bad_request' });
    expect(await catalogue.handle({ type: 'search-catalogue', skills: ['x'.repeat(81)] })).toEqual({ ok: false, error: 'bad_request' });
    expect(catalogue.handle({ type: 'verify-badges', urls: [] })).toBeUndefined();
  });
});
