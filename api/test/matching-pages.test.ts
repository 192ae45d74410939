// The pages an organisation's staff manage it with (/manage/organisations/:id/…): roles and courses
// through forms, staff and invitations, the owner/editor rules, and the abuse cases (other people,
// forged forms, big bodies, many writes).
import { describe, expect, it } from 'vitest';
import { getBadgeClass } from '../src/db/badgeClasses';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import { getOrganisationBySlug, listCourses, listRoles, listStaff } from '../src/matching/db';
import { MATCHING_RATE_LIMITS } from '../src/matching/rateLimits';
import { countRows, jsonRequest, makeIssuer } from './helpers';
import { Browser, latestMail, linkIn, logIn, PUBLIC_URL, verifiedAccount, worldsClosedAfterEach, type EarnerWorld } from './earners-helpers';

const newWorld = worldsClosedAfterEach();

/** Badges A, B, C in the catalogue; B has two requirement options (a course and a quiz). */
async function catalogue(world: EarnerWorld) {
  const issuer = await makeIssuer(world.db);
  const badges: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  const specs = [
    ['A', 'Pipe Welding', []],
    ['B', 'Weld Inspection', [{ kind: 'course', title: 'Inspection course' }, { kind: 'quiz', title: 'Inspection quiz' }]],
    ['C', 'Rigging Basics', []],
  ] as const;
  for (const [key, name, requirements] of specs) {
    const res = await world.app.request('/api/v1/badges', jsonRequest('POST', { name, description: `${name}.`, category: 'skill', criteria: 'Passed.', requirements }, issuer.auth));
    expect(res.status).toBe(201);
    badges[key] = ((await res.json()) as { id: string }).id;
  }
  const optionsOfB = (await getBadgeClass(world.db, badges.B))!.requirements;
  return { badges, requirementsOfB: Object.fromEntries(optionsOfB.map((option) => [option.title, option.id])) };
}

/** A confirmed account, signed in through the login page. */
async function signedIn(world: EarnerWorld, email: string, firstName: string): Promise<Browser> {
  await verifiedAccount(world, email, undefined, { firstName, lastName: 'Example' });
  return (await logIn(world, email)).browser;
}

/** Creates the organisation through the list page's form; returns its id and its page's address. */
async function createThroughForm(world: EarnerWorld, browser: Browser, kind: 'company' | 'school', name: string, slug: string) {
  await browser.get('/manage/organisations');
  expect((await browser.post('/manage/organisations', { kind, name, slug })).status).toBe(303);
  const organisation = (await getOrganisationBySlug(world.db, slug))!;
  const page = `/manage/organisations/${organisation.id}`;
  await browser.get('/manage/organisations');
  expect(browser.lastHtml).toContain(`href="${PUBLIC_URL}${page}"`);
  return { id: organisation.id, page };
}

async function scene() {
  const world = await newWorld();
  const { badges, requirementsOfB } = await catalogue(world);
  const owner = await signedIn(world, 'olga@harbour.example', 'Olga');
  const company = await createThroughForm(world, owner, 'company', 'Harbour Fabrication', 'harbour-fabrication');
  return { world, badges, requirementsOfB, owner, company };
}

const publicPage = (world: EarnerWorld, slug: string) => world.app.request(`/organisations/${slug}`, { headers: { Accept: 'text/html' } });

/** What an organisation holds, to compare before and after a refused request. */
async function snapshot(world: EarnerWorld, organisationId: string) {
  return {
    roles: await listRoles(world.db, organisationId),
    courses: await listCourses(world.db, organisationId),
    staff: await listStaff(world.db, organisationId),
    invitations: await countRows(world.db, 'organisation_invitations'),
    organisations: await countRows(world.db, 'organisations'),
  };
}

describe('roles through the forms', () => {
  it('adds, edits and deletes a role; the public page shows it once published', async () => {
    const { world, badges, owner, company } = await scene();
    expect((await owner.get(company.page)).status).toBe(200);
    expect(owner.lastHtml).toContain('No roles yet');
    expect((await owner.get(`${company.page}/roles/new`)).status).toBe(200);
    for (const name of ['Pipe Welding', 'Weld Inspection', 'Rigging Basics']) expect(owner.lastHtml).toContain(name);

    const added = await owner.post(`${company.page}/roles`, {
      title: 'Pipe welder',
      location: 'Rotterdam',
      requiredBadgeIds: [badges.A, badges.B],
      preferredBadgeIds: [badges.C],
      postingUrl: 'https://jobs.harbour.example/pipe-welder',
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`${company.page}?notice=role-saved`);
    const [role] = await listRoles(world.db, company.id);
    expect(role).toMatchObject({ title: 'Pipe welder', location: 'Rotterdam', postingUrl: 'https://jobs.harbour.example/pipe-welder', preferred: [badges.C] });
    expect([...role.required].sort()).toEqual([badges.A, badges.B].sort());
    await owner.get(`${company.page}?notice=role-saved`);
    expect(owner.lastHtml).toContain('The role is saved.');
    expect(owner.lastHtml).toContain('Pipe welder');
    expect(owner.lastHtml).not.toContain('No roles yet');

    // Private until published; then the public page lists the role with its badges.
    expect((await publicPage(world, 'harbour-fabrication')).status).toBe(404);
    expect((await owner.post(`${company.page}/publish`, { published: 'yes', back: 'organisation' })).headers.get('location')).toBe(company.page);
    const published = await publicPage(world, 'harbour-fabrication');
    expect(published.status).toBe(200);
    const html = await published.text();
    expect(html).toContain('Pipe welder');
    expect(html).toContain('Rigging Basics');

    // The edit form comes filled in; saving replaces the role.
    expect((await owner.get(`${company.page}/roles/${role.id}/edit`)).status).toBe(200);
    expect(owner.lastHtml).toContain('value="Pipe welder"');
    expect(owner.lastHtml).toMatch(new RegExp(`<option value="${badges.C}" selected`));
    const edited = await owner.post(`${company.page}/roles/${role.id}`, { title: 'Senior pipe welder', location: 'Delft', requiredBadgeIds: [badges.A], postingUrl: '' });
    expect(edited.status).toBe(303);
    expect(await listRoles(world.db, company.id)).toEqual([{ ...role, title: 'Senior pipe welder', location: 'Delft', postingUrl: null, required: [badges.A], preferred: [] }]);
    expect(await (await publicPage(world, 'harbour-fabrication')).text()).toContain('Senior pipe welder');

    const deleted = await owner.post(`${company.page}/roles/${role.id}/delete`, {});
    expect(deleted.headers.get('location')).toBe(`${company.page}?notice=role-deleted`);
    expect(await listRoles(world.db, company.id)).toEqual([]);
    await owner.get(company.page);
    expect(owner.lastHtml).toContain('No roles yet');
    expect((await owner.post(`${company.page}/roles/${role.id}/delete`, {})).status).toBe(404);
  });

  it('shows each error next to its field with what was typed kept (400), and stores nothing', async () => {
    const { world, badges, owner, company } = await scene();
    await owner.get(`${company.page}/roles/new`);
    const empty = await owner.post(`${company.page}/roles`, { title: '  ', location: 'Rotterdam harbour', postingUrl: 'not a link' });
    expect(empty.status).toBe(400);
    const html = owner.lastHtml;
    expect(html).toContain('value="Rotterdam harbour"');
    expect(html).toContain('value="not a link"');
    expect(html).toMatch(/id="field-title-error">must not be empty</);
    expect(html).toMatch(/id="field-requiredBadgeIds-error">name at least one required or preferred badge</);
    expect(html).toMatch(/id="field-postingUrl-error">[^<]+</);

    const both = await owner.post(`${company.page}/roles`, { title: 'Rigger', requiredBadgeIds: [badges.A, badges.C], preferredBadgeIds: [badges.C] });
    expect(both.status).toBe(400);
    expect(owner.lastHtml).toMatch(/id="field-preferredBadgeIds-error">a badge is either required or preferred, not both</);
    expect(owner.lastHtml).toContain('value="Rigger"');
    expect(owner.lastHtml).toMatch(new RegExp(`<option value="${badges.A}" selected`));

    // A badge id that is no badge of the catalogue (a forged select) is refused as the API refuses it.
    const unknown = await owner.post(`${company.page}/roles`, { title: 'Rigger', requiredBadgeIds: ['no-such-badge'] });
    expect(unknown.status).toBe(422);
    expect(owner.lastHtml).toContain('No badge with id &quot;no-such-badge&quot;.');
    expect(await listRoles(world.db, company.id)).toEqual([]);
  });

  it('a company posts no courses, and a role of another organisation is not found under this one', async () => {
    const { world, badges, owner, company } = await scene();
    expect((await owner.get(`${company.page}/courses/new`)).status).toBe(409);
    await owner.get(company.page);
    expect((await owner.post(`${company.page}/courses`, { title: 'Course', format: 'online', badgeIds: [badges.A] })).status).toBe(409);
    expect(await listCourses(world.db, company.id)).toEqual([]);

    const other = await createThroughForm(world, owner, 'company', 'Second Yard', 'second-yard');
    await owner.get(`${other.page}/roles/new`);
    expect((await owner.post(`${other.page}/roles`, { title: 'Fitter', requiredBadgeIds: [badges.A] })).status).toBe(303);
    const [fitter] = await listRoles(world.db, other.id);
    expect((await owner.get(`${company.page}/roles/${fitter.id}/edit`)).status).toBe(404);
    await owner.get(company.page);
    expect((await owner.post(`${company.page}/roles/${fitter.id}`, { title: 'Moved', requiredBadgeIds: [badges.A] })).status).toBe(404);
    expect((await owner.post(`${company.page}/roles/${fitter.id}/delete`, {})).status).toBe(404);
    expect(await listRoles(world.db, other.id)).toEqual([fitter]);
  });
});

describe('courses through the forms', () => {
  it('adds, edits and deletes a course with its format, dates, link, badges and requirements', async () => {
    const { world, badges, requirementsOfB, owner } = await scene();
    const school = await createThroughForm(world, owner, 'school', 'Riverbend Training', 'riverbend-training');
    await owner.get(school.page);
    expect(owner.lastHtml).toContain('No courses yet');
    await owner.get(`${school.page}/courses/new`);
    expect(owner.lastHtml).toContain('Inspection quiz');
    const posted = {
      title: 'Weld inspection evenings',
      format: 'in_person',
      location: 'Nijmegen',
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
      url: 'https://riverbend.example/inspection',
      badgeIds: [badges.B],
      requirementIds: [requirementsOfB['Inspection course']],
    };
    expect((await owner.post(`${school.page}/courses`, posted)).status).toBe(303);
    const [course] = await listCourses(world.db, school.id);
    expect(course).toMatchObject(posted);

    await owner.get(`${school.page}/courses/${course.id}/edit`);
    expect(owner.lastHtml).toContain('value="2026-04-01"');
    expect(owner.lastHtml).toMatch(/value="in_person" checked/);
    const edited = await owner.post(`${school.page}/courses/${course.id}`, { title: 'Weld inspection online', format: 'online', location: '', startsOn: '', endsOn: '', url: '', badgeIds: [badges.B, badges.A] });
    expect(edited.status).toBe(303);
    const [after] = await listCourses(world.db, school.id);
    expect(after).toMatchObject({ id: course.id, title: 'Weld inspection online', format: 'online', startsOn: null, endsOn: null, url: null, requirementIds: [] });
    expect([...after.badgeIds].sort()).toEqual([badges.A, badges.B].sort());

    await owner.post(`${school.page}/publish`, { published: 'yes', back: 'organisation' });
    expect(await (await publicPage(world, 'riverbend-training')).text()).toContain('Weld inspection online');

    expect((await owner.post(`${school.page}/courses/${course.id}/delete`, {})).status).toBe(303);
    expect(await listCourses(world.db, school.id)).toEqual([]);
  });

  it('keeps what was typed and names the field: dates in the wrong order, no place for an in-person course, unknown dates', async () => {
    const { world, badges, requirementsOfB, owner } = await scene();
    const school = await createThroughForm(world, owner, 'school', 'Riverbend Training', 'riverbend-training');
    await owner.get(`${school.page}/courses/new`);
    const fields = { title: 'Evenings', format: 'in_person', location: '', startsOn: '2026-06-30', endsOn: '2026-04-01', url: '', badgeIds: [badges.B], requirementIds: [requirementsOfB['Inspection quiz']] };
    expect((await owner.post(`${school.page}/courses`, fields)).status).toBe(400);
    expect(owner.lastHtml).toMatch(/id="field-endsOn-error">endsOn must not be before startsOn</);
    expect(owner.lastHtml).toMatch(/id="field-location-error">an in-person course needs a location</);
    expect(owner.lastHtml).toContain('value="2026-06-30"');
    expect(owner.lastHtml).toContain('value="Evenings"');
    expect(owner.lastHtml).toMatch(new RegExp(`<option value="${requirementsOfB['Inspection quiz']}" selected`));

    expect((await owner.post(`${school.page}/courses`, { ...fields, location: 'Nijmegen', startsOn: '2026-02-30', endsOn: '', badgeIds: [] })).status).toBe(400);
    expect(owner.lastHtml).toMatch(/id="field-startsOn-error">is not a real date</);
    expect(owner.lastHtml).toMatch(/id="field-badgeIds-error">name at least one badge the course prepares for</);

    // A requirement that is no option of the course's badges.
    expect((await owner.post(`${school.page}/courses`, { ...fields, location: 'Nijmegen', startsOn: '', endsOn: '', badgeIds: [badges.A] })).status).toBe(422);
    expect(owner.lastHtml).toContain('is not an option of any badge this course prepares for');
    expect(await listCourses(world.db, school.id)).toEqual([]);
  });
});

describe('staff: invitations, owners and editors', () => {
  it('the owner invites an editor by email; the editor manages roles but cannot invite or remove others, and may leave', async () => {
    const { world, badges, owner, company } = await scene();
    await owner.get(company.page);
    expect(owner.lastHtml).toContain('Invite a colleague');
    const bad = await owner.post(`${company.page}/invitations`, { email: 'not-an-address', role: 'owner' });
    expect(bad.status).toBe(400);
    expect(owner.lastHtml).toMatch(/id="field-email-error">must be an email address</);
    expect(owner.lastHtml).toContain('value="not-an-address"');
    expect(owner.lastHtml).toMatch(/value="owner" checked/);
    expect(await countRows(world.db, 'organisation_invitations')).toBe(0);

    expect((await owner.post(`${company.page}/invitations`, { email: 'eddie@harbour.example', role: 'editor' })).headers.get('location')).toBe(`${company.page}?notice=invited`);
    await world.deliver();
    const mail = await latestMail(world, null, 'eddie@harbour.example', /Join Harbour Fabrication/);
    const editor = await signedIn(world, 'eddie@harbour.example', 'Eddie');
    const link = linkIn(mail.text, `${PUBLIC_URL}/organisations/invitations/`);
    await editor.get(link);
    expect((await editor.post(link, {})).status).toBe(200);
    expect((await listStaff(world.db, company.id)).map((member) => member.role).sort()).toEqual(['editor', 'owner']);

    // An editor manages roles…
    expect((await editor.get(company.page)).status).toBe(200);
    expect(editor.lastHtml).not.toContain('Invite a colleague');
    expect(editor.lastHtml).not.toContain('Remove Olga');
    expect((await editor.post(`${company.page}/roles`, { title: 'Rigger', requiredBadgeIds: [badges.C] })).status).toBe(303);
    expect(await listRoles(world.db, company.id)).toHaveLength(1);
    // …but does not invite or remove anyone else (403, nothing changes).
    const before = await snapshot(world, company.id);
    expect((await editor.post(`${company.page}/invitations`, { email: 'friend@example.org', role: 'owner' })).status).toBe(403);
    const ownerId = before.staff.find((member) => member.role === 'owner')!.accountId;
    expect((await editor.post(`${company.page}/staff/${ownerId}/remove`, {})).status).toBe(403);
    expect(await snapshot(world, company.id)).toEqual(before);

    // Anyone may leave; the last owner may not.
    const editorId = before.staff.find((member) => member.role === 'editor')!.accountId;
    expect((await editor.post(`${company.page}/staff/${editorId}/remove`, {})).headers.get('location')).toBe('/manage/organisations');
    expect((await editor.get(company.page)).status).toBe(404);
    await owner.get(company.page);
    expect((await owner.post(`${company.page}/staff/${ownerId}/remove`, {})).status).toBe(409);
    expect(owner.lastHtml).toContain('An organisation keeps at least one owner');
    expect((await listStaff(world.db, company.id)).map((member) => member.accountId)).toEqual([ownerId]);
  });

  it('the owner removes a colleague', async () => {
    const { world, owner, company } = await scene();
    await owner.get(company.page);
    await owner.post(`${company.page}/invitations`, { email: 'eddie@harbour.example', role: 'editor' });
    await world.deliver();
    const editor = await signedIn(world, 'eddie@harbour.example', 'Eddie');
    const link = linkIn((await latestMail(world, null, 'eddie@harbour.example', /Join/)).text, `${PUBLIC_URL}/organisations/invitations/`);
    await editor.get(link);
    await editor.post(link, {});
    const editorId = (await listStaff(world.db, company.id)).find((member) => member.role === 'editor')!.accountId;
    await owner.get(company.page);
    expect(owner.lastHtml).toContain('Remove Eddie Example');
    expect((await owner.post(`${company.page}/staff/${editorId}/remove`, {})).headers.get('location')).toBe(`${company.page}?notice=removed`);
    expect((await listStaff(world.db, company.id)).map((member) => member.role)).toEqual(['owner']);
  });
});

describe('abuse', () => {
  it('someone not on the staff gets 404 on every page and form and changes nothing; signed out goes to the login page', async () => {
    const { world, badges, owner, company } = await scene();
    await owner.get(`${company.page}/roles/new`);
    await owner.post(`${company.page}/roles`, { title: 'Pipe welder', requiredBadgeIds: [badges.A] });
    const [role] = await listRoles(world.db, company.id);
    const ownerId = (await listStaff(world.db, company.id))[0].accountId;
    const before = await snapshot(world, company.id);

    const stranger = await signedIn(world, 'mallory@elsewhere.example', 'Mallory');
    for (const path of [company.page, `${company.page}/roles/new`, `${company.page}/roles/${role.id}/edit`]) expect((await stranger.get(path)).status, path).toBe(404);
    await stranger.get('/manage/organisations');
    const posts: [string, Record<string, string | string[]>][] = [
      [`${company.page}/roles`, { title: 'Planted', requiredBadgeIds: [badges.A] }],
      [`${company.page}/roles/${role.id}`, { title: 'Hijacked', requiredBadgeIds: [badges.A] }],
      [`${company.page}/roles/${role.id}/delete`, {}],
      [`${company.page}/invitations`, { email: 'mallory@elsewhere.example', role: 'owner' }],
      [`${company.page}/staff/${ownerId}/remove`, {}],
      [`${company.page}/publish`, { published: 'yes' }],
    ];
    for (const [path, fields] of posts) expect((await stranger.post(path, fields)).status, path).toBe(404);
    expect(await snapshot(world, company.id)).toEqual(before);

    const signedOut = new Browser(world.app);
    const res = await signedOut.get(company.page);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login');
  });

  it('a forged or cross-site form (403), a body over the limit (413) and too many writes (429) change nothing', async () => {
    const world = await newWorld({ rateLimits: { ...RATE_LIMITS, ...MATCHING_RATE_LIMITS, organisationWrites: { name: 'organisationWrites', limit: 3, windowMs: 60 * 60 * 1000 } } });
    const { badges } = await catalogue(world);
    const owner = await signedIn(world, 'olga@harbour.example', 'Olga');
    const company = await createThroughForm(world, owner, 'company', 'Harbour Fabrication', 'harbour-fabrication');
    await owner.get(`${company.page}/roles/new`);
    expect((await owner.post(`${company.page}/roles`, { title: 'Pipe welder', requiredBadgeIds: [badges.A] })).status).toBe(303);
    const [role] = await listRoles(world.db, company.id);
    const ownerId = (await listStaff(world.db, company.id))[0].accountId;
    const before = await snapshot(world, company.id);
    const posts: [string, Record<string, string | string[]>][] = [
      [`${company.page}/roles`, { title: 'Planted', requiredBadgeIds: [badges.A] }],
      [`${company.page}/roles/${role.id}`, { title: 'Changed', requiredBadgeIds: [badges.A] }],
      [`${company.page}/roles/${role.id}/delete`, {}],
      [`${company.page}/invitations`, { email: 'friend@example.org', role: 'owner' }],
      [`${company.page}/staff/${ownerId}/remove`, {}],
    ];
    for (const [path, fields] of posts) {
      expect((await owner.post(path, fields, { csrf: 'x'.repeat(32) })).status, `${path} forged`).toBe(403);
      expect((await owner.post(path, fields, { csrf: null })).status, `${path} without a token`).toBe(403);
      expect((await owner.post(path, fields, { origin: 'https://evil.example' })).status, `${path} cross-site`).toBe(403);
      expect((await owner.post(path, { ...fields, title: 't'.repeat(70 * 1024) })).status, `${path} too large`).toBe(413);
    }
    expect(await snapshot(world, company.id)).toEqual(before);

    // Three writes an hour in this world: the first was the role above; two more pass, the next waits.
    expect((await owner.post(`${company.page}/roles`, { title: 'Second', requiredBadgeIds: [badges.B] })).status).toBe(303);
    expect((await owner.post(`${company.page}/roles`, { title: 'Third', requiredBadgeIds: [badges.C] })).status).toBe(303);
    expect((await owner.post(`${company.page}/roles`, { title: 'Fourth', requiredBadgeIds: [badges.C] })).status).toBe(429);
    expect(owner.lastHtml).toContain('value="Fourth"');
    expect(owner.lastHtml).toContain('You changed organisations many times lately');
    expect(await listRoles(world.db, company.id)).toHaveLength(3);
  });
});
