// Matching through badges: reads what the pure ranking functions need (shared/matching/rank.ts), asks
// them, and presents the results with badge names and links. People appear only while opted in, with
// their public name; nothing here ever returns an email address.
import { matchCourses, rankCandidates, rankRoles, studentsForBadges, type Candidate, type HeldBadge } from '../../../shared/matching/rank';
import { relatedCourses, relatedRoles } from '../../../shared/matching/related';
import { getAccount } from '../db/accounts';
import { getBadgeClassesInOrder } from '../db/badgeClasses';
import type { AppDeps } from '../http/env';
import { publicUrls } from '../lib/urls';
import { queueMail } from '../earners/mail';
import { recipientKey, type RateLimitRule } from '../earners/rateLimit';
import type { CourseBody, RoleBody } from '../../../shared/schemas/matching';
import type { StaffRole } from '../db/schemaMatching';
import {
  createContactMessage,
  createInvitation,
  deleteCourse,
  deleteRole,
  findDiscoverablePerson,
  getOrganisation,
  getOrganisations,
  getRole,
  knownBadgeIds,
  listCourses,
  listHeldBadges,
  listPublishedCoursesFor,
  listPublishedRoles,
  listPublishedRolesAsking,
  listRoles,
  listSeekerBadges,
  listStudentsWanting,
  removeStaff,
  requirementsOfBadges,
  saveCourse,
  saveRole,
  staffRole,
  type Course,
  type Organisation,
  type Role,
} from './db';
import { contactEmail, invitationEmail, matchingUrls } from './mail';
import { MATCHING_RATE_LIMITS } from './rateLimits';
import { transaction } from '../db/engine';

type Deps = Required<AppDeps>;

export interface BadgeRef {
  id: string;
  name: string;
  imageUrl: string;
  url: string;
}

/** Names, images and page links of badge classes, by id (unknown ids are left out). */
export async function badgeRefs(deps: Pick<Deps, 'db' | 'publicUrl'>, ids: Iterable<string>): Promise<Map<string, BadgeRef>> {
  const urls = publicUrls(deps.publicUrl);
  const classes = await getBadgeClassesInOrder(deps.db, [...new Set(ids)]);
  return new Map(classes.map((badge) => [badge.id, { id: badge.id, name: badge.name, imageUrl: urls.badgeClassImage(badge.id), url: urls.badgeClass(badge.id) }]));
}

const refsOf = (refs: Map<string, BadgeRef>, ids: readonly string[]) => ids.flatMap((id) => refs.get(id) ?? []);

export function presentOrganisation(organisation: Organisation, role: 'owner' | 'editor', publicUrl: string) {
  const { id, kind, name, slug, location, description, published } = organisation;
  return { id, kind, name, slug, location, description, published, pageUrl: matchingUrls(publicUrl).organisation(slug), role };
}

export function presentRole(role: Role, refs: Map<string, BadgeRef>) {
  const { id, organisationId, title, location, postingUrl } = role;
  return { id, organisationId, title, location, postingUrl, required: refsOf(refs, role.required), preferred: refsOf(refs, role.preferred) };
}

export function presentCourse(course: Course, refs: Map<string, BadgeRef>) {
  const { id, organisationId, title, format, location, startsOn, endsOn, url, requirementIds } = course;
  return { id, organisationId, title, format, location, startsOn, endsOn, url, badges: refsOf(refs, course.badgeIds), requirementIds };
}

/** Why a role's or course's badges and requirements cannot be stored, or null when they can. */
export async function refsProblem(deps: Pick<Deps, 'db'>, badgeIds: readonly string[], requirementIds: readonly string[] = []): Promise<string | null> {
  const known = await knownBadgeIds(deps.db, badgeIds);
  const unknown = badgeIds.filter((id) => !known.has(id));
  if (unknown.length > 0) return `No badge with id "${unknown[0]}".`;
  const options = await requirementsOfBadges(deps.db, badgeIds);
  const foreign = requirementIds.filter((id) => !options.has(id));
  if (foreign.length > 0) return `Requirement "${foreign[0]}" is not an option of any badge this course prepares for.`;
  return null;
}

function heldBadge(badgeClassId: string, expires: string | null, now: Date): HeldBadge {
  // Badges issued here are vouched for by their issuer; self-claimed ones (another branch) map to verified: false.
  return { badgeId: badgeClassId, verified: true, current: expires === null || Date.parse(expires) > now.getTime() };
}

/** The opted-in job seekers for a role, best first, with why and the required badges each one misses. */
export async function candidatesFor(deps: Deps, role: Role, limit: number) {
  const now = deps.now();
  const rows = await listSeekerBadges(deps.db, [...role.required, ...role.preferred]);
  const people = new Map<string, { publicId: string; name: string; location: string }>();
  const candidates = new Map<string, Candidate & { badges: HeldBadge[] }>();
  for (const row of rows) {
    if (!candidates.has(row.accountId)) {
      candidates.set(row.accountId, { id: row.accountId, badges: [] });
      people.set(row.accountId, { publicId: row.publicId, name: row.name, location: row.location });
    }
    candidates.get(row.accountId)!.badges.push(heldBadge(row.badgeClassId, row.expires, now));
  }
  const ranked = rankCandidates(role, [...candidates.values()]);
  const refs = await badgeRefs(deps, [...role.required, ...role.preferred]);
  const urls = matchingUrls(deps.publicUrl);
  return {
    role: { id: role.id, title: role.title },
    total: ranked.length,
    items: ranked.slice(0, limit).map(({ id, missingRequired, missingPreferred: _unused, ...fit }) => {
      const person = people.get(id)!;
      return { candidateId: person.publicId, name: person.name, location: person.location, pageUrl: urls.person(person.publicId), ...fit, missingRequired: refsOf(refs, missingRequired) };
    }),
  };
}

/** Where each badge can be earned: published schools' courses for it, and its requirement options. */
async function earnOptions(deps: Deps, badgeIds: readonly string[]) {
  const refs = await badgeRefs(deps, badgeIds);
  const urls = matchingUrls(deps.publicUrl);
  const options = [];
  for (const badgeId of badgeIds) {
    const badge = refs.get(badgeId);
    if (!badge) continue;
    const courses = await listPublishedCoursesFor(deps.db, [badgeId]);
    const organisations = new Map<string, Organisation>();
    for (const course of courses) if (!organisations.has(course.organisationId)) organisations.set(course.organisationId, (await getOrganisation(deps.db, course.organisationId))!);
    const requirements = await deps.db
      .selectFrom('badge_class_requirements')
      .innerJoin('requirements', 'requirements.id', 'badge_class_requirements.requirement_id')
      .select(['requirements.id', 'requirements.title', 'requirements.kind', 'requirements.url'])
      .where('badge_class_requirements.badge_class_id', '=', badgeId)
      .orderBy('badge_class_requirements.position')
      .execute();
    options.push({
      badge,
      courses: courses.map((course) => {
        const organisation = organisations.get(course.organisationId)!;
        return { id: course.id, title: course.title, organisation: organisation.name, organisationUrl: urls.organisation(organisation.slug), format: course.format, location: course.location, startsOn: course.startsOn };
      }),
      requirements: requirements.map((requirement) => ({ ...requirement, url: requirement.url === '' ? null : requirement.url })),
    });
  }
  return options;
}

/** For a job seeker: published companies' roles sharing a badge with them, best fit first, and where to earn what they miss. */
export async function rolesFor(deps: Deps, accountId: string) {
  const now = deps.now();
  const held = (await listHeldBadges(deps.db, accountId)).map((badge) => heldBadge(badge.badgeClassId, badge.expires, now));
  const roles = await listPublishedRoles(deps.db);
  const ranked = rankRoles(held, roles);
  const byId = new Map(roles.map((role) => [role.id, role]));
  const urls = matchingUrls(deps.publicUrl);
  const items = [];
  for (const { id, missingRequired, missingPreferred, ...fit } of ranked) {
    const role = byId.get(id)!;
    const organisation = (await getOrganisation(deps.db, role.organisationId))!;
    items.push({
      role: { id, title: role.title, location: role.location, postingUrl: role.postingUrl, organisation: organisation.name, organisationUrl: urls.organisation(organisation.slug) },
      ...fit,
      missing: await earnOptions(deps, [...missingRequired, ...missingPreferred]),
    });
  }
  return { items };
}

/** For a student: published schools' courses leading to the badge, online or near `near`, not over yet. */
export async function coursesFor(deps: Deps, badge: BadgeRef, near: string | undefined) {
  const courses = await listPublishedCoursesFor(deps.db, [badge.id]);
  const today = deps.now().toISOString().slice(0, 10);
  const matches = matchCourses(courses, { badgeId: badge.id, near, today });
  const byId = new Map(courses.map((course) => [course.id, course]));
  const refs = await badgeRefs(deps, courses.flatMap((course) => course.badgeIds));
  const urls = matchingUrls(deps.publicUrl);
  const items = [];
  for (const match of matches) {
    const course = byId.get(match.id)!;
    const organisation = (await getOrganisation(deps.db, course.organisationId))!;
    items.push({ ...presentCourse(course, refs), organisation: organisation.name, organisationUrl: urls.organisation(organisation.slug), where: match.explanation });
  }
  return { badge, items };
}

/**
 * For the extension's job panel: the published roles asking for a posting's badges and the courses leading
 * to them (not over yet), most related first. Unknown badge ids are ignored: the browser's vocabulary may be
 * a day old.
 */
export async function relatedTo(deps: Deps, badgeIds: readonly string[]) {
  const [roles, courses] = await Promise.all([listPublishedRolesAsking(deps.db, badgeIds), listPublishedCoursesFor(deps.db, badgeIds)]);
  const today = deps.now().toISOString().slice(0, 10);
  const rankedRoles = relatedRoles(badgeIds, roles);
  const rankedCourses = relatedCourses(badgeIds, courses, today);
  const rolesById = new Map(roles.map((role) => [role.id, role]));
  const coursesById = new Map(courses.map((course) => [course.id, course]));
  const organisationIds = [...rankedRoles.map(({ id }) => rolesById.get(id)!.organisationId), ...rankedCourses.map(({ id }) => coursesById.get(id)!.organisationId)];
  const organisations = await getOrganisations(deps.db, organisationIds);
  const urls = matchingUrls(deps.publicUrl);
  const by = (organisationId: string) => {
    const organisation = organisations.get(organisationId)!;
    return { organisation: organisation.name, organisationUrl: urls.organisation(organisation.slug) };
  };
  return {
    roles: rankedRoles.map(({ id, badgeIds: asksFor }) => {
      const { title, location, postingUrl, organisationId } = rolesById.get(id)!;
      return { id, title, location, postingUrl, ...by(organisationId), badgeIds: asksFor };
    }),
    courses: rankedCourses.map(({ id, badgeIds: leadsTo }) => {
      const { title, format, location, startsOn, endsOn, url, organisationId } = coursesById.get(id)!;
      return { id, title, format, location, startsOn, endsOn, url, ...by(organisationId), badgeIds: leadsTo };
    }),
  };
}

/** For a school: the opted-in students wanting badges its courses cover (count per badge, and who). */
export async function studentsFor(deps: Deps, organisation: Organisation) {
  const covered = [...new Set((await listCourses(deps.db, organisation.id)).flatMap((course) => course.badgeIds))];
  const students = await listStudentsWanting(deps.db, covered);
  const result = studentsForBadges(covered, students.map((student) => ({ id: student.accountId, wantedBadgeIds: student.wanted })));
  const refs = await badgeRefs(deps, covered);
  const urls = matchingUrls(deps.publicUrl);
  return {
    total: result.total,
    perBadge: covered.flatMap((badgeId) => (refs.has(badgeId) ? [{ badge: refs.get(badgeId)!, students: result.perBadge.get(badgeId)! }] : [])),
    items: students.map((student) => ({ candidateId: student.publicId, name: student.name, location: student.location, pageUrl: urls.person(student.publicId), wants: student.wanted })),
  };
}

export type ContactOutcome = { ok: true; id: string } | { ok: false; status: 404 | 409; code: string; message: string };

/**
 * Sends a message from an organisation's staff member to a discoverable person: stored, and emailed to
 * the person with a link to answer or ignore, in one transaction. The sender never learns the address.
 */
export async function contactPerson(deps: Deps, input: { organisation: Organisation; senderAccountId: string; candidateId: string; message: string }): Promise<ContactOutcome> {
  const { organisation } = input;
  if (!organisation.published) return { ok: false, status: 409, code: 'organisation_unpublished', message: 'Publish the organisation first: people see who writes to them.' };
  const person = await findDiscoverablePerson(deps.db, input.candidateId);
  const wanted = person && (organisation.kind === 'company' ? person.jobSeeker : person.student);
  if (!person || !wanted) return { ok: false, status: 404, code: 'not_found', message: `No ${organisation.kind === 'company' ? 'job seeker' : 'student'} with id "${input.candidateId}".` };
  const account = await getAccount(deps.db, person.accountId);
  if (!account) return { ok: false, status: 404, code: 'not_found', message: `No person with id "${input.candidateId}".` };
  const now = deps.now();
  const created = await transaction(deps.db, async (db) => {
    const stored = await createContactMessage(db, { organisationId: organisation.id, senderAccountId: input.senderAccountId, recipientAccountId: account.id, body: input.message }, now);
    const mail = contactEmail({ to: account.email, firstName: account.firstName, organisationName: organisation.name, message: input.message, url: matchingUrls(deps.publicUrl).contact(stored.token) });
    await queueMail({ ...deps, db }, mail, now);
    return stored;
  });
  return { ok: true, id: created.id };
}

/**
 * Why a staff action is refused, for the JSON routes (as an error body) and the pages (as a page) alike.
 * Staff rules: any staff member (owner or editor) manages roles and courses; only an owner invites or
 * removes someone else; anyone may leave; an organisation keeps at least one owner.
 */
export type Refusal = { ok: false; status: 403 | 404 | 409 | 422; code: string; message: string };

const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({ ok: false, status, code, message });

export const noSuchOrganisation = (id: string) => `You are on the staff of no organisation with id "${id}".`;

/** The organisation when the account is on its staff (as owner, when `ownerOnly`); others' ids are refused like unknown ones (404). */
export async function staffAccess(db: Deps['db'], organisationId: string, accountId: string, ownerOnly = false): Promise<{ ok: true; organisation: Organisation; role: StaffRole } | Refusal> {
  const role = await staffRole(db, organisationId, accountId);
  const organisation = role ? await getOrganisation(db, organisationId) : null;
  if (!role || !organisation) return refuse(404, 'not_found', noSuchOrganisation(organisationId));
  if (ownerOnly && role !== 'owner') return refuse(403, 'owner_only', 'Only an owner of the organisation may do this.');
  return { ok: true, organisation, role };
}

/** Creates (roleId null) or replaces a company's role, once its badges are known badge classes. */
export async function saveRoleOf(deps: Deps, organisation: Organisation, roleId: string | null, body: RoleBody): Promise<{ ok: true; item: Role } | Refusal> {
  if (organisation.kind !== 'company') return refuse(409, 'not_a_company', 'Only companies post roles; schools post courses.');
  const problem = await refsProblem(deps, [...body.requiredBadgeIds, ...body.preferredBadgeIds]);
  if (problem) return refuse(422, 'unknown_badge', problem);
  const role = await saveRole(deps.db, organisation.id, roleId, body, deps.now());
  return role ? { ok: true, item: role } : refuse(404, 'not_found', `No role with id "${roleId}".`);
}

/** Creates (courseId null) or replaces a school's course, once its badges and requirement options are known. */
export async function saveCourseOf(deps: Deps, organisation: Organisation, courseId: string | null, body: CourseBody): Promise<{ ok: true; item: Course } | Refusal> {
  if (organisation.kind !== 'school') return refuse(409, 'not_a_school', 'Only schools post courses; companies post roles.');
  const problem = await refsProblem(deps, body.badgeIds, body.requirementIds);
  if (problem) return refuse(422, 'unknown_badge', problem);
  const course = await saveCourse(deps.db, organisation.id, courseId, body, deps.now());
  return course ? { ok: true, item: course } : refuse(404, 'not_found', `No course with id "${courseId}".`);
}

/** What the JSON routes and the staff pages do alike with a company's roles and a school's courses, each with its own store and shape. */
export interface Postings<Item, Body> {
  noun: 'role' | 'course';
  list: (db: Deps['db'], organisationId: string) => Promise<Item[]>;
  save: (deps: Deps, organisation: Organisation, itemId: string | null, body: Body) => Promise<{ ok: true; item: Item } | Refusal>;
  remove: (db: Deps['db'], organisationId: string, itemId: string) => Promise<boolean>;
  badgeIdsOf: (item: Item) => string[];
  present: (item: Item, refs: Map<string, BadgeRef>) => object;
}

export const rolePostings: Postings<Role, RoleBody> = {
  noun: 'role',
  list: listRoles,
  save: saveRoleOf,
  remove: deleteRole,
  badgeIdsOf: (role) => [...role.required, ...role.preferred],
  present: presentRole,
};

export const coursePostings: Postings<Course, CourseBody> = {
  noun: 'course',
  list: listCourses,
  save: saveCourseOf,
  remove: deleteCourse,
  badgeIdsOf: (course) => course.badgeIds,
  present: presentCourse,
};

/** Removes `memberId` from the staff: anyone may leave, only an owner removes someone else, and the last owner stays. */
export async function removeStaffAs(db: Deps['db'], organisationId: string, actorId: string, memberId: string): Promise<{ ok: true } | Refusal> {
  const access = await staffAccess(db, organisationId, actorId, memberId !== actorId);
  if (!access.ok) return access;
  const outcome = await removeStaff(db, organisationId, memberId);
  if (outcome === 'not_staff') return refuse(404, 'not_found', `No staff member with id "${memberId}".`);
  if (outcome === 'last_owner') return refuse(409, 'last_owner', 'An organisation keeps at least one owner: make someone else owner first, or delete the organisation.');
  return { ok: true };
}

/** The rate-limit counters an invitation counts against: per organisation, and per invited address. */
export function invitationLimits(organisationId: string, email: string): [RateLimitRule, string][] {
  return [
    [MATCHING_RATE_LIMITS.invitationOrganisation, `organisation:${organisationId}`],
    [MATCHING_RATE_LIMITS.invitationRecipient, recipientKey(email)],
  ];
}

/** Stores an invitation to the staff and queues its email (with the one-time link), together. */
export async function inviteColleague(deps: Deps, organisation: Organisation, inviterAccountId: string, invitation: { email: string; role: StaffRole }) {
  const inviter = await getAccount(deps.db, inviterAccountId);
  const now = deps.now();
  const { email, role } = invitation;
  const created = await transaction(deps.db, async (db) => {
    const stored = await createInvitation(db, organisation.id, email, role, inviterAccountId, now);
    const url = matchingUrls(deps.publicUrl).invitation(stored.token);
    await queueMail({ ...deps, db }, invitationEmail({ to: email, inviterName: `${inviter?.firstName ?? ''} ${inviter?.lastName ?? ''}`.trim(), organisationName: organisation.name, role, url }), now);
    return stored;
  });
  return { email, role, expiresAt: created.expiresAt };
}

export { getRole };
