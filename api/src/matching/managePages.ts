// The pages an organisation's staff manage it with (/manage/organisations/:id/…): roles or courses,
// staff and invitations. They ask the same service functions as the JSON routes (service.ts), so the
// staff rules (owners and editors) and the checks on badges are the same for people and programs.
import { Hono, type Context } from 'hono';
import { courseBodySchema, entityIdSchema, invitationBodySchema, roleBodySchema, type CourseBody, type RoleBody } from '../../../shared/schemas/matching';
import { listBadgeClasses } from '../db/badgeClasses';
import { csrfFailure, pageGuard } from '../earners/accountRoutes';
import { csrfToken, csrfTokenMatches, parseForm, type FieldErrors } from '../earners/http';
import { requirePageAccount } from '../earners/portfolioRoutes';
import { firstRateLimited } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';
import { MessagePage } from '../pages/earner/parts';
import {
  CourseFormPage,
  OrganisationStaffPage,
  RoleFormPage,
  type BadgeOption,
  type CourseFormValues,
  type InvitationFormState,
  type ItemFormPageProps,
  type RoleFormValues,
} from '../pages/matching/ManageOrganisationPages';
import { listCourses, listRoles, listStaff, type Course, type Organisation, type Role } from './db';
import { MATCHING_RATE_LIMITS } from './rateLimits';
import { badgeRefs, coursePostings, invitationLimits, inviteColleague, presentCourse, presentRole, removeStaffAs, rolePostings, staffAccess, type Postings, type Refusal } from './service';

type Ctx = Context<AppEnv>;
type Account = { id: string; firstName: string };
type Staff = { account: Account; organisation: Organisation; role: 'owner' | 'editor' };
/** A posted form: its single fields, and the values of its multiple selects. */
type Form = { field: (name: string) => string; list: (name: string) => string[] };

/** Notices a redirect back to the organisation's page may ask for; never text taken from the URL. */
const NOTICES = {
  'role-saved': 'The role is saved.',
  'role-deleted': 'The role is deleted.',
  'course-saved': 'The course is saved.',
  'course-deleted': 'The course is deleted.',
  invited: 'The invitation is on its way. The link in it works once, for 7 days.',
  removed: 'The colleague is removed from the staff.',
} as const;

function refusalPage(c: Ctx, refusal: Refusal, signedInAs?: Account) {
  if (refusal.status === 404) return errorAnswer(c, 404, refusal.code, refusal.message, { pageMessage: 'There is no organisation (or item) of yours at this address.' });
  return c.html(MessagePage({ publicUrl: c.var.deps.publicUrl, title: 'This cannot be done', message: refusal.message, signedInAs, csrf: csrfToken(c) }), refusal.status);
}

/** The signed-in staff member and the organisation of the URL, or the answer that stops the request (login redirect, 404, 403). */
async function staffOf(c: Ctx, ownerOnly = false): Promise<Staff | Response> {
  const { signedIn, redirect } = await requirePageAccount(c);
  if (!signedIn) return redirect;
  const id = entityIdSchema.safeParse(c.req.param('id'));
  const access = id.success ? await staffAccess(c.var.deps.db, id.data, signedIn.account.id, ownerOnly) : null;
  if (!access) return refusalPage(c, { ok: false, status: 404, code: 'not_found', message: 'No organisation here.' });
  if (!access.ok) return refusalPage(c, access, signedIn.account);
  return { account: signedIn.account, organisation: access.organisation, role: access.role };
}

/** Like staffOf, for a form post: the form token is checked first, so a forged post changes nothing and learns nothing. */
async function staffPost(c: Ctx, ownerOnly = false): Promise<{ staff: Staff; form: Form } | Response> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const values = (name: string) => ([] as unknown[]).concat(body[name] ?? []).filter((value): value is string => typeof value === 'string');
  const form: Form = { field: (name) => values(name)[0] ?? '', list: (name) => [...new Set(values(name))] };
  if (!csrfTokenMatches(c, form.field('csrf'))) return csrfFailure(c);
  const staff = await staffOf(c, ownerOnly);
  return staff instanceof Response ? staff : { staff, form };
}

/** Counts a change against the account's organisation writes (as the JSON routes do); the wait in seconds, or 0. */
async function writeWait(c: Ctx, accountId: string): Promise<number> {
  return (await firstRateLimited(c, [[MATCHING_RATE_LIMITS.organisationWrites, `account:${accountId}`]]))?.wait ?? 0;
}

const tooMany = (wait: number) => `You changed organisations many times lately. Try again in ${wait} seconds.`;

/** Field errors keyed by the field's name (an error about one badge of a list belongs to the list). */
function errorsByField(errors: FieldErrors): FieldErrors {
  const byField: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) byField[path.split('.')[0]] ??= message;
  return byField;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

async function badgeOptions(c: Ctx): Promise<BadgeOption[]> {
  return (await listBadgeClasses(c.var.deps.db)).map((badge) => ({ id: badge.id, name: badge.name, requirements: badge.requirements.map(({ id, title, kind }) => ({ id, title, kind })) }));
}

async function organisationPage(c: Ctx, staff: Staff, extra: { invitation?: InvitationFormState; alert?: string; status?: 200 | 400 | 409 | 429 } = {}) {
  const { db, publicUrl } = c.var.deps;
  const { organisation } = staff;
  const [roles, courses, members] = await Promise.all([listRoles(db, organisation.id), listCourses(db, organisation.id), listStaff(db, organisation.id)]);
  const refs = await badgeRefs(c.var.deps, [...roles.flatMap((role) => [...role.required, ...role.preferred]), ...courses.flatMap((course) => course.badgeIds)]);
  const noticeKey = c.req.query('notice');
  return c.html(
    OrganisationStaffPage({
      publicUrl,
      csrf: csrfToken(c),
      signedInAs: staff.account,
      organisation,
      myRole: staff.role,
      roles: roles.map((role) => presentRole(role, refs)),
      courses: courses.map((course) => presentCourse(course, refs)),
      staff: members,
      invitation: extra.invitation ?? { values: { email: '', role: 'editor' }, errors: {} },
      notice: noticeKey && noticeKey in NOTICES ? NOTICES[noticeKey as keyof typeof NOTICES] : null,
      alert: extra.alert,
    }),
    extra.status ?? 200,
  );
}

const backTo = (c: Ctx, staff: Staff, notice: keyof typeof NOTICES) => c.redirect(`/manage/organisations/${staff.organisation.id}?notice=${notice}`, 303);

// Roles and courses share their flow (new, edit, save, delete); what differs is described once per kind.
interface FormState<V> {
  itemId: string | null;
  values: V;
  errors: FieldErrors;
  alert?: string;
}

interface ItemKind<V, Body, Item extends { id: string }> {
  path: 'roles' | 'courses';
  kind: Organisation['kind'];
  wrongKind: Refusal;
  blank: V;
  valuesOf: (item: Item) => V;
  valuesFrom: (form: Form) => V;
  parse: (values: V) => { ok: true; value: Body } | { ok: false; errors: FieldErrors };
  /** Its store, shared with the JSON routes. */
  postings: Postings<Item, Body>;
  render: (props: ItemFormPageProps<V>) => ReturnType<typeof RoleFormPage>;
  saved: keyof typeof NOTICES;
  deleted: keyof typeof NOTICES;
}

const roleKind: ItemKind<RoleFormValues, RoleBody, Role> = {
  path: 'roles',
  kind: 'company',
  wrongKind: { ok: false, status: 409, code: 'not_a_company', message: 'Only companies post roles; schools post courses.' },
  blank: { title: '', location: '', postingUrl: '', requiredBadgeIds: [], preferredBadgeIds: [] },
  valuesOf: (role) => ({ title: role.title, location: role.location, postingUrl: role.postingUrl ?? '', requiredBadgeIds: role.required, preferredBadgeIds: role.preferred }),
  valuesFrom: (form) => ({
    title: form.field('title'),
    location: form.field('location'),
    postingUrl: form.field('postingUrl'),
    requiredBadgeIds: form.list('requiredBadgeIds'),
    preferredBadgeIds: form.list('preferredBadgeIds'),
  }),
  parse: (values) => parseForm(roleBodySchema, { ...values, postingUrl: orNull(values.postingUrl) }),
  postings: rolePostings,
  render: RoleFormPage,
  saved: 'role-saved',
  deleted: 'role-deleted',
};

const courseKind: ItemKind<CourseFormValues, CourseBody, Course> = {
  path: 'courses',
  kind: 'school',
  wrongKind: { ok: false, status: 409, code: 'not_a_school', message: 'Only schools post courses; companies post roles.' },
  blank: { title: '', format: 'online', location: '', startsOn: '', endsOn: '', url: '', badgeIds: [], requirementIds: [] },
  valuesOf: (course) => ({
    title: course.title,
    format: course.format,
    location: course.location,
    startsOn: course.startsOn ?? '',
    endsOn: course.endsOn ?? '',
    url: course.url ?? '',
    badgeIds: course.badgeIds,
    requirementIds: course.requirementIds,
  }),
  valuesFrom: (form) => ({
    title: form.field('title'),
    format: form.field('format'),
    location: form.field('location'),
    startsOn: form.field('startsOn'),
    endsOn: form.field('endsOn'),
    url: form.field('url'),
    badgeIds: form.list('badgeIds'),
    requirementIds: form.list('requirementIds'),
  }),
  parse: (values) => parseForm(courseBodySchema, { ...values, startsOn: orNull(values.startsOn), endsOn: orNull(values.endsOn), url: orNull(values.url) }),
  postings: coursePostings,
  render: CourseFormPage,
  saved: 'course-saved',
  deleted: 'course-deleted',
};

async function formPage<V>(c: Ctx, kind: Pick<ItemKind<V, unknown, { id: string }>, 'render'>, staff: Staff, state: FormState<V>, status: 200 | 400 | 409 | 422 | 429 = 200) {
  const { itemId, values, errors, alert } = state;
  return c.html(kind.render({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), signedInAs: staff.account, organisation: staff.organisation, itemId, values, errors, alert, badges: await badgeOptions(c) }), status);
}

/** The item of the URL's organisation named by :itemId, or the answer that stops the request. */
async function itemOf<V, Body, Item extends { id: string }>(c: Ctx, kind: ItemKind<V, Body, Item>, staff: Staff): Promise<Item | Response> {
  const itemId = entityIdSchema.safeParse(c.req.param('itemId'));
  const item = itemId.success ? (await kind.postings.list(c.var.deps.db, staff.organisation.id)).find((candidate) => candidate.id === itemId.data) : undefined;
  return item ?? refusalPage(c, { ok: false, status: 404, code: 'not_found', message: `No such ${kind.postings.noun}.` }, staff.account);
}

/** GET …/new and …/:itemId/edit: the form, blank or with the stored item. */
async function showForm<V, Body, Item extends { id: string }>(c: Ctx, kind: ItemKind<V, Body, Item>, editing: boolean) {
  const staff = await staffOf(c);
  if (staff instanceof Response) return staff;
  if (staff.organisation.kind !== kind.kind) return refusalPage(c, kind.wrongKind, staff.account);
  if (!editing) return formPage(c, kind, staff, { itemId: null, values: kind.blank, errors: {} });
  const item = await itemOf(c, kind, staff);
  if (item instanceof Response) return item;
  return formPage(c, kind, staff, { itemId: item.id, values: kind.valuesOf(item), errors: {} });
}

/** POST …/roles or …/roles/:itemId (and courses): validates, saves through the service, or shows the form again with what was typed. */
async function saveItem<V, Body, Item extends { id: string }>(c: Ctx, kind: ItemKind<V, Body, Item>, editing: boolean) {
  const posted = await staffPost(c);
  if (posted instanceof Response) return posted;
  const { staff, form } = posted;
  if (staff.organisation.kind !== kind.kind) return refusalPage(c, kind.wrongKind, staff.account);
  let itemId: string | null = null;
  if (editing) {
    const item = await itemOf(c, kind, staff);
    if (item instanceof Response) return item;
    itemId = item.id;
  }
  const values = kind.valuesFrom(form);
  const again = (state: Omit<FormState<V>, 'itemId' | 'values'>, status: 400 | 409 | 422 | 429) => formPage(c, kind, staff, { itemId, values, ...state }, status);
  const wait = await writeWait(c, staff.account.id);
  if (wait > 0) return again({ errors: {}, alert: tooMany(wait) }, 429);
  const parsed = kind.parse(values);
  if (!parsed.ok) return again({ errors: errorsByField(parsed.errors) }, 400);
  const saved = await kind.postings.save(c.var.deps, staff.organisation, itemId, parsed.value);
  if (!saved.ok) return saved.status === 404 ? refusalPage(c, saved, staff.account) : again({ errors: {}, alert: saved.message }, saved.status === 422 ? 422 : 409);
  return backTo(c, staff, kind.saved);
}

async function deleteItem<V, Body, Item extends { id: string }>(c: Ctx, kind: ItemKind<V, Body, Item>) {
  const posted = await staffPost(c);
  if (posted instanceof Response) return posted;
  const { staff } = posted;
  const itemId = entityIdSchema.safeParse(c.req.param('itemId'));
  const wait = await writeWait(c, staff.account.id);
  if (wait > 0) return organisationPage(c, staff, { alert: tooMany(wait), status: 429 });
  if (!itemId.success || !(await kind.postings.remove(c.var.deps.db, staff.organisation.id, itemId.data))) {
    return refusalPage(c, { ok: false, status: 404, code: 'not_found', message: `No such ${kind.postings.noun}.` }, staff.account);
  }
  return backTo(c, staff, kind.deleted);
}

/** Mounted at /manage/organisations: one organisation's page for its staff, and its forms. */
export const organisationManagePageRoutes = new Hono<AppEnv>()
  .get('/:id', pageGuard, async (c) => {
    const staff = await staffOf(c);
    return staff instanceof Response ? staff : organisationPage(c, staff);
  })
  .get('/:id/roles/new', pageGuard, (c) => showForm(c, roleKind, false))
  .post('/:id/roles', pageGuard, (c) => saveItem(c, roleKind, false))
  .get('/:id/roles/:itemId/edit', pageGuard, (c) => showForm(c, roleKind, true))
  .post('/:id/roles/:itemId', pageGuard, (c) => saveItem(c, roleKind, true))
  .post('/:id/roles/:itemId/delete', pageGuard, (c) => deleteItem(c, roleKind))
  .get('/:id/courses/new', pageGuard, (c) => showForm(c, courseKind, false))
  .post('/:id/courses', pageGuard, (c) => saveItem(c, courseKind, false))
  .get('/:id/courses/:itemId/edit', pageGuard, (c) => showForm(c, courseKind, true))
  .post('/:id/courses/:itemId', pageGuard, (c) => saveItem(c, courseKind, true))
  .post('/:id/courses/:itemId/delete', pageGuard, (c) => deleteItem(c, courseKind))
  .post('/:id/invitations', pageGuard, async (c) => {
    const posted = await staffPost(c, true);
    if (posted instanceof Response) return posted;
    const { staff, form } = posted;
    const values = { email: form.field('email'), role: form.field('role') || 'editor' };
    const page = (state: Omit<InvitationFormState, 'values'>, status: 400 | 429) => organisationPage(c, staff, { invitation: { values, ...state }, status });
    const parsed = parseForm(invitationBodySchema, values);
    if (!parsed.ok) return page({ errors: errorsByField(parsed.errors) }, 400);
    const limited = await firstRateLimited(c, invitationLimits(staff.organisation.id, parsed.value.email));
    if (limited) return page({ errors: {}, alert: `Too many invitations lately. Try again in ${limited.wait} seconds.` }, 429);
    await inviteColleague(c.var.deps, staff.organisation, staff.account.id, parsed.value);
    return backTo(c, staff, 'invited');
  })
  .post('/:id/staff/:memberId/remove', pageGuard, async (c) => {
    const posted = await staffPost(c);
    if (posted instanceof Response) return posted;
    const { staff } = posted;
    const memberId = entityIdSchema.safeParse(c.req.param('memberId'));
    if (!memberId.success) return refusalPage(c, { ok: false, status: 404, code: 'not_found', message: 'No such staff member.' }, staff.account);
    const removed = await removeStaffAs(c.var.deps.db, staff.organisation.id, staff.account.id, memberId.data);
    if (!removed.ok) return removed.status === 409 ? organisationPage(c, staff, { alert: removed.message, status: 409 }) : refusalPage(c, removed, staff.account);
    if (memberId.data === staff.account.id) return c.redirect('/manage/organisations', 303);
    return backTo(c, staff, 'removed');
  });
