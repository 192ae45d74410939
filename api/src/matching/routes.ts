import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { earnerAuth } from '../earners/http';
import { firstRateLimited, rateLimit } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError } from '../http/errors';
import { requireJson } from '../http/jsonInput';
import {
  createOrganisation,
  deleteOrganisation,
  getOptIns,
  getRole,
  listOrganisationsOf,
  listStaff,
  saveOptIns,
  staffRole,
  updateOrganisation,
  type Organisation,
  type OptIns,
} from './db';
import { matchingUrls } from './mail';
import { MATCHING_RATE_LIMITS } from './rateLimits';
import {
  badgeRefs,
  candidatesFor,
  contactPerson,
  coursesFor,
  invitationLimits,
  inviteColleague,
  noSuchOrganisation,
  presentOrganisation,
  refsProblem,
  relatedTo,
  removeStaffAs,
  rolesFor,
  staffAccess,
  studentsFor,
  coursePostings,
  rolePostings,
  type Postings,
  type Refusal,
} from './service';

type Ctx = Context<AppEnv>;

/** The organisation `id` when the signed-in earner is on its staff (as owner, when `ownerOnly`); others' ids answer 404 like unknown ones. */
async function staffOrganisation(c: Ctx, id: string, ownerOnly = false): Promise<{ organisation: Organisation; role: 'owner' | 'editor' } | Response> {
  const access = await staffAccess(c.var.deps.db, id, c.var.accountId, ownerOnly);
  return access.ok ? access : refusal(c, access);
}

const refusal = (c: Ctx, refused: Refusal) => apiError(c, refused.status, refused.code, refused.message);

/** Counts a change made by the signed-in earner to organisations (against scripts filling the tables). */
const writeLimit = createMiddleware<AppEnv>(async (c, next) => {
  const limited = await firstRateLimited(c, [[MATCHING_RATE_LIMITS.organisationWrites, `account:${c.var.accountId}`]]);
  if (limited) return apiError(c, 429, 'rate_limited', `You changed organisations many times lately. Try again in ${limited.wait} seconds.`);
  await next();
});

function presentOptIns(optIns: OptIns, publicUrl: string) {
  const { jobSeeker, student, location, wantedBadgeIds, publicId } = optIns;
  return { jobSeeker, student, location, wantedBadgeIds, pageUrl: publicId && (jobSeeker || student) ? matchingUrls(publicUrl).person(publicId) : null };
}

/** Organisations (companies and schools) and their staff, roles and courses, managed by their staff (earner token). */
export const organisationsApiRoutes = new Hono<AppEnv>()
  .use(earnerAuth)
  .get('/', async (c) => {
    const { db, publicUrl } = c.var.deps;
    const mine = await listOrganisationsOf(db, c.var.accountId);
    return c.json({ items: mine.map((organisation) => presentOrganisation(organisation, organisation.role, publicUrl)) }, 200);
  })
  .post('/', requireJson, documented('json', 'post /api/v1/organisations'), writeLimit, async (c) => {
    const { db, now, publicUrl } = c.var.deps;
    const created = await createOrganisation(db, c.var.accountId, c.req.valid('json'), now());
    if (!created) return apiError(c, 409, 'slug_taken', 'Another organisation has this slug: choose another.');
    return c.json(presentOrganisation(created, 'owner', publicUrl), 201);
  })
  .get('/:id', documented('param', 'get /api/v1/organisations/{id}'), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    return c.json(presentOrganisation(found.organisation, found.role, c.var.deps.publicUrl), 200);
  })
  .patch('/:id', requireJson, documented('param', 'patch /api/v1/organisations/{id}'), documented('json', 'patch /api/v1/organisations/{id}'), writeLimit, async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const updated = await updateOrganisation(c.var.deps.db, found.organisation.id, c.req.valid('json'), c.var.deps.now());
    if (updated === 'slug_taken') return apiError(c, 409, 'slug_taken', 'Another organisation has this slug: choose another.');
    if (!updated) return apiError(c, 404, 'not_found', noSuchOrganisation(found.organisation.id));
    return c.json(presentOrganisation(updated, found.role, c.var.deps.publicUrl), 200);
  })
  .delete('/:id', documented('param', 'delete /api/v1/organisations/{id}'), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id, true);
    if (found instanceof Response) return found;
    await deleteOrganisation(c.var.deps.db, found.organisation.id);
    return c.body(null, 204);
  })
  .get('/:id/staff', documented('param', 'get /api/v1/organisations/{id}/staff'), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    return c.json({ items: await listStaff(c.var.deps.db, found.organisation.id) }, 200);
  })
  .delete('/:id/staff/:itemId', documented('param', 'delete /api/v1/organisations/{id}/staff/{itemId}'), async (c) => {
    const { id, itemId } = c.req.valid('param');
    const removed = await removeStaffAs(c.var.deps.db, id, c.var.accountId, itemId);
    return removed.ok ? c.body(null, 204) : refusal(c, removed);
  })
  .post('/:id/invitations', requireJson, documented('param', 'post /api/v1/organisations/{id}/invitations'), documented('json', 'post /api/v1/organisations/{id}/invitations'), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id, true);
    if (found instanceof Response) return found;
    const invitation = c.req.valid('json');
    const limited = await firstRateLimited(c, invitationLimits(found.organisation.id, invitation.email));
    if (limited) return apiError(c, 429, 'rate_limited', `Too many invitations lately. Try again in ${limited.wait} seconds.`);
    return c.json(await inviteColleague(c.var.deps, found.organisation, c.var.accountId, invitation), 201);
  })
  .get('/:id/roles', documented('param', 'get /api/v1/organisations/{id}/roles'), async (c) => listAnswer(c, rolePostings, c.req.valid('param').id))
  .post('/:id/roles', requireJson, documented('param', 'post /api/v1/organisations/{id}/roles'), documented('json', 'post /api/v1/organisations/{id}/roles'), writeLimit, async (c) =>
    saveAnswer(c, rolePostings, c.req.valid('param').id, null, c.req.valid('json')),
  )
  .put('/:id/roles/:itemId', requireJson, documented('param', 'put /api/v1/organisations/{id}/roles/{itemId}'), documented('json', 'put /api/v1/organisations/{id}/roles/{itemId}'), writeLimit, async (c) =>
    saveAnswer(c, rolePostings, c.req.valid('param').id, c.req.valid('param').itemId, c.req.valid('json')),
  )
  .delete('/:id/roles/:itemId', documented('param', 'delete /api/v1/organisations/{id}/roles/{itemId}'), async (c) => deleteAnswer(c, rolePostings, c.req.valid('param')))
  .get('/:id/courses', documented('param', 'get /api/v1/organisations/{id}/courses'), async (c) => listAnswer(c, coursePostings, c.req.valid('param').id))
  .post('/:id/courses', requireJson, documented('param', 'post /api/v1/organisations/{id}/courses'), documented('json', 'post /api/v1/organisations/{id}/courses'), writeLimit, async (c) =>
    saveAnswer(c, coursePostings, c.req.valid('param').id, null, c.req.valid('json')),
  )
  .put('/:id/courses/:itemId', requireJson, documented('param', 'put /api/v1/organisations/{id}/courses/{itemId}'), documented('json', 'put /api/v1/organisations/{id}/courses/{itemId}'), writeLimit, async (c) =>
    saveAnswer(c, coursePostings, c.req.valid('param').id, c.req.valid('param').itemId, c.req.valid('json')),
  )
  .delete('/:id/courses/:itemId', documented('param', 'delete /api/v1/organisations/{id}/courses/{itemId}'), async (c) => deleteAnswer(c, coursePostings, c.req.valid('param')));

async function listAnswer<Item, Body>(c: Ctx, postings: Postings<Item, Body>, organisationId: string) {
  const found = await staffOrganisation(c, organisationId);
  if (found instanceof Response) return found;
  const items = await postings.list(c.var.deps.db, found.organisation.id);
  const refs = await badgeRefs(c.var.deps, items.flatMap(postings.badgeIdsOf));
  return c.json({ items: items.map((item) => postings.present(item, refs)) }, 200);
}

/** Creates (itemId null, 201) or replaces (200) a role or a course. */
async function saveAnswer<Item, Body>(c: Ctx, postings: Postings<Item, Body>, organisationId: string, itemId: string | null, body: Body) {
  const found = await staffOrganisation(c, organisationId);
  if (found instanceof Response) return found;
  const saved = await postings.save(c.var.deps, found.organisation, itemId, body);
  if (!saved.ok) return refusal(c, saved);
  return c.json(postings.present(saved.item, await badgeRefs(c.var.deps, postings.badgeIdsOf(saved.item))), itemId === null ? 201 : 200);
}

async function deleteAnswer<Item, Body>(c: Ctx, postings: Postings<Item, Body>, { id, itemId }: { id: string; itemId: string }) {
  const found = await staffOrganisation(c, id);
  if (found instanceof Response) return found;
  if (!(await postings.remove(c.var.deps.db, id, itemId))) return apiError(c, 404, 'not_found', `No ${postings.noun} with id "${itemId}".`);
  return c.body(null, 204);
}

/** The signed-in earner's choices: found as a job seeker, as a student, the badges wanted, the place. */
export const optInsApiRoutes = new Hono<AppEnv>()
  .use(earnerAuth)
  .get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(presentOptIns(await getOptIns(c.var.deps.db, c.var.accountId), c.var.deps.publicUrl), 200);
  })
  .put('/', requireJson, documented('json', 'put /api/v1/me/opt-ins'), writeLimit, async (c) => {
    const body = c.req.valid('json');
    const problem = await refsProblem(c.var.deps, body.wantedBadgeIds);
    if (problem) return apiError(c, 422, 'unknown_badge', problem);
    return c.json(presentOptIns(await saveOptIns(c.var.deps.db, c.var.accountId, body, c.var.deps.now()), c.var.deps.publicUrl), 200);
  });

/** Matching in every direction, and contact through BadgeLens. */
export const matchApiRoutes = new Hono<AppEnv>()
  .use(rateLimit(MATCHING_RATE_LIMITS.matching))
  .get('/courses', documented('query', 'get /api/v1/match/courses'), async (c) => {
    const { badge, near } = c.req.valid('query');
    const badgeRef = (await badgeRefs(c.var.deps, [badge])).get(badge);
    if (!badgeRef) return apiError(c, 404, 'not_found', `No badge with id "${badge}".`);
    return c.json(await coursesFor(c.var.deps, badgeRef, near), 200);
  })
  .get('/related', documented('query', 'get /api/v1/match/related'), async (c) => {
    const badgeIds = [...new Set(c.req.valid('query').badges.split(','))];
    // Public data only, the same for everyone: browsers and proxies may keep it a few minutes.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await relatedTo(c.var.deps, badgeIds), 200);
  })
  .get('/candidates', earnerAuth, documented('query', 'get /api/v1/match/candidates'), async (c) => {
    const { role: roleId, limit } = c.req.valid('query');
    const role = await getRole(c.var.deps.db, roleId);
    const allowed = role && (await staffRole(c.var.deps.db, role.organisationId, c.var.accountId));
    if (!role || !allowed) return apiError(c, 404, 'not_found', `Your organisations have no role with id "${roleId}".`);
    c.header('Cache-Control', 'no-store');
    return c.json(await candidatesFor(c.var.deps, role, limit), 200);
  })
  .get('/roles', earnerAuth, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await rolesFor(c.var.deps, c.var.accountId), 200);
  })
  .get('/students', earnerAuth, documented('query', 'get /api/v1/match/students'), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('query').organisation);
    if (found instanceof Response) return found;
    if (found.organisation.kind !== 'school') return apiError(c, 409, 'not_a_school', 'Students are matched with schools.');
    c.header('Cache-Control', 'no-store');
    return c.json(await studentsFor(c.var.deps, found.organisation), 200);
  })
  .post('/contact', earnerAuth, requireJson, documented('json', 'post /api/v1/match/contact'), async (c) => {
    const { organisationId, candidateId, message } = c.req.valid('json');
    const found = await staffOrganisation(c, organisationId);
    if (found instanceof Response) return found;
    const limited = await firstRateLimited(c, [
      [MATCHING_RATE_LIMITS.contactSender, `account:${c.var.accountId}`],
      [MATCHING_RATE_LIMITS.contactRecipient, `person:${candidateId}`],
    ]);
    if (limited) return apiError(c, 429, 'rate_limited', `Too many messages lately. Try again in ${limited.wait} seconds.`);
    const outcome = await contactPerson(c.var.deps, { organisation: found.organisation, senderAccountId: c.var.accountId, candidateId, message });
    if (!outcome.ok) return apiError(c, outcome.status, outcome.code, outcome.message);
    return c.json({ id: outcome.id, state: 'sent' as const }, 201);
  });
