// @vitest-environment node
// The background's posting matcher against the real API (in-memory SQLite with the demo data), reached
// through the app's own fetch handler: it downloads the skill vocabulary and matches postings locally.
import { describe, expect, test } from 'vitest';
import { createApp } from '../../api/src/app';
import { openDb } from '../../api/src/db/connection';
import { seedDemo } from '../../api/src/seed/demo';
import { createJobBadges, VOCABULARY_MAX_AGE_MS, type StoredVocabulary } from './catalogue';

const API = 'https://badges.example';
const PIPE_POSTING = { title: 'Pipe Welder (GTAW)', sections: ['Acme Pipelines, Port Aldous. TIG root passes and pipe welding on carbon steel; 6G certification; fabrication.'] };

async function setup({ signedIn = true } = {}) {
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  await seedDemo(db, { publicUrl: API });
  const requests: { url: string; init?: RequestInit }[] = [];
  let down = false;
  const fetchApi = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), init });
    if (down) throw new TypeError('Failed to fetch');
    return app.request(String(input), init);
  }) as typeof fetch;
  const token = ((await (await app.request('/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@badgelens.example', password: 'badgelens-demo' }) })).json()) as { token: string }).token;
  const { items } = (await (await app.request('/api/v1/me/badges', { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
  const snapshot = { apiBaseUrl: API, email: 'demo@badgelens.example', fetchedAt: new Date().toISOString(), badges: items };
  let stored: StoredVocabulary | null = null;
  let clock = Date.parse('2026-06-15T12:00:00Z');
  const jobBadges = createJobBadges({
    fetch: fetchApi,
    apiBaseUrl: async () => API,
    earnerBadges: async () => (signedIn ? snapshot : null),
    vocabularyStore: { load: async () => stored, save: async (value) => void (stored = value) },
    now: () => clock,
  });
  return {
    db,
    jobBadges,
    requests,
    setDown: (value: boolean) => (down = value),
    advance: (ms: number) => (clock += ms),
    stored: () => stored,
  };
}

describe('job badges (background)', () => {
  test('downloads the vocabulary once, matches locally, and marks the badges the earner holds', async () => {
    const { jobBadges, requests } = await setup();
    const reply = await jobBadges.handle({ type: 'match-posting', posting: PIPE_POSTING });
    if (!reply?.ok) throw new Error('expected badges');
    expect(reply.signedIn).toBe(true);
    const byName = new Map(reply.badges.map((badge) => [badge.name, badge]));
    expect(byName.get('GTAW Process Knowledge')?.held).toBe(true);
    expect(byName.get('GTAW Pipe 6G')?.held).toBe(false);
    expect(byName.get('GTAW Pipe 6G')?.requirements.map((r) => r.kind)).toEqual(['other', 'seminar']);
    expect(byName.get('GTAW Pipe 6G')?.pageUrl).toMatch(new RegExp(`^${API}/badges/`));
    expect(byName.has('FCAW Process Knowledge')).toBe(false);
    expect(reply.badges.length).toBeGreaterThanOrEqual(8); // every related badge, not a top few

    await jobBadges.match({ title: 'Structural Welder', sections: ['FCAW and stick welding'] });
    // One request, for the vocabulary only: no posting text, no page address, no cookies, no referrer.
    expect(requests.map((request) => request.url)).toEqual([`${API}/api/v1/skills`]);
    expect(requests[0].init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
    expect(JSON.stringify(requests)).not.toMatch(/Acme|Aldous|Pipe Welder|Structural/);
  });

  test('refreshes daily with If-None-Match (304 keeps the stored words) and picks up a changed catalogue', async () => {
    const { jobBadges, requests, advance, stored, db } = await setup();
    await jobBadges.match(PIPE_POSTING);
    const etag = stored()!.etag!;
    expect(etag).toMatch(/^"/);
    advance(VOCABULARY_MAX_AGE_MS - 1000);
    await jobBadges.match(PIPE_POSTING);
    expect(requests).toHaveLength(1);

    advance(2000);
    await jobBadges.match(PIPE_POSTING);
    expect(requests).toHaveLength(2);
    expect(new Headers(requests[1].init?.headers).get('if-none-match')).toBe(etag);
    expect(stored()!.etag).toBe(etag);

    await db.updateTable('badge_classes').set({ skills: JSON.stringify(['registered nurse']) }).where('name', '=', 'GTAW Pipe 6G').execute();
    advance(VOCABULARY_MAX_AGE_MS);
    const reply = await jobBadges.match({ title: 'Registered Nurse', sections: [] });
    expect(stored()!.etag).not.toBe(etag);
    expect(reply.ok && reply.badges.map((badge) => badge.name)).toEqual(['GTAW Pipe 6G']);
  });

  test('signed out: nothing is marked held', async () => {
    const { jobBadges } = await setup({ signedIn: false });
    const reply = await jobBadges.match(PIPE_POSTING);
    if (!reply.ok) throw new Error('expected badges');
    expect(reply.signedIn).toBe(false);
    expect(reply.badges.some((badge) => badge.held)).toBe(false);
  });

  test('API unreachable: a failure the panel shows, or yesterday’s vocabulary once there is one; bad messages are refused, others ignored', async () => {
    const { jobBadges, setDown, advance } = await setup();
    setDown(true);
    expect(await jobBadges.match(PIPE_POSTING)).toEqual({ ok: false, error: 'unreachable' });
    setDown(false);
    expect((await jobBadges.match(PIPE_POSTING)).ok).toBe(true);
    setDown(true);
    advance(2 * VOCABULARY_MAX_AGE_MS);
    expect((await jobBadges.match(PIPE_POSTING)).ok).toBe(true);
    expect(await jobBadges.handle({ type: 'match-posting', posting: { title: 'x'.repeat(301), sections: [] } })).toEqual({ ok: false, error: 'bad_request' });
    expect(await jobBadges.handle({ type: 'match-posting', posting: { title: 'x', sections: 'GTAW' } })).toEqual({ ok: false, error: 'bad_request' });
    expect(jobBadges.handle({ type: 'verify-badges', urls: [] })).toBeUndefined();
  });
});
