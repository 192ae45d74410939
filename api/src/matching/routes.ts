import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  candidatesQuerySchema,
  contactBodySchema,
  courseBodySchema,
  coursesQuerySchema,
  invitationBodySchema,
  optInsBodySchema,
  organisationBodySchema,
  organisationItemParamSchema,
  organisationParamSchema,
  organisationPatchSchema,
  relatedQuerySchema,
  roleBodySchema,
  studentsQuerySchema,
} from '../../../shared/schemas/matching';
import { getAccount } from '../db/accounts';
import { transaction } from '../db/engine';
import { earnerAuth } from '../earners/http';
import { queueMail } from '../earners/mail';
import { firstRateLimited, rateLimit, recipientKey } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { apiError, validate } from '../http/errors';
import { requireJson } from '../http/jsonInput';
import {
  createInvitation,
  createOrganisation,
  deleteCourse,
  deleteOrganisation,
  deleteRole,
  getOptIns,
  getOrganisation,
  getRole,
  listCourses,
  listOrganisationsOf,
  listRoles,
  listStaff,
  removeStaff,
  saveCourse,
  saveOptIns,
  saveRole,
  staffRole,
  updateOrganisation,
  type Organisation,
  type OptIns,
} from './db';
import { invitationEmail, matchingUrls } from './mail';
import { MATCHING_RATE_LIMITS } from './rateLimits';
import { badgeRefs, candidatesFor, contactPerson, coursesFor, presentCourse, presentOrganisation, presentRole, refsProblem, relatedTo, rolesFor, studentsFor } from './service';

type Ctx = Context<AppEnv>;

const noSuchOrganisation = (id: string) => `You are on the staff of no organisation with id "${id}".`;

/** The organisation `id` when the signed-in earner is on its staff (as owner, when `ownerOnly`); others' ids answer 404 like unknown ones. */
async function staffOrganisation(c: Ctx, id: string, ownerOnly = false): Promise<{ organisation: Organisation; role: 'owner' | 'editor' } | Response> {
  const { db } = c.var.deps;
  const role = await staffRole(db, id, c.var.accountId);
  const organisation = role ? await getOrganisation(db, id) : null;
  if (!role || !organisation) return apiError(c, 404, 'not_found', noSuchOrganisation(id));
  if (ownerOnly && role !== 'owner') return apiError(c, 403, 'owner_only', 'Only an owner of the organisation may do this.');
  return { organisation, role };
}

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
  .post('/', requireJson, validate('json', organisationBodySchema), writeLimit, async (c) => {
    const { db, now, publicUrl } = c.var.deps;
    const created = await createOrganisation(db, c.var.accountId, c.req.valid('json'), now());
    if (!created) return apiError(c, 409, 'slug_taken', 'Another organisation has this slug: choose another.');
    return c.json(presentOrganisation(created, 'owner', publicUrl), 201);
  })
  .get('/:id', validate('param', organisationParamSchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    return c.json(presentOrganisation(found.organisation, found.role, c.var.deps.publicUrl), 200);
  })
  .patch('/:id', requireJson, validate('param', organisationParamSchema), validate('json', organisationPatchSchema), writeLimit, async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const updated = await updateOrganisation(c.var.deps.db, found.organisation.id, c.req.valid('json'), c.var.deps.now());
    if (updated === 'slug_taken') return apiError(c, 409, 'slug_taken', 'Another organisation has this slug: choose another.');
    if (!updated) return apiError(c, 404, 'not_found', noSuchOrganisation(found.organisation.id));
    return c.json(presentOrganisation(updated, found.role, c.var.deps.publicUrl), 200);
  })
  .delete('/:id', validate('param', organisationParamSchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id, true);
    if (found instanceof Response) return found;
    await deleteOrganisation(c.var.deps.db, found.organisation.id);
    return c.body(null, 204);
  })
  .get('/:id/staff', validate('param', organisationParamSchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    return c.json({ items: await listStaff(c.var.deps.db, found.organisation.id) }, 200);
  })
  .delete('/:id/staff/:itemId', validate('param', organisationItemParamSchema), async (c) => {
    const { id, itemId } = c.req.valid('param');
    // Anyone may leave; only an owner removes someone else.
    const found = await staffOrganisation(c, id, itemId !== c.var.accountId);
    if (found instanceof Response) return found;
    const outcome = await removeStaff(c.var.deps.db, id, itemId);
    if (outcome === 'not_staff') return apiError(c, 404, 'not_found', `No staff member with id "${itemId}".`);
    if (outcome === 'last_owner') return apiError(c, 409, 'last_owner', 'An organisation keeps at least one owner: make someone else owner first, or delete the organisation.');
    return c.body(null, 204);
  })
  .post('/:id/invitations', requireJson, validate('param', organisationParamSchema), validate('json', invitationBodySchema), async (c) => {
    const deps = c.var.deps;
    const found = await staffOrganisation(c, c.req.valid('param').id, true);
    if (found instanceof Response) return found;
    const { email, role } = c.req.valid('json');
    const limited = await firstRateLimited(c, [
      [MATCHING_RATE_LIMITS.invitationOrganisation, `organisation:${found.organisation.id}`],
      [MATCHING_RATE_LIMITS.invitationRecipient, recipientKey(email)],
    ]);
    if (limited) return apiError(c, 429, 'rate_limited', `Too many invitations lately. Try again in ${limited.wait} seconds.`);
    const inviter = await getAccount(deps.db, c.var.accountId);
    const now = deps.now();
    const invitation = await transaction(deps.db, async (db) => {
      const created = await createInvitation(db, found.organisation.id, email, role, c.var.accountId, now);
      const url = matchingUrls(deps.publicUrl).invitation(created.token);
      await queueMail({ ...deps, db }, invitationEmail({ to: email, inviterName: `${inviter?.firstName ?? ''} ${inviter?.lastName ?? ''}`.trim(), organisationName: found.organisation.name, role, url }), now);
      return created;
    });
    return c.json({ email, role, expiresAt: invitation.expiresAt }, 201);
  })
  .get('/:id/roles', validate('param', organisationParamSchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const roles = await listRoles(c.var.deps.db, found.organisation.id);
    const refs = await badgeRefs(c.var.deps, roles.flatMap((role) => [...role.required, ...role.preferred]));
    return c.json({ items: roles.map((role) => presentRole(role, refs)) }, 200);
  })
  .post('/:id/roles', requireJson, validate('param', organisationParamSchema), validate('json', roleBodySchema), writeLimit, async (c) => saveRoleAnswer(c, c.req.valid('param').id, null, c.req.valid('json')))
  .put('/:id/roles/:itemId', requireJson, validate('param', organisationItemParamSchema), validate('json', roleBodySchema), writeLimit, async (c) =>
    saveRoleAnswer(c, c.req.valid('param').id, c.req.valid('param').itemId, c.req.valid('json')),
  )
  .delete('/:id/roles/:itemId', validate('param', organisationItemParamSchema), async (c) => {
    const { id, itemId } = c.req.valid('param');
    const found = await staffOrganisation(c, id);
    if (found instanceof Response) return found;
    if (!(await deleteRole(c.var.deps.db, id, itemId))) return apiError(c, 404, 'not_found', `No role with id "${itemId}".`);
    return c.body(null, 204);
  })
  .get('/:id/courses', validate('param', organisationParamSchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('param').id);
    if (found instanceof Response) return found;
    const courses = await listCourses(c.var.deps.db, found.organisation.id);
    const refs = await badgeRefs(c.var.deps, courses.flatMap((course) => course.badgeIds));
    return c.json({ items: courses.map((course) => presentCourse(course, refs)) }, 200);
  })
  .post('/:id/courses', requireJson, validate('param', organisationParamSchema), validate('json', courseBodySchema), writeLimit, async (c) => saveCourseAnswer(c, c.req.valid('param').id, null, c.req.valid('json')))
  .put('/:id/courses/:itemId', requireJson, validate('param', organisationItemParamSchema), validate('json', courseBodySchema), writeLimit, async (c) =>
    saveCourseAnswer(c, c.req.valid('param').id, c.req.valid('param').itemId, c.req.valid('json')),
  )
  .delete('/:id/courses/:itemId', validate('param', organisationItemParamSchema), async (c) => {
    const { id, itemId } = c.req.valid('param');
    const found = await staffOrganisation(c, id);
    if (found instanceof Response) return found;
    if (!(await deleteCourse(c.var.deps.db, id, itemId))) return apiError(c, 404, 'not_found', `No course with id "${itemId}".`);
    return c.body(null, 204);
  });

async function saveRoleAnswer(c: Ctx, organisationId: string, roleId: string | null, body: Parameters<typeof saveRole>[3]) {
  const found = await staffOrganisation(c, organisationId);
  if (found instanceof Response) return found;
  if (found.organisation.kind !== 'company') return apiError(c, 409, 'not_a_company', 'Only companies post roles; schools post courses.');
  const problem = await refsProblem(c.var.deps, [...body.requiredBadgeIds, ...body.preferredBadgeIds]);
  if (problem) return apiError(c, 422, 'unknown_badge', problem);
  const role = await saveRole(c.var.deps.db, organisationId, roleId, body, c.var.deps.now());
  if (!role) return apiError(c, 404, 'not_found', `No role with id "${roleId}".`);
  return c.json(presentRole(role, await badgeRefs(c.var.deps, [...role.required, ...role.preferred])), roleId === null ? 201 : 200);
}

async function saveCourseAnswer(c: Ctx, organisationId: string, courseId: string | null, body: Parameters<typeof saveCourse>[3]) {
  const found = await staffOrganisation(c, organisationId);
  if (found instanceof Response) return found;
  if (found.organisation.kind !== 'school') return apiError(c, 409, 'not_a_school', 'Only schools post courses; companies post roles.');
  const problem = await refsProblem(c.var.deps, body.badgeIds, body.requirementIds);
  if (problem) return apiError(c, 422, 'unknown_badge', problem);
  const course = await saveCourse(c.var.deps.db, organisationId, courseId, body, c.var.deps.now());
  if (!course) return apiError(c, 404, 'not_found', `No course with id "${courseId}".`);
  return c.json(presentCourse(course, await badgeRefs(c.var.deps, course.badgeIds)), courseId === null ? 201 : 200);
}

/** The signed-in earner's choices: found as a job seeker, as a student, the badges wanted, the place. */
export const optInsApiRoutes = new Hono<AppEnv>()
  .use(earnerAuth)
  .get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(presentOptIns(await getOptIns(c.var.deps.db, c.var.accountId), c.var.deps.publicUrl), 200);
  })
  .put('/', requireJson, validate('json', optInsBodySchema), writeLimit, async (c) => {
    const body = c.req.valid('json');
    const problem = await refsProblem(c.var.deps, body.wantedBadgeIds);
    if (problem) return apiError(c, 422, 'unknown_badge', problem);
    return c.json(presentOptIns(await saveOptIns(c.var.deps.db, c.var.accountId, body, c.var.deps.now()), c.var.deps.publicUrl), 200);
  });

/** Matching in every direction, and contact through BadgeLens. */
export const matchApiRoutes = new Hono<AppEnv>()
  .use(rateLimit(MATCHING_RATE_LIMITS.matching))
  .get('/courses', validate('query', coursesQuerySchema), async (c) => {
    const { badge, near } = c.req.valid('query');
    const badgeRef = (await badgeRefs(c.var.deps, [badge])).get(badge);
    if (!badgeRef) return apiError(c, 404, 'not_found', `No badge with id "${badge}".`);
    return c.json(await coursesFor(c.var.deps, badgeRef, near), 200);
  })
  .get('/related', validate('query', relatedQuerySchema), async (c) => {
    const badgeIds = [...new Set(c.req.valid('query').badges.split(','))];
    // Public data only, the same for everyone: browsers and proxies may keep it a few minutes.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await relatedTo(c.var.deps, badgeIds), 200);
  })
  .get('/candidates', earnerAuth, validate('query', candidatesQuerySchema), async (c) => {
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
  .get('/students', earnerAuth, validate('query', studentsQuerySchema), async (c) => {
    const found = await staffOrganisation(c, c.req.valid('query').organisation);
    if (found instanceof Response) return found;
    if (found.organisation.kind !== 'school') return apiError(c, 409, 'not_a_school', 'Students are matched with schools.');
    c.header('Cache-Control', 'no-store');
    return c.json(await studentsFor(c.var.deps, found.organisation), 200);
  })
  .post('/contact', earnerAuth, requireJson, validate('json', contactBodySchema), async (c) => {
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
