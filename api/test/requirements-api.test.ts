// Issue 17 item 1: shared requirement objects, badge class options, and completions that issue every badge
// they unlock — once, in one transaction, with one email.
import { describe, expect, it } from 'vitest';
import { badgeClassResponseSchema } from '../../shared/schemas/issuerApi';
import { completionResponseSchema, requirementResponseSchema } from '../../shared/schemas/requirements';
import { listMailQueue } from '../src/db/mailQueue';
import { countRows, jsonRequest, makeIssuer, PUBLIC_URL, testApp } from './helpers';

const NOW = new Date('2026-03-01T10:00:00.000Z');
type App = Awaited<ReturnType<typeof testApp>>['app'];

const course = { kind: 'course', title: 'Welding Fundamentals Online Course', url: 'https://welders.test/learn/fundamentals', provider: 'Guild Academy' };

async function post(app: App, path: string, body: unknown, auth: Record<string, string>) {
  return app.request(path, jsonRequest('POST', body, auth));
}

async function createRequirement(app: App, auth: Record<string, string>, body: object = course) {
  const res = await post(app, '/api/v1/requirements', body, auth);
  expect(res.status).toBe(201);
  return requirementResponseSchema.parse(await res.json());
}

async function createBadge(app: App, auth: Record<string, string>, name: string, requirements: object[]) {
  const res = await post(app, '/api/v1/badges', { name, description: `Knows ${name}.`, category: 'knowledge', criteria: 'Complete one of the options.', requirements }, auth);
  expect(res.status).toBe(201);
  return badgeClassResponseSchema.parse(await res.json());
}

/** An issuer with the course and four process badges listing it (among other options). */
async function fundamentals() {
  const { db, app } = await testApp({ now: () => NOW });
  const { issuer, auth } = await makeIssuer(db);
  const requirement = await createRequirement(app, auth);
  const badges = [];
  for (const code of ['SMAW', 'GTAW', 'GMAW', 'FCAW']) {
    badges.push(await createBadge(app, auth, `${code} Process Knowledge`, [{ id: requirement.id }, { kind: 'quiz', title: `${code} quiz` }]));
  }
  return { db, app, issuer, auth, requirement, badges };
}

const complete = (app: App, auth: Record<string, string>, requirementId: string, body: object = { email: 'Amara@Example.com', name: 'Amara Okafor' }) =>
  post(app, `/api/v1/requirements/${requirementId}/completions`, body, auth);

describe('requirements', () => {
  it('are created, read, listed and updated, and badge classes show the change', async () => {
    const { app, auth, requirement, badges } = await fundamentals();
    expect(requirement).toMatchObject({ kind: 'course', title: course.title, url: course.url, provider: 'Guild Academy', badgeIds: [] });
    const read = requirementResponseSchema.parse(await (await app.request(`/api/v1/requirements/${requirement.id}`, { headers: auth })).json());
    expect(read.badgeIds.sort()).toEqual(badges.map((badge) => badge.id).sort());
    const list = await (await app.request('/api/v1/requirements', { headers: auth })).json();
    expect(list.items.map((item: { title: string }) => item.title)).toEqual(['FCAW quiz', 'GMAW quiz', 'GTAW quiz', 'SMAW quiz', course.title].sort());

    const patched = await app.request(`/api/v1/requirements/${requirement.id}`, jsonRequest('PATCH', { title: 'Welding Fundamentals (online)', provider: null }, auth));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ title: 'Welding Fundamentals (online)', provider: null, url: course.url });
    const badge = badgeClassResponseSchema.parse(await (await app.request(`/api/v1/badges?q=SMAW`)).json().then((body) => body.items[0]));
    expect(badge.requirements[0]).toEqual({ id: requirement.id, kind: 'course', title: 'Welding Fundamentals (online)', url: course.url });
  });

  it('refuses a second requirement with the same title and URL (409), naming the first', async () => {
    const { app, auth, requirement } = await fundamentals();
    const res = await post(app, '/api/v1/requirements', course, auth);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: 'requirement_exists', message: expect.stringContaining(requirement.id) });
    const other = await createRequirement(app, auth, { kind: 'seminar', title: 'Seminar' });
    const clash = await app.request(`/api/v1/requirements/${other.id}`, jsonRequest('PATCH', { title: course.title, url: course.url }, auth));
    expect(clash.status).toBe(409);
  });

  it('reuses inline requirements by title and URL, and keeps options in order without repeats', async () => {
    const { db, app, auth, requirement } = await fundamentals();
    const before = await countRows(db, 'requirements');
    const badge = await createBadge(app, auth, 'Welding Basics', [
      { kind: 'course', title: course.title, url: course.url },
      { kind: 'quiz', title: 'SMAW quiz' },
      { id: requirement.id },
      { kind: 'other', title: 'Portfolio review' },
    ]);
    expect(badge.requirements.map((option) => option.title)).toEqual([course.title, 'SMAW quiz', 'Portfolio review']);
    expect(badge.requirements[0]!.id).toBe(requirement.id);
    expect(await countRows(db, 'requirements')).toBe(before + 1);
    // PATCH replaces the options.
    const res = await app.request(`/api/v1/badges/${badge.id}`, jsonRequest('PATCH', { requirements: [{ kind: 'other', title: 'Portfolio review' }] }, auth));
    expect(res.status).toBe(200);
    expect(badgeClassResponseSchema.parse(await res.json()).requirements.map((option) => option.title)).toEqual(['Portfolio review']);
  });

  it("answers another issuer's requirement ids like unknown ones (404), and creates nothing", async () => {
    const { db, app, requirement } = await fundamentals();
    const other = await makeIssuer(db, 'Another Guild');
    const badgesBefore = await countRows(db, 'badge_classes');
    const create = await post(app, '/api/v1/badges', { name: 'Copycat', description: 'D', category: 'skill', criteria: 'C', requirements: [{ id: requirement.id }] }, other.auth);
    expect(create.status).toBe(404);
    expect((await create.json()).error.code).toBe('not_found');
    expect(await countRows(db, 'badge_classes')).toBe(badgesBefore);
    expect((await app.request(`/api/v1/requirements/${requirement.id}`, { headers: other.auth })).status).toBe(404);
    expect((await app.request(`/api/v1/requirements/${requirement.id}`, jsonRequest('PATCH', { title: 'Mine' }, other.auth))).status).toBe(404);
    expect((await complete(app, other.auth, requirement.id)).status).toBe(404);
    expect(await countRows(db, 'assertions')).toBe(0);
    expect(await countRows(db, 'requirement_completions')).toBe(0);
  });

  it('refuses bad input with 400 naming the field, and missing keys with 401', async () => {
    const { app, auth, requirement } = await fundamentals();
    const cases: [string, object, string][] = [
      ['/api/v1/requirements', { kind: 'exam', title: 'T' }, 'kind'],
      ['/api/v1/requirements', { kind: 'course', title: 'T', link: 'https://x.test' }, ''],
      ['/api/v1/requirements', { kind: 'course', title: 'T', url: 'javascript:alert(1)' }, 'url'],
      [`/api/v1/requirements/${requirement.id}/completions`, { email: 'not an address', name: 'N' }, 'email'],
      [`/api/v1/requirements/${requirement.id}/completions`, { email: 'a@b.test', name: 'N', completedOn: 'yesterday' }, 'completedOn'],
      [`/api/v1/requirements/${requirement.id}/completions`, { email: 'a@b.test', name: 'N', completedOn: '2099-01-01' }, 'completedOn'],
      ['/api/v1/badges', { name: 'B', description: 'D', category: 'skill', criteria: 'C', requirements: [{ id: requirement.id, kind: 'quiz' }] }, 'requirements.0.id'],
      ['/api/v1/badges', { name: 'B', description: 'D', category: 'skill', criteria: 'C', requirements: [{ title: 'No kind' }] }, 'requirements.0.kind'],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(app, path, body, auth);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()).error;
      expect(error.code).toBe('invalid_request');
      if (field) expect(error.issues.map((issue: { path: string }) => issue.path), JSON.stringify(body)).toContain(field);
    }
    expect((await app.request('/api/v1/requirements', jsonRequest('POST', course))).status).toBe(401);
    expect((await app.request('/api/v1/requirements/bad!id', { headers: auth })).status).toBe(400);
  });

  it('refuses bodies over the JSON limit with 413', async () => {
    const { app, auth } = await fundamentals();
    const res = await post(app, '/api/v1/requirements', { kind: 'course', title: 'x'.repeat(1_100_000) }, auth);
    expect(res.status).toBe(413);
  });
});

describe('POST /api/v1/requirements/:id/completions', () => {
  it('issues every badge class listing the requirement, with one email listing them all', async () => {
    const { db, app, auth, requirement, badges } = await fundamentals();
    const res = await complete(app, auth, requirement.id, { email: 'Amara@Example.com', name: 'Amara Okafor', completedOn: '2026-02-20', evidence: 'https://welders.test/results/1' });
    expect(res.status).toBe(201);
    const body = completionResponseSchema.parse(await res.json());
    expect(body.awarded.map((award) => award.badgeId).sort()).toEqual(badges.map((badge) => badge.id).sort());
    expect(body.verified).toEqual([]);
    expect(body.alreadyHeld).toEqual([]);
    for (const award of body.awarded) expect(award.url).toBe(`${PUBLIC_URL}/assertions/${award.assertionId}`);

    const assertions = await db.selectFrom('assertions').selectAll().execute();
    expect(assertions).toHaveLength(4);
    for (const assertion of assertions) {
      expect(assertion).toMatchObject({ recipient_email: 'amara@example.com', recipient_name: 'Amara Okafor', evidence_url: 'https://welders.test/results/1' });
      expect(assertion.narrative).toContain('2026-02-20');
    }
    const mail = await listMailQueue(db);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe('amara@example.com');
    expect(mail[0]!.subject).toContain('4 digital badges');
    for (const badge of badges) expect(mail[0]!.text).toContain(badge.name);
    expect(mail[0]!.text.match(/\/claim\//g)).toHaveLength(4);
    expect(await countRows(db, 'one_time_tokens')).toBe(4);
  });

  it('changes nothing and sends nothing when the same completion is reported again (200)', async () => {
    const { db, app, auth, requirement } = await fundamentals();
    const first = completionResponseSchema.parse(await (await complete(app, auth, requirement.id)).json());
    const again = await complete(app, auth, requirement.id, { email: 'amara@example.com', name: 'Amara O.' });
    expect(again.status).toBe(200);
    const body = completionResponseSchema.parse(await again.json());
    expect(body.awarded).toEqual([]);
    expect(body.alreadyHeld).toEqual(expect.arrayContaining(first.awarded));
    expect(body.alreadyHeld).toHaveLength(4);
    expect(await countRows(db, 'assertions')).toBe(4);
    expect(await listMailQueue(db)).toHaveLength(1);
  });

  it('awards only what the person lacks: held badges are left, revoked ones issued anew, new badge classes added', async () => {
    const { db, app, auth, requirement, badges } = await fundamentals();
    const held = await post(app, `/api/v1/badges/${badges[0]!.id}/assertions`, { email: 'amara@example.com', name: 'Amara Okafor' }, auth);
    const heldId = (await held.json()).id;
    const revoked = await post(app, `/api/v1/badges/${badges[1]!.id}/assertions`, { email: 'amara@example.com', name: 'Amara Okafor' }, auth);
    await post(app, `/api/v1/assertions/${(await revoked.json()).id}/revoke`, { reason: 'Issued by mistake' }, auth);
    const body = completionResponseSchema.parse(await (await complete(app, auth, requirement.id)).json());
    expect(body.alreadyHeld).toEqual([{ badgeId: badges[0]!.id, assertionId: heldId, url: `${PUBLIC_URL}/assertions/${heldId}` }]);
    expect(body.awarded.map((award) => award.badgeId).sort()).toEqual(badges.slice(1).map((badge) => badge.id).sort());
    // A badge class listing the requirement later is issued by the next report; the rest stays.
    const later = await createBadge(app, auth, 'Fundamentals Complete', [{ id: requirement.id }]);
    const next = await complete(app, auth, requirement.id);
    expect(next.status).toBe(201);
    expect(completionResponseSchema.parse(await next.json()).awarded.map((award) => award.badgeId)).toEqual([later.id]);
    const subjects = (await listMailQueue(db)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => /for completing/.test(subject))).toHaveLength(2);
  });

  it('issues once when the same completion is reported twice at the same moment', async () => {
    const { db, app, auth, requirement } = await fundamentals();
    const answers = await Promise.all([complete(app, auth, requirement.id), complete(app, auth, requirement.id), complete(app, auth, requirement.id)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 201]);
    const bodies = await Promise.all(answers.map(async (answer) => completionResponseSchema.parse(await answer.json())));
    expect(bodies.flatMap((body) => body.awarded)).toHaveLength(4);
    expect(await countRows(db, 'assertions')).toBe(4);
    expect(await countRows(db, 'requirement_completions')).toBe(1);
    expect(await listMailQueue(db)).toHaveLength(1);
  });

  it('issues nothing twice when two different requirements of one badge are reported at the same moment', async () => {
    const { db, app, auth, requirement, badges } = await fundamentals();
    const quiz = badges[0]!.requirements.find((option) => option.kind === 'quiz')!;
    await Promise.all([complete(app, auth, requirement.id), complete(app, auth, quiz.id)]);
    const rows = await db.selectFrom('assertions').select('badge_class_id').execute();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.badge_class_id)).size).toBe(4);
  });

  it('limits completions reported for one person at one issuer (429)', async () => {
    const { db, app } = await testApp({ now: () => NOW, rateLimits: { completionRecipient: { name: 'completionRecipient', limit: 2, windowMs: 86_400_000 } } });
    const { auth } = await makeIssuer(db);
    const requirement = await createRequirement(app, auth);
    expect((await complete(app, auth, requirement.id)).status).toBe(201);
    expect((await complete(app, auth, requirement.id)).status).toBe(200);
    const limited = await complete(app, auth, requirement.id);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await complete(app, auth, requirement.id, { email: 'someone.else@example.com', name: 'S' })).status).toBe(201);
  });
});

describe('attribute values given with a completion', () => {
  it('are stored on the badges it issues, and refused (nothing recorded) when they do not fit', async () => {
    const { db, app, auth, requirement } = await fundamentals();
    const res = await post(app, '/api/v1/badges', {
      name: 'Certified Welding Inspector',
      description: 'Inspects welds.',
      category: 'certification',
      criteria: 'Pass the exam.',
      attribute: { kind: 'yearsActive', label: 'Years as CWI' },
      requirements: [{ id: requirement.id }],
    }, auth);
    const cwi = badgeClassResponseSchema.parse(await res.json());
    const body = { email: 'kim@example.com', name: 'Kim Example' };
    const wrongKind = await complete(app, auth, requirement.id, { ...body, attributes: { [cwi.id]: 'Gold' } });
    expect(wrongKind.status).toBe(422);
    expect((await wrongKind.json()).error.issues[0].path).toBe(`attributes.${cwi.id}`);
    expect((await complete(app, auth, requirement.id, { ...body, attributes: { 'not-listed': 3 } })).status).toBe(422);
    expect(await countRows(db, 'requirement_completions')).toBe(0);
    expect(await countRows(db, 'assertions')).toBe(0);

    const done = await complete(app, auth, requirement.id, { ...body, attributes: { [cwi.id]: 12 } });
    expect(done.status).toBe(201);
    const { awarded } = completionResponseSchema.parse(await done.json());
    expect(awarded).toHaveLength(5);
    const cwiAward = awarded.find((award) => award.badgeId === cwi.id)!;
    const verified = await (await app.request('/api/v1/verify', jsonRequest('POST', { urls: [cwiAward.url] }))).json();
    expect(verified.results[0].badge.attribute).toEqual({ kind: 'yearsActive', label: 'Years as CWI', value: 12 });
    const other = await (await app.request('/api/v1/verify', jsonRequest('POST', { urls: [awarded.find((award) => award.badgeId !== cwi.id)!.url] }))).json();
    expect(other.results[0].badge.attribute).toBeUndefined();
  });
});
