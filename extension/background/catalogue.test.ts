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
    // The vocabulary once, then per posting only the matched badges' ids: no posting text, no page address, no cookies, no referrer.
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual(['/api/v1/skills', '/api/v1/match/related', '/api/v1/match/related']);
    expect(requests[0].init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
    for (const request of requests.slice(1)) {
      expect(request.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
      expect(new URL(request.url).search).toMatch(/^\?badges=[\w-]+(%2C[\w-]+)*$/);
    }
    expect(JSON.stringify(requests)).not.toMatch(/Acme|Aldous|Pipe Welder|Structural/);
  });

  test('names the companies’ roles asking for the posting’s badges and the schools’ courses leading to them, linked', async () => {
    const { jobBadges } = await setup();
    const reply = await jobBadges.match({ title: 'Structural welder', sections: ['Stick welding (SMAW) on 3G plate; hot work safety on site.'] });
    if (!reply.ok) throw new Error('expected badges');
    const names = new Map(reply.badges.map((badge) => [badge.id, badge.name]));
    const role = reply.related.roles.find((candidate) => candidate.title === 'Structural welder');
    expect(role).toMatchObject({ organisation: 'Harborline Fabrication' });
    expect(role!.link).toMatch(/^https?:\/\//);
    expect(role!.badgeIds.length).toBeGreaterThan(1);
    // In the panel's order (the posting's), not the request's sorted one.
    expect(role!.badgeIds).toEqual(reply.badges.map((badge) => badge.id).filter((id) => role!.badgeIds.includes(id)));
    const course = reply.related.courses.find((candidate) => candidate.title.startsWith('Stick welding in position'));
    expect(course).toMatchObject({ organisation: 'Riverbend Weld Training', format: 'in_person', location: 'Riverbend' });
    expect(course!.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('the badges still show when the related roles and courses can’t be had (server error, bad answer, a link that is not http)', async () => {
    const db = await openDb(':memory:');
    const app = createApp({ db, publicUrl: API });
    await seedDemo(db, { publicUrl: API });
    let related: () => Response = () => new Response('oops', { status: 500 });
    const jobBadges = createJobBadges({
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => (String(input).includes('/match/related') ? related() : app.request(String(input), init))) as typeof fetch,
      apiBaseUrl: async () => API,
      earnerBadges: async () => null,
      vocabularyStore: { load: async () => null, save: async () => undefined },
    });
    const posting = { title: 'Structural welder', sections: ['Stick welding (SMAW) on 3G plate.'] };
    const failed = await jobBadges.match(posting);
    expect(failed.ok && failed.badges.length > 0 && failed.related).toEqual({ roles: [], courses: [] });
    related = () => Response.json({ roles: [{ title: 'no id' }], courses: [] });
    const unreadable = await jobBadges.match(posting);
    expect(unreadable.ok && unreadable.related).toEqual({ roles: [], courses: [] });
    const role = { id: 'r1', title: 'Welder', location: '', organisation: 'Evil Co', organisationUrl: 'javascript:alert(1)', postingUrl: 'javascript:alert(2)', badgeIds: ['x'] };
    related = () => Response.json({ roles: [role, { ...role, id: 'r2', postingUrl: null, organisationUrl: 'https://evil.example/co' }], courses: [] });
    const linked = await jobBadges.match(posting);
    expect(linked.ok && linked.related.roles.map((item) => [item.id, item.link])).toEqual([['r2', 'https://evil.example/co']]);
    // More than the panel shows, and a start date no one can format: five lines, the date left out.
    const course = { id: 'c0', title: 'Course', format: 'online', location: '', organisation: 'School', organisationUrl: 'https://school.example', url: null, startsOn: '2027-99-99', endsOn: null, badgeIds: ['x'] };
    related = () => Response.json({ roles: [], courses: Array.from({ length: 40 }, (_, index) => ({ ...course, id: `c${index}` })) });
    const flooded = await jobBadges.match(posting);
    expect(flooded.ok && flooded.related.courses.length).toBe(5);
    expect(flooded.ok && flooded.related.courses[0].startsOn).toBeNull();
  });

  test('refreshes daily with If-None-Match (304 keeps the stored words) and picks up a changed catalogue', async () => {
    const { jobBadges, requests, advance, stored, db } = await setup();
    const vocabularyRequests = () => requests.filter((request) => request.url.endsWith('/api/v1/skills'));
    await jobBadges.match(PIPE_POSTING);
    const etag = stored()!.etag!;
    expect(etag).toMatch(/^"/);
    advance(VOCABULARY_MAX_AGE_MS - 1000);
    await jobBadges.match(PIPE_POSTING);
    expect(vocabularyRequests()).toHaveLength(1);

    advance(2000);
    await jobBadges.match(PIPE_POSTING);
    expect(vocabularyRequests()).toHaveLength(2);
    expect(new Headers(vocabularyRequests()[1].init?.headers).get('if-none-match')).toBe(etag);
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
