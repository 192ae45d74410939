import { describe, expect, it } from 'vitest';
import { jsonRequest, makeIssuer } from './helpers';
import { DEFAULT_PASSWORD, linkIn, logIn, PUBLIC_URL, requestToken, smtpWorlds, verifiedAccount, type EarnerWorld } from './earners-helpers';

const { smtp, world: newWorld } = smtpWorlds();

type Json = Record<string, any>;

async function call(world: EarnerWorld, method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const res = await world.app.request(path, body === undefined ? { method, headers } : jsonRequest(method, body, headers));
  const text = await res.text();
  return { status: res.status, text, json: (text ? JSON.parse(text) : null) as Json };
}

/** A confirmed account and its earner token. */
async function person(world: EarnerWorld, email: string, firstName: string) {
  await verifiedAccount(world, email, DEFAULT_PASSWORD, { firstName, lastName: 'Example' });
  const res = await requestToken(world, email, DEFAULT_PASSWORD);
  expect(res.status).toBe(201);
  return { email, token: ((await res.json()) as { token: string }).token };
}

/** Issues the badge to the person and accepts it (public, like any accepted badge). */
async function award(world: EarnerWorld, issuerAuth: Record<string, string>, badgeId: string, who: { email: string; token: string }) {
  const issued = await world.app.request(`/api/v1/badges/${badgeId}/assertions`, jsonRequest('POST', { email: who.email, name: 'Someone Example' }, issuerAuth));
  expect(issued.status).toBe(201);
  const { id } = (await issued.json()) as { id: string };
  expect((await call(world, 'PATCH', `/api/v1/me/badges/${id}`, who.token, { claimState: 'accepted' })).status).toBe(200);
}

/** An issuer with badges A, B, C (pipe welding, inspection, rigging); people; a published company with one role. */
async function scene() {
  const world = await newWorld();
  const issuer = await makeIssuer(world.db);
  const badges: Record<string, string> = {};
  for (const [key, name] of [['A', 'Pipe Welding'], ['B', 'Weld Inspection'], ['C', 'Rigging Basics']]) {
    const res = await world.app.request('/api/v1/badges', jsonRequest('POST', { name, description: `${name}.`, category: 'skill', criteria: 'Passed.' }, issuer.auth));
    expect(res.status).toBe(201);
    badges[key] = ((await res.json()) as { id: string }).id;
  }
  const owner = await person(world, 'owner@company.example', 'Olga');
  const alice = await person(world, 'alice@people.example', 'Alice');
  const bob = await person(world, 'bob@people.example', 'Bob');
  const carol = await person(world, 'carol@people.example', 'Carol');
  for (const id of [badges.A, badges.B, badges.C]) await award(world, issuer.auth, id, alice);
  await award(world, issuer.auth, badges.A, bob);
  for (const id of [badges.A, badges.B, badges.C]) await award(world, issuer.auth, id, carol);
  for (const who of [alice, bob]) expect((await call(world, 'PUT', '/api/v1/me/opt-ins', who.token, { jobSeeker: true, student: false, location: 'Rotterdam' })).status).toBe(200);
  const company = await call(world, 'POST', '/api/v1/organisations', owner.token, { kind: 'company', name: 'Harbour Fabrication', slug: 'harbour-fabrication', location: 'Rotterdam', published: true });
  expect(company.status).toBe(201);
  const role = await call(world, 'POST', `/api/v1/organisations/${company.json.id}/roles`, owner.token, { title: 'Pipe welder', location: 'Rotterdam', requiredBadgeIds: [badges.A, badges.B], preferredBadgeIds: [badges.C] });
  expect(role.status).toBe(201);
  return { world, issuer, badges, owner, alice, bob, carol, company: company.json, role: role.json };
}

describe('employer → candidates', () => {
  it('ranks opted-in job seekers by fit, explains why, and never lists anyone who did not opt in', async () => {
    const { world, owner, role, alice, bob, carol } = await scene();
    const found = await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, owner.token);
    expect(found.status).toBe(200);
    expect(found.json.items.map((item: Json) => [item.name, item.explanation])).toEqual([
      ['Alice E.', '2 of 2 required, 1 of 1 preferred, all verified'],
      ['Bob E.', '1 of 2 required, 0 of 1 preferred, all verified'],
    ]);
    expect(found.json.items[1].missingRequired.map((badge: Json) => badge.name)).toEqual(['Weld Inspection']);
    // Carol holds every badge but never opted in; nobody's address is in the answer.
    expect(found.text).not.toContain('Carol');
    for (const who of [alice, bob, carol]) expect(found.text).not.toContain(who.email);
    expect(found.text).not.toContain('@');
  });

  it('takes an opt-out into account at once, on the lists and the person’s page', async () => {
    const { world, owner, role, bob } = await scene();
    const before = await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, owner.token);
    const bobItem = before.json.items.find((item: Json) => item.name === 'Bob E.');
    expect((await world.app.request(new URL(bobItem.pageUrl).pathname, { headers: { Accept: 'text/html' } })).status).toBe(200);
    expect((await call(world, 'PUT', '/api/v1/me/opt-ins', bob.token, { jobSeeker: false, student: false })).json.pageUrl).toBeNull();
    const after = await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, owner.token);
    expect(after.json.items.map((item: Json) => item.name)).toEqual(['Alice E.']);
    expect((await world.app.request(new URL(bobItem.pageUrl).pathname, { headers: { Accept: 'text/html' } })).status).toBe(404);
    const contact = await call(world, 'POST', '/api/v1/match/contact', owner.token, { organisationId: (await call(world, 'GET', '/api/v1/organisations', owner.token)).json.items[0].id, candidateId: bobItem.candidateId, message: 'Hello' });
    expect(contact.status).toBe(404);
  });

  it('contact goes through BadgeLens: the person gets it by email and answers without either side seeing an address', async () => {
    const { world, owner, role, company, alice } = await scene();
    const found = await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, owner.token);
    const candidateId = found.json.items[0].candidateId;
    const sent = await call(world, 'POST', '/api/v1/match/contact', owner.token, { organisationId: company.id, candidateId, message: 'Would you like to talk about our pipe welder role?' });
    expect(sent.status).toBe(201);
    expect(sent.text).not.toContain('@');
    await world.deliver();
    const mail = smtp.received.find((m) => m.to.includes(alice.email) && /get in touch/.test(m.subject));
    expect(mail?.subject).toBe('Harbour Fabrication would like to get in touch');
    expect(mail!.text).toContain('Would you like to talk about our pipe welder role?');
    expect(mail!.text).not.toContain(owner.email);
    const link = linkIn(mail!.text, `${PUBLIC_URL}/contact/`);

    // Someone else signed in cannot read it; Alice can, and answers.
    const { browser: stranger } = await logIn(world, 'bob@people.example');
    expect((await stranger.get(link)).status).toBe(404);
    const { browser } = await logIn(world, alice.email);
    expect((await browser.get(link)).status).toBe(200);
    expect(browser.lastHtml).toContain('Would you like to talk about our pipe welder role?');
    expect(browser.lastHtml).not.toContain(owner.email);
    expect((await browser.post(link, { decision: 'answer', answer: 'Yes, gladly.' }, { csrf: null })).status).toBe(403);
    expect((await browser.post(link, { decision: 'answer', answer: 'Yes, gladly.' })).status).toBe(200);
    expect(browser.lastHtml).toContain('You answered this message.');
    await world.deliver();
    const answer = smtp.received.find((m) => m.to.includes(owner.email));
    expect(answer?.text).toContain('Yes, gladly.');
    expect(answer!.text).toContain('Alice E.');
    expect(answer!.raw).not.toContain(alice.email);
    // Decided once: a second answer sends nothing.
    await browser.get(link);
    await browser.post(link, { decision: 'answer', answer: 'Again' });
    await world.deliver();
    expect(smtp.received.filter((m) => m.to.includes(owner.email))).toHaveLength(1);
  });

  it('limits messages to one person', async () => {
    const { world, owner, role, company } = await scene();
    const candidateId = (await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, owner.token)).json.items[0].candidateId;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(world, 'POST', '/api/v1/match/contact', owner.token, { organisationId: company.id, candidateId, message: `Message ${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});

describe('organisations: staff, privacy, validation', () => {
  it('another organisation’s staff can neither see nor edit this one’s roles, nor match for them', async () => {
    const { world, company, role, badges } = await scene();
    const rival = await person(world, 'rival@other.example', 'Rita');
    const own = await call(world, 'POST', '/api/v1/organisations', rival.token, { kind: 'company', name: 'Rival Works', slug: 'rival-works' });
    expect(own.status).toBe(201);
    const body = { title: 'Hijacked', requiredBadgeIds: [badges.A] };
    expect((await call(world, 'PUT', `/api/v1/organisations/${company.id}/roles/${role.id}`, rival.token, body)).status).toBe(404);
    expect((await call(world, 'PUT', `/api/v1/organisations/${own.json.id}/roles/${role.id}`, rival.token, body)).status).toBe(404);
    expect((await call(world, 'DELETE', `/api/v1/organisations/${own.json.id}/roles/${role.id}`, rival.token)).status).toBe(404);
    expect((await call(world, 'GET', `/api/v1/organisations/${company.id}/roles`, rival.token)).status).toBe(404);
    expect((await call(world, 'PATCH', `/api/v1/organisations/${company.id}`, rival.token, { published: false })).status).toBe(404);
    expect((await call(world, 'GET', `/api/v1/match/candidates?role=${role.id}`, rival.token)).status).toBe(404);
    const page = await world.app.request('/organisations/harbour-fabrication', { headers: { Accept: 'text/html' } });
    expect(await page.text()).toContain('Pipe welder');
  });

  it('an unpublished organisation answers 404 to the public, and shows its roles with badge images once published', async () => {
    const { world, owner, company, badges } = await scene();
    expect((await call(world, 'PATCH', `/api/v1/organisations/${company.id}`, owner.token, { published: false })).json.published).toBe(false);
    expect((await world.app.request('/organisations/harbour-fabrication', { headers: { Accept: 'text/html' } })).status).toBe(404);
    await call(world, 'PATCH', `/api/v1/organisations/${company.id}`, owner.token, { published: true });
    const page = await world.app.request('/organisations/harbour-fabrication', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Pipe welder');
    expect(html).toContain(`${PUBLIC_URL}/badges/${badges.A}/image`);
  });

  it('invites a colleague by email with a one-time link; editors cannot invite', async () => {
    const { world, owner, company, role, badges } = await scene();
    const colleague = await person(world, 'colleague@company.example', 'Cole');
    expect((await call(world, 'POST', `/api/v1/organisations/${company.id}/invitations`, owner.token, { email: colleague.email, role: 'editor' })).status).toBe(201);
    await world.deliver();
    const mail = smtp.received.find((m) => m.to.includes(colleague.email));
    const link = linkIn(mail!.text, `${PUBLIC_URL}/organisations/invitations/`);
    const { browser: wrongPerson } = await logIn(world, 'bob@people.example');
    expect((await wrongPerson.get(link)).status).toBe(403);
    const { browser } = await logIn(world, colleague.email);
    expect((await browser.get(link)).status).toBe(200);
    expect((await browser.post(link, {})).status).toBe(200);
    expect((await browser.post(link, {})).status).toBe(410);
    const edited = await call(world, 'PUT', `/api/v1/organisations/${company.id}/roles/${role.id}`, colleague.token, { title: 'Senior pipe welder', requiredBadgeIds: [badges.A] });
    expect(edited.status).toBe(200);
    expect(edited.json.title).toBe('Senior pipe welder');
    expect((await call(world, 'POST', `/api/v1/organisations/${company.id}/invitations`, colleague.token, { email: 'x@company.example' })).status).toBe(403);
    const staff = (await call(world, 'GET', `/api/v1/organisations/${company.id}/staff`, owner.token)).json.items as Json[];
    expect(staff.map((member) => member.role).sort()).toEqual(['editor', 'owner']);
    const ownerId = staff.find((member) => member.role === 'owner')!.accountId;
    expect((await call(world, 'DELETE', `/api/v1/organisations/${company.id}/staff/${ownerId}`, owner.token)).status).toBe(409);
  });

  it('refuses bad input with clear 4xx errors', async () => {
    const { world, owner, company } = await scene();
    expect((await call(world, 'POST', '/api/v1/organisations', owner.token, { kind: 'club', name: 'X', slug: 'x' })).status).toBe(400);
    expect((await call(world, 'POST', '/api/v1/organisations', owner.token, { kind: 'company', name: 'X', slug: 'harbour-fabrication' })).status).toBe(409);
    const unknown = await call(world, 'POST', `/api/v1/organisations/${company.id}/roles`, owner.token, { title: 'T', requiredBadgeIds: ['no-such-badge'] });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.code).toBe('unknown_badge');
    expect((await call(world, 'POST', `/api/v1/organisations/${company.id}/courses`, owner.token, { title: 'T', format: 'online', badgeIds: ['x'] })).status).toBe(409);
    expect((await call(world, 'GET', '/api/v1/match/candidates', owner.token)).status).toBe(400);
    expect((await call(world, 'GET', '/api/v1/match/roles', null)).status).toBe(401);
    const huge = await world.app.request('/api/v1/organisations', jsonRequest('POST', { kind: 'company', name: 'x'.repeat(2_000_000), slug: 'big' }, { Authorization: `Bearer ${owner.token}` }));
    expect(huge.status).toBe(413);
  });
});

describe('job seeker, student and school directions', () => {
  async function withSchool() {
    const base = await scene();
    const { world, badges } = base;
    const head = await person(world, 'head@school.example', 'Hana');
    const school = await call(world, 'POST', '/api/v1/organisations', head.token, { kind: 'school', name: 'Lyon Weld Academy', slug: 'lyon-weld-academy', published: true });
    const course = (title: string, extra: Json) => call(world, 'POST', `/api/v1/organisations/${school.json.id}/courses`, head.token, { title, badgeIds: [badges.B], ...extra });
    expect((await course('Inspection online', { format: 'online', startsOn: '2026-05-01', endsOn: '2026-06-30' })).status).toBe(201);
    expect((await course('Inspection in Lyon', { format: 'in_person', location: 'Lyon', startsOn: '2026-04-01', endsOn: '2026-07-01' })).status).toBe(201);
    expect((await course('Inspection in Paris', { format: 'in_person', location: 'Paris' })).status).toBe(201);
    return { ...base, head, school: school.json };
  }

  it('job seeker: roles that fit, with the badges missing and where to earn each', async () => {
    const { world, bob } = await withSchool();
    const roles = await call(world, 'GET', '/api/v1/match/roles', bob.token);
    expect(roles.status).toBe(200);
    expect(roles.json.items).toHaveLength(1);
    const [item] = roles.json.items;
    expect(item.role).toMatchObject({ title: 'Pipe welder', organisation: 'Harbour Fabrication' });
    expect(item.explanation).toBe('1 of 2 required, 0 of 1 preferred, all verified');
    const inspection = item.missing.find((missing: Json) => missing.badge.name === 'Weld Inspection');
    expect(inspection.courses.map((course: Json) => course.title).sort()).toEqual(['Inspection in Lyon', 'Inspection in Paris', 'Inspection online']);
    expect(item.missing.map((missing: Json) => missing.badge.name)).toEqual(['Weld Inspection', 'Rigging Basics']);
  });

  it('staff list, replace and delete their roles and courses through the API, each with its badges', async () => {
    const { world, owner, company, role, badges, head, school } = await withSchool();
    const listed = await call(world, 'GET', `/api/v1/organisations/${company.id}/roles`, owner.token);
    // A role's badges are a set, listed in a stable order of their own.
    const names = (refs: Json[]) => refs.map((badge) => badge.name).sort();
    expect(listed.json.items.map((item: Json) => [item.title, names(item.required), names(item.preferred)])).toEqual([
      ['Pipe welder', ['Pipe Welding', 'Weld Inspection'], ['Rigging Basics']],
    ]);
    const courses = await call(world, 'GET', `/api/v1/organisations/${school.id}/courses`, head.token);
    expect(courses.json.items.map((item: Json) => [item.title, item.badges.map((b: Json) => b.id)]).sort()).toEqual([
      ['Inspection in Lyon', [badges.B]],
      ['Inspection in Paris', [badges.B]],
      ['Inspection online', [badges.B]],
    ]);
    const courseId = courses.json.items.find((item: Json) => item.title === 'Inspection in Paris').id;
    const replaced = await call(world, 'PUT', `/api/v1/organisations/${school.id}/courses/${courseId}`, head.token, { title: 'Inspection in Marseille', format: 'in_person', location: 'Marseille', badgeIds: [badges.C] });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ id: courseId, title: 'Inspection in Marseille', badges: [{ id: badges.C, name: 'Rigging Basics' }] });
    expect((await call(world, 'PUT', `/api/v1/organisations/${school.id}/courses/no-such-course`, head.token, { title: 'X', format: 'online', badgeIds: [badges.B] })).json.error.message).toBe('No course with id "no-such-course".');
    for (const [organisation, token, path, id, noun] of [
      [company.id, owner.token, 'roles', role.id, 'role'],
      [school.id, head.token, 'courses', courseId, 'course'],
    ]) {
      expect((await call(world, 'DELETE', `/api/v1/organisations/${organisation}/${path}/${id}`, token)).status).toBe(204);
      const again = await call(world, 'DELETE', `/api/v1/organisations/${organisation}/${path}/${id}`, token);
      expect([again.status, again.json.error.message]).toEqual([404, `No ${noun} with id "${id}".`]);
    }
    expect((await call(world, 'GET', `/api/v1/organisations/${company.id}/roles`, owner.token)).json.items).toEqual([]);
    expect((await call(world, 'GET', `/api/v1/organisations/${school.id}/courses`, head.token)).json.items).toHaveLength(2);
  });

  it('student: courses for a wanted badge, online or near, with dates; unpublished schools are not shown', async () => {
    const { world, badges, head, school } = await withSchool();
    const near = await call(world, 'GET', `/api/v1/match/courses?badge=${badges.B}&near=lyon`, null);
    expect(near.status).toBe(200);
    expect(near.json.items.map((course: Json) => [course.title, course.where, course.startsOn])).toEqual([
      ['Inspection in Lyon', 'in person in Lyon', '2026-04-01'],
      ['Inspection online', 'online', '2026-05-01'],
    ]);
    expect((await call(world, 'GET', '/api/v1/match/courses?badge=nope', null)).status).toBe(404);
    await call(world, 'PATCH', `/api/v1/organisations/${school.id}`, head.token, { published: false });
    expect((await call(world, 'GET', `/api/v1/match/courses?badge=${badges.B}&near=lyon`, null)).json.items).toEqual([]);
  });

  it('job panel: the roles asking for a posting’s badges and the courses leading to them, public and cacheable, without anyone’s data', async () => {
    const { world, badges, owner, company, head, school } = await withSchool();
    await call(world, 'POST', `/api/v1/organisations/${company.id}/roles`, owner.token, { title: 'Rigger', location: 'Antwerp', requiredBadgeIds: [badges.C], postingUrl: 'https://jobs.example/rigger' });
    const related = await world.app.request(`/api/v1/match/related?badges=${badges.B},${badges.C},unknown-badge`);
    expect(related.status).toBe(200);
    expect(related.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await related.json()) as Json;
    expect(body.roles.map((role: Json) => [role.title, role.organisation, role.badgeIds])).toEqual([
      ['Pipe welder', 'Harbour Fabrication', [badges.B, badges.C]],
      ['Rigger', 'Harbour Fabrication', [badges.C]],
    ]);
    expect(body.roles[1]).toMatchObject({ location: 'Antwerp', postingUrl: 'https://jobs.example/rigger', organisationUrl: `${PUBLIC_URL}/organisations/harbour-fabrication` });
    expect(body.courses.map((course: Json) => [course.title, course.organisation, course.badgeIds])).toEqual([
      ['Inspection in Lyon', 'Lyon Weld Academy', [badges.B]],
      ['Inspection online', 'Lyon Weld Academy', [badges.B]],
      ['Inspection in Paris', 'Lyon Weld Academy', [badges.B]],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/@|Olga|Hana|Alice/);
    // A badge no role asks for and no course leads to: nothing, not an error.
    expect((await call(world, 'GET', `/api/v1/match/related?badges=${badges.A}`, null)).json).toEqual({ roles: [{ ...body.roles[0], badgeIds: [badges.A] }], courses: [] });
    // An unpublished school's courses leave at once.
    await call(world, 'PATCH', `/api/v1/organisations/${school.id}`, head.token, { published: false });
    expect((await call(world, 'GET', `/api/v1/match/related?badges=${badges.B}`, null)).json.courses).toEqual([]);
    for (const bad of ['', 'badges=', 'badges=a,,b', 'badges=a%20b', `badges=${Array.from({ length: 25 }, (_, index) => `b${index}`).join(',')}`, 'badges=a&near=x']) {
      const refused = await call(world, 'GET', `/api/v1/match/related?${bad}`, null);
      expect(refused.status, bad).toBe(400);
      expect(refused.json.error.code).toBeTruthy();
    }
  });

  it('school: counts the opted-in students wanting badges its courses cover', async () => {
    const { world, badges, head, school, carol, alice, owner } = await withSchool();
    const students = () => call(world, 'GET', `/api/v1/match/students?organisation=${school.id}`, head.token);
    expect((await students()).json.total).toBe(0);
    await call(world, 'PUT', '/api/v1/me/opt-ins', carol.token, { jobSeeker: false, student: true, wantedBadgeIds: [badges.B] });
    await call(world, 'PUT', '/api/v1/me/opt-ins', alice.token, { jobSeeker: true, student: false, wantedBadgeIds: [badges.B] });
    const found = await students();
    expect(found.json.total).toBe(1);
    expect(found.json.perBadge).toEqual([{ badge: expect.objectContaining({ name: 'Weld Inspection' }), students: 1 }]);
    expect(found.json.items.map((item: Json) => item.name)).toEqual(['Carol E.']);
    expect(found.text).not.toContain('@');
    expect((await call(world, 'GET', `/api/v1/match/students?organisation=${school.id}`, owner.token)).status).toBe(404);
  });
});

describe('opt-in settings page', () => {
  it('saves the choices with the form token, and refuses a form without it', async () => {
    const { world, carol, badges } = await scene();
    const { browser } = await logIn(world, carol.email);
    expect((await browser.get('/profile/opt-ins')).status).toBe(200);
    expect((await browser.post('/profile/opt-ins', { student: 'on', location: 'Lyon', wantedBadgeIds: badges.B }, { csrf: 'wrong' })).status).toBe(403);
    expect((await call(world, 'GET', '/api/v1/me/opt-ins', carol.token)).json.student).toBe(false);
    expect((await browser.post('/profile/opt-ins', { student: 'on', location: 'Lyon', wantedBadgeIds: badges.B })).status).toBe(303);
    expect((await call(world, 'GET', '/api/v1/me/opt-ins', carol.token)).json).toMatchObject({ student: true, jobSeeker: false, location: 'Lyon', wantedBadgeIds: [badges.B] });
  });
});

describe('organisation management page', () => {
  it('creates a private organisation, publishes it, with the form token; another person cannot publish it', async () => {
    const world = await newWorld();
    await person(world, 'maker@school.example', 'Mia');
    const { browser } = await logIn(world, 'maker@school.example');
    expect((await browser.get('/manage/organisations')).status).toBe(200);
    expect((await browser.post('/manage/organisations', { kind: 'school', name: 'Hill Academy', slug: 'hill-academy' }, { csrf: 'wrong' })).status).toBe(403);
    expect((await browser.post('/manage/organisations', { kind: 'school', name: 'Hill Academy', slug: 'hill-academy' })).status).toBe(303);
    expect((await world.app.request('/organisations/hill-academy', { headers: { Accept: 'text/html' } })).status).toBe(404);
    await browser.get('/manage/organisations');
    const action = /action="[^"]*(\/manage\/organisations\/[^"/]+\/publish)"/.exec(browser.lastHtml)![1];
    await person(world, 'other@school.example', 'Otto');
    const { browser: other } = await logIn(world, 'other@school.example');
    await other.get('/manage/organisations');
    expect((await other.post(action, { published: 'yes' })).status).toBe(404);
    expect((await world.app.request('/organisations/hill-academy', { headers: { Accept: 'text/html' } })).status).toBe(404);
    expect((await browser.post(action, { published: 'yes' })).status).toBe(303);
    expect((await world.app.request('/organisations/hill-academy', { headers: { Accept: 'text/html' } })).status).toBe(200);
  });
});
