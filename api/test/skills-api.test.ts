import { describe, expect, it } from 'vitest';
import { skillSynonymsResponseSchema, skillVocabularySchema } from '../../shared/schemas/skills';
import { createPostingMatcher } from '../../shared/skills';
import { jsonRequest, makeIssuer, testApp } from './helpers';

const NOW = new Date('2026-06-15T12:00:00Z');
const badge = (name: string, skills: unknown[]) => ({ name, description: `${name}.`, category: 'skill', criteria: 'Pass.', skills });

async function nursingCatalogue(rateLimits?: NonNullable<Parameters<typeof testApp>[0]>['rateLimits']) {
  const { db, app } = await testApp({ now: () => NOW, ...(rateLimits ? { rateLimits } : {}) });
  const nurses = await makeIssuer(db, 'Riverside Nursing School');
  const other = await makeIssuer(db, 'Other Issuer');
  const create = async (auth: Record<string, string>, body: unknown) => {
    const res = await app.request('/api/v1/badges', jsonRequest('POST', body, auth));
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    return (await res.json()) as { id: string; skills: string[]; alignment: unknown[] };
  };
  return { db, app, nurses, other, create };
}

const vocabulary = async (app: Awaited<ReturnType<typeof testApp>>['app'], headers: Record<string, string> = {}) => {
  const res = await app.request('/api/v1/skills', { headers });
  return res;
};

describe('GET /api/v1/skills (the vocabulary)', () => {
  it('serves the skills badge classes declare, at once, with their badges, and answers 304 to its ETag', async () => {
    const { app, nurses, create } = await nursingCatalogue();
    const empty = await vocabulary(app);
    expect(empty.status).toBe(200);
    expect(skillVocabularySchema.parse(await empty.json())).toEqual({ skills: [], badges: [] });
    const emptyTag = empty.headers.get('etag')!;

    const iv = await create(nurses.auth, badge('IV Therapy', ['IV therapy', { name: 'BLS', targetName: 'Basic Life Support', targetUrl: 'https://framework.example/bls', targetFramework: 'Nursing Skills Framework', targetCode: 'NSF-12' }]));
    expect(iv.skills).toEqual(['IV therapy', 'BLS']);
    expect(iv.alignment).toEqual([{ targetName: 'Basic Life Support', targetUrl: 'https://framework.example/bls', targetFramework: 'Nursing Skills Framework', targetCode: 'NSF-12' }]);

    const res = await vocabulary(app, { 'if-none-match': emptyTag });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age');
    const body = skillVocabularySchema.parse(await res.json());
    expect(body.skills).toEqual([
      { skill: 'IV therapy', synonyms: [], badgeIds: [iv.id] },
      { skill: 'BLS', synonyms: [], badgeIds: [iv.id] },
    ]);
    expect(body.badges).toEqual([expect.objectContaining({ id: iv.id, name: 'IV Therapy', issuer: { name: 'Riverside Nursing School' }, image: expect.stringContaining(iv.id) })]);
    const etag = res.headers.get('etag')!;
    expect(etag).not.toBe(emptyTag);

    const again = await vocabulary(app, { 'if-none-match': `W/"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('carries synonyms the issuer edits, for that issuer’s badges only; the ETag changes', async () => {
    const { app, nurses, other, create } = await nursingCatalogue();
    const mine = await create(nurses.auth, badge('Registered Nurse', ['RN']));
    const theirs = await create(other.auth, badge('Ranger', ['RN']));
    const before = (await vocabulary(app)).headers.get('etag');

    const put = await app.request(`/api/v1/skills/${encodeURIComponent('RN')}/synonyms`, jsonRequest('PUT', { synonyms: ['registered nurse', 'RN', 'Registered-Nurse', 'staff nurse'] }, nurses.auth));
    expect(put.status).toBe(200);
    expect(skillSynonymsResponseSchema.parse(await put.json())).toEqual({ skill: 'RN', synonyms: ['registered nurse', 'staff nurse'], updatedAt: NOW.toISOString() });

    const res = await vocabulary(app);
    expect(res.headers.get('etag')).not.toBe(before);
    const body = skillVocabularySchema.parse(await res.json());
    expect(body.skills).toEqual(
      expect.arrayContaining([
        { skill: 'RN', synonyms: ['registered nurse', 'staff nurse'], badgeIds: [mine.id] },
        { skill: 'RN', synonyms: [], badgeIds: [theirs.id] },
      ]),
    );
    const match = createPostingMatcher(body.skills);
    expect(match({ title: 'Staff Nurse', sections: ['Night shifts.'] }).map((related) => related.badgeId)).toEqual([mine.id]);

    const read = await app.request('/api/v1/skills/rn/synonyms', { headers: nurses.auth });
    expect((await read.json()).synonyms).toEqual(['registered nurse', 'staff nurse']);
    const readOther = await app.request('/api/v1/skills/RN/synonyms', { headers: other.auth });
    expect((await readOther.json()).synonyms).toEqual([]);
  });

  it('refuses bad input with clear 4xx errors and keeps the stored synonyms', async () => {
    const { app, nurses } = await nursingCatalogue();
    await app.request('/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['cardiopulmonary resuscitation'] }, nurses.auth));
    const cases: [string, RequestInit, number][] = [
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['x'.repeat(81)] }, nurses.auth), 400],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: Array.from({ length: 31 }, (_, i) => `t${i}`) }, nurses.auth), 400],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['!!!'] }, nurses.auth), 400],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: 'cpr' }, nurses.auth), 400],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: [], extra: 1 }, nurses.auth), 400],
      [`/api/v1/skills/${'s'.repeat(81)}/synonyms`, jsonRequest('PUT', { synonyms: [] }, nurses.auth), 400],
      ['/api/v1/skills/CPR/synonyms', { method: 'PUT', headers: nurses.auth, body: '{' }, 400],
      ['/api/v1/skills/CPR/synonyms', { method: 'PUT', headers: { Authorization: nurses.auth.Authorization, 'Content-Type': 'text/plain' }, body: '{}' }, 415],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['cpr'] }), 401],
      ['/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['y'.repeat(80)] }, { ...nurses.auth, 'content-length': String(2 * 1024 * 1024) }), 413],
    ];
    for (const [path, init, status] of cases) {
      const res = await app.request(path, init);
      expect(res.status, `${path} ${String(init.body).slice(0, 40)}`).toBe(status);
      expect((await res.json()).error.code).toEqual(expect.any(String));
    }
    const read = await app.request('/api/v1/skills/CPR/synonyms', { headers: nurses.auth });
    expect((await read.json()).synonyms).toEqual(['cardiopulmonary resuscitation']);
  });

  it('refuses an aligned skill without a targetUrl (Open Badges requires it)', async () => {
    const { app, nurses } = await nursingCatalogue();
    const res = await app.request('/api/v1/badges', jsonRequest('POST', badge('Wound Care', [{ name: 'wound care', targetFramework: 'NSF' }]), nurses.auth));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toContain('targetUrl');
  });

  it('adds aligned skills of a PATCH to the badge class’s alignments and keeps the others', async () => {
    const { app, nurses, create } = await nursingCatalogue();
    const created = await create(nurses.auth, { ...badge('Triage', ['triage']), alignment: [{ targetName: 'Emergency care', targetUrl: 'https://framework.example/ec' }] });
    const res = await app.request(`/api/v1/badges/${created.id}`, jsonRequest('PATCH', { skills: ['triage', { name: 'ESI', targetUrl: 'https://framework.example/esi', targetCode: 'ESI-5' }] }, nurses.auth));
    expect(res.status).toBe(200);
    const patched = await res.json();
    expect(patched.skills).toEqual(['triage', 'ESI']);
    expect(patched.alignment).toEqual([
      { targetName: 'Emergency care', targetUrl: 'https://framework.example/ec' },
      { targetName: 'ESI', targetUrl: 'https://framework.example/esi', targetCode: 'ESI-5' },
    ]);
  });

  it('rate-limits vocabulary downloads and synonym edits (429)', async () => {
    const { app, nurses } = await nursingCatalogue({
      skills: { name: 'skills', limit: 2, windowMs: 60_000 },
      skillSynonyms: { name: 'skillSynonyms', limit: 1, windowMs: 3_600_000 },
    });
    expect((await vocabulary(app)).status).toBe(200);
    expect((await vocabulary(app)).status).toBe(200);
    const limited = await vocabulary(app);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await app.request('/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['a1'] }, nurses.auth))).status).toBe(200);
    expect((await app.request('/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: ['a2'] }, nurses.auth))).status).toBe(429);
  });

  it('keeps one row per skill under concurrent edits (the last writer wins, never a mix)', async () => {
    const { app, db, nurses } = await nursingCatalogue();
    const edits = Array.from({ length: 10 }, (_, i) => app.request('/api/v1/skills/CPR/synonyms', jsonRequest('PUT', { synonyms: [`term${i}a`, `term${i}b`] }, nurses.auth)));
    expect((await Promise.all(edits)).map((res) => res.status)).toEqual(Array(10).fill(200));
    const rows = await db.selectFrom('skill_synonyms').select('synonyms').execute();
    expect(rows).toHaveLength(1);
    const [first, second] = JSON.parse(rows[0].synonyms) as string[];
    expect(second).toBe(first.replace(/a$/, 'b'));
  });
});
