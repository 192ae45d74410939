// The data of organisations, their staff, roles and courses, earners' opt-ins and contact messages
// (tables of migration 015), over the async Kysely layer: SQLite and PostgreSQL alike.
import type { Selectable } from 'kysely';
import type { CourseBody, OptInsBody, OrganisationBody, OrganisationPatch, RoleBody } from '../../../shared/schemas/matching';
import { transaction, type Db } from '../db/engine';
import type { ContactState, CourseFormat, OrganisationKind, OrganisationsTable, StaffRole } from '../db/schemaMatching';
import { checkOneTimeSecret, newSecretToken, parseSecretToken, secretMatches } from '../earners/secrets';
import { normaliseEmail, randomId } from '../lib/crypto';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  slug: string;
  location: string;
  description: string;
  published: boolean;
  createdAt: string;
  updatedAt: string;
}

function organisationFromRow(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    slug: row.slug,
    location: row.location,
    description: row.description,
    published: row.published === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates the organisation with `accountId` as its owner; null when the slug is taken. */
export async function createOrganisation(db: Db, accountId: string, body: OrganisationBody, now = new Date()): Promise<Organisation | null> {
  const at = now.toISOString();
  const id = randomId(12);
  return transaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('organisations')
      .values({ id, kind: body.kind, name: body.name, slug: body.slug, location: body.location, description: body.description, published: body.published ? 1 : 0, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) return null;
    await trx.insertInto('organisation_staff').values({ organisation_id: id, account_id: accountId, role: 'owner', created_at: at }).execute();
    return organisationFromRow(inserted);
  });
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | null> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? organisationFromRow(row) : null;
}

/** The organisations with these ids, by id (unknown ids are left out). */
export async function getOrganisations(db: Db, ids: readonly string[]): Promise<Map<string, Organisation>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, organisationFromRow(row)]));
}

export async function getOrganisationBySlug(db: Db, slug: string): Promise<Organisation | null> {
  const row = await db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? organisationFromRow(row) : null;
}

export async function listPublishedOrganisations(db: Db): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().where('published', '=', 1).orderBy('name').execute();
  return rows.map(organisationFromRow);
}

/** The account's role in the organisation, or null when it is not on its staff. */
export async function staffRole(db: Db, organisationId: string, accountId: string): Promise<StaffRole | null> {
  const row = await db.selectFrom('organisation_staff').select('role').where('organisation_id', '=', organisationId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.role ?? null;
}

export async function listOrganisationsOf(db: Db, accountId: string): Promise<(Organisation & { role: StaffRole })[]> {
  const rows = await db
    .selectFrom('organisations')
    .innerJoin('organisation_staff', 'organisation_staff.organisation_id', 'organisations.id')
    .selectAll('organisations')
    .select('organisation_staff.role')
    .where('organisation_staff.account_id', '=', accountId)
    .orderBy('organisations.name')
    .execute();
  return rows.map((row) => ({ ...organisationFromRow(row), role: row.role }));
}

/** Updates the organisation; null when it is gone, 'slug_taken' when the new slug belongs to another. */
export async function updateOrganisation(db: Db, id: string, patch: OrganisationPatch, now = new Date()): Promise<Organisation | null | 'slug_taken'> {
  if (patch.slug !== undefined) {
    const holder = await db.selectFrom('organisations').select('id').where('slug', '=', patch.slug).executeTakeFirst();
    if (holder && holder.id !== id) return 'slug_taken';
  }
  const { published, ...rest } = patch;
  const row = await db
    .updateTable('organisations')
    .set({ ...rest, ...(published !== undefined ? { published: published ? 1 : 0 } : {}), updated_at: now.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? organisationFromRow(row) : null;
}

export async function deleteOrganisation(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('organisations').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export interface StaffMember {
  accountId: string;
  name: string;
  role: StaffRole;
}

export async function listStaff(db: Db, organisationId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('organisation_staff')
    .innerJoin('accounts', 'accounts.id', 'organisation_staff.account_id')
    .select(['organisation_staff.account_id', 'organisation_staff.role', 'accounts.first_name', 'accounts.last_name'])
    .where('organisation_staff.organisation_id', '=', organisationId)
    .orderBy('organisation_staff.created_at')
    .execute();
  return rows.map((row) => ({ accountId: row.account_id, name: `${row.first_name} ${row.last_name}`.trim(), role: row.role }));
}

/** Removes a staff member unless they are its last owner (one statement, so two removals cannot both pass the check on one engine). */
export async function removeStaff(db: Db, organisationId: string, accountId: string): Promise<'removed' | 'last_owner' | 'not_staff'> {
  const result = await db
    .deleteFrom('organisation_staff')
    .where('organisation_id', '=', organisationId)
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('role', '=', 'editor'),
        eb(eb.selectFrom('organisation_staff as owners').select((inner) => inner.fn.countAll<number>().as('owners')).where('owners.organisation_id', '=', organisationId).where('owners.role', '=', 'owner'), '>', 1),
      ]),
    )
    .executeTakeFirst();
  if (result.numDeletedRows === 1n) return 'removed';
  return (await staffRole(db, organisationId, accountId)) ? 'last_owner' : 'not_staff';
}

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Stores an invitation (its secret hashed) and returns the token for the link, once. */
export async function createInvitation(db: Db, organisationId: string, email: string, role: StaffRole, invitedBy: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const secret = newSecretToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString();
  await db
    .insertInto('organisation_invitations')
    .values({ id: secret.id, secret_hash: secret.secretHash, organisation_id: organisationId, email: normaliseEmail(email), role, invited_by: invitedBy, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { token: secret.token, expiresAt };
}

export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
  role: StaffRole;
}

export async function checkInvitation(db: Db, token: string, now = new Date()): Promise<{ ok: true; invitation: Invitation } | { ok: false; reason: 'invalid' | 'expired' | 'used' }> {
  const check = await checkOneTimeSecret(token, (id) => db.selectFrom('organisation_invitations').selectAll().where('id', '=', id).executeTakeFirst(), now);
  if (!check.ok) return check;
  const { row } = check;
  return { ok: true, invitation: { id: row.id, organisationId: row.organisation_id, email: row.email, role: row.role } };
}

/** Uses the invitation up and puts the account on the staff, together; false when it was used meanwhile. */
export async function acceptInvitation(db: Db, invitation: Invitation, accountId: string, now = new Date()): Promise<boolean> {
  return transaction(db, async (trx) => {
    const used = await trx.updateTable('organisation_invitations').set({ used_at: now.toISOString() }).where('id', '=', invitation.id).where('used_at', 'is', null).executeTakeFirst();
    if (used.numUpdatedRows !== 1n) return false;
    await trx
      .insertInto('organisation_staff')
      .values({ organisation_id: invitation.organisationId, account_id: accountId, role: invitation.role, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['organisation_id', 'account_id']).doNothing())
      .execute();
    return true;
  });
}

/** Which of these ids are badge classes of this server. */
export async function knownBadgeIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('badge_classes').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** The requirement ids that are options of at least one of these badge classes. */
export async function requirementsOfBadges(db: Db, badgeIds: readonly string[]): Promise<Set<string>> {
  if (badgeIds.length === 0) return new Set();
  const rows = await db.selectFrom('badge_class_requirements').select('requirement_id').where('badge_class_id', 'in', badgeIds).execute();
  return new Set(rows.map((row) => row.requirement_id));
}

export interface Role {
  id: string;
  organisationId: string;
  title: string;
  location: string;
  postingUrl: string | null;
  required: string[];
  preferred: string[];
}

async function roleBadges(db: Db, roleIds: readonly string[]): Promise<Map<string, { required: string[]; preferred: string[] }>> {
  const byRole = new Map(roleIds.map((id) => [id, { required: [] as string[], preferred: [] as string[] }]));
  if (roleIds.length === 0) return byRole;
  const rows = await db.selectFrom('organisation_role_badges').selectAll().where('role_id', 'in', roleIds).orderBy('badge_class_id').execute();
  for (const row of rows) byRole.get(row.role_id)![row.need].push(row.badge_class_id);
  return byRole;
}

async function rolesWhere(db: Db, filter: { organisationId?: string; roleId?: string; published?: boolean; askingFor?: readonly string[] }): Promise<Role[]> {
  let query = db.selectFrom('organisation_roles').innerJoin('organisations', 'organisations.id', 'organisation_roles.organisation_id').selectAll('organisation_roles');
  if (filter.organisationId) query = query.where('organisation_roles.organisation_id', '=', filter.organisationId);
  if (filter.roleId) query = query.where('organisation_roles.id', '=', filter.roleId);
  if (filter.published) query = query.where('organisations.published', '=', 1).where('organisations.kind', '=', 'company');
  if (filter.askingFor) {
    const badgeIds = filter.askingFor;
    if (badgeIds.length === 0) return [];
    query = query.where((eb) => eb.exists(eb.selectFrom('organisation_role_badges as rb').select('rb.role_id').whereRef('rb.role_id', '=', 'organisation_roles.id').where('rb.badge_class_id', 'in', badgeIds)));
  }
  const rows = await query.orderBy('organisation_roles.created_at').orderBy('organisation_roles.id').execute();
  const badges = await roleBadges(db, rows.map((row) => row.id));
  return rows.map((row) => ({ id: row.id, organisationId: row.organisation_id, title: row.title, location: row.location, postingUrl: row.posting_url, ...badges.get(row.id)! }));
}

export const listRoles = (db: Db, organisationId: string) => rolesWhere(db, { organisationId });
export const listPublishedRoles = (db: Db) => rolesWhere(db, { published: true });
/** The published companies' roles that require or prefer any of the badges. */
export const listPublishedRolesAsking = (db: Db, badgeIds: readonly string[]) => rolesWhere(db, { published: true, askingFor: badgeIds });
export async function getRole(db: Db, roleId: string): Promise<Role | null> {
  return (await rolesWhere(db, { roleId }))[0] ?? null;
}

/** Creates the role (roleId null) or replaces the organisation's role `roleId`; null when there is no such role. */
export async function saveRole(db: Db, organisationId: string, roleId: string | null, body: RoleBody, now = new Date()): Promise<Role | null> {
  const at = now.toISOString();
  return transaction(db, async (trx) => {
    const values = { title: body.title, location: body.location, posting_url: body.postingUrl, updated_at: at };
    let id = roleId;
    if (id === null) {
      id = randomId(12);
      await trx.insertInto('organisation_roles').values({ id, organisation_id: organisationId, created_at: at, ...values }).execute();
    } else {
      const updated = await trx.updateTable('organisation_roles').set(values).where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return null;
      await trx.deleteFrom('organisation_role_badges').where('role_id', '=', id).execute();
    }
    const rows = [
      ...[...new Set(body.requiredBadgeIds)].map((badgeId) => ({ role_id: id, badge_class_id: badgeId, need: 'required' as const })),
      ...[...new Set(body.preferredBadgeIds)].map((badgeId) => ({ role_id: id, badge_class_id: badgeId, need: 'preferred' as const })),
    ];
    if (rows.length > 0) await trx.insertInto('organisation_role_badges').values(rows).execute();
    return (await rolesWhere(trx, { roleId: id }))[0];
  });
}

export async function deleteRole(db: Db, organisationId: string, roleId: string): Promise<boolean> {
  const result = await db.deleteFrom('organisation_roles').where('id', '=', roleId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export interface Course {
  id: string;
  organisationId: string;
  title: string;
  format: CourseFormat;
  location: string;
  startsOn: string | null;
  endsOn: string | null;
  url: string | null;
  badgeIds: string[];
  requirementIds: string[];
}

async function coursesWhere(db: Db, filter: { organisationId?: string; courseId?: string; publishedForBadges?: readonly string[] }): Promise<Course[]> {
  let query = db.selectFrom('organisation_courses').innerJoin('organisations', 'organisations.id', 'organisation_courses.organisation_id').selectAll('organisation_courses');
  if (filter.organisationId) query = query.where('organisation_courses.organisation_id', '=', filter.organisationId);
  if (filter.courseId) query = query.where('organisation_courses.id', '=', filter.courseId);
  if (filter.publishedForBadges) {
    const badgeIds = filter.publishedForBadges;
    if (badgeIds.length === 0) return [];
    query = query
      .where('organisations.published', '=', 1)
      .where('organisations.kind', '=', 'school')
      .where((eb) => eb.exists(eb.selectFrom('organisation_course_badges as cb').select('cb.course_id').whereRef('cb.course_id', '=', 'organisation_courses.id').where('cb.badge_class_id', 'in', badgeIds)));
  }
  const rows = await query.orderBy('organisation_courses.created_at').orderBy('organisation_courses.id').execute();
  const ids = rows.map((row) => row.id);
  const badges = ids.length ? await db.selectFrom('organisation_course_badges').selectAll().where('course_id', 'in', ids).orderBy('badge_class_id').execute() : [];
  const requirements = ids.length ? await db.selectFrom('organisation_course_requirements').selectAll().where('course_id', 'in', ids).orderBy('requirement_id').execute() : [];
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    format: row.format,
    location: row.location,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    url: row.url,
    badgeIds: badges.filter((badge) => badge.course_id === row.id).map((badge) => badge.badge_class_id),
    requirementIds: requirements.filter((requirement) => requirement.course_id === row.id).map((requirement) => requirement.requirement_id),
  }));
}

export const listCourses = (db: Db, organisationId: string) => coursesWhere(db, { organisationId });
/** The courses of published schools that prepare for any of the badges. */
export const listPublishedCoursesFor = (db: Db, badgeIds: readonly string[]) => coursesWhere(db, { publishedForBadges: badgeIds });

/** Creates the course (courseId null) or replaces the organisation's course `courseId`; null when there is no such course. */
export async function saveCourse(db: Db, organisationId: string, courseId: string | null, body: CourseBody, now = new Date()): Promise<Course | null> {
  const at = now.toISOString();
  return transaction(db, async (trx) => {
    const values = { title: body.title, format: body.format, location: body.location, starts_on: body.startsOn, ends_on: body.endsOn, url: body.url, updated_at: at };
    let id = courseId;
    if (id === null) {
      id = randomId(12);
      await trx.insertInto('organisation_courses').values({ id, organisation_id: organisationId, created_at: at, ...values }).execute();
    } else {
      const updated = await trx.updateTable('organisation_courses').set(values).where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return null;
      await trx.deleteFrom('organisation_course_badges').where('course_id', '=', id).execute();
      await trx.deleteFrom('organisation_course_requirements').where('course_id', '=', id).execute();
    }
    const courseRow = id;
    await trx.insertInto('organisation_course_badges').values([...new Set(body.badgeIds)].map((badgeId) => ({ course_id: courseRow, badge_class_id: badgeId }))).execute();
    const requirementIds = [...new Set(body.requirementIds)];
    if (requirementIds.length > 0) await trx.insertInto('organisation_course_requirements').values(requirementIds.map((requirementId) => ({ course_id: courseRow, requirement_id: requirementId }))).execute();
    return (await coursesWhere(trx, { courseId: id }))[0];
  });
}

export async function deleteCourse(db: Db, organisationId: string, courseId: string): Promise<boolean> {
  const result = await db.deleteFrom('organisation_courses').where('id', '=', courseId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export interface OptIns {
  publicId: string | null;
  jobSeeker: boolean;
  student: boolean;
  location: string;
  wantedBadgeIds: string[];
}

export async function getOptIns(db: Db, accountId: string): Promise<OptIns> {
  const row = await db.selectFrom('earner_opt_ins').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  const wanted = await db.selectFrom('earner_wanted_badges').select('badge_class_id').where('account_id', '=', accountId).orderBy('badge_class_id').execute();
  return {
    publicId: row?.public_id ?? null,
    jobSeeker: row?.job_seeker === 1,
    student: row?.student === 1,
    location: row?.location ?? '',
    wantedBadgeIds: wanted.map((w) => w.badge_class_id),
  };
}

/** Replaces the earner's choices at once (an opt-out stops every listing from the next request on). */
export async function saveOptIns(db: Db, accountId: string, body: OptInsBody, now = new Date()): Promise<OptIns> {
  await transaction(db, async (trx) => {
    const values = { job_seeker: body.jobSeeker ? 1 : 0, student: body.student ? 1 : 0, location: body.location, updated_at: now.toISOString() };
    await trx
      .insertInto('earner_opt_ins')
      .values({ account_id: accountId, public_id: randomId(12), ...values })
      .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
      .execute();
    await trx.deleteFrom('earner_wanted_badges').where('account_id', '=', accountId).execute();
    const wanted = [...new Set(body.wantedBadgeIds)];
    if (wanted.length > 0) await trx.insertInto('earner_wanted_badges').values(wanted.map((badgeId) => ({ account_id: accountId, badge_class_id: badgeId }))).execute();
  });
  return getOptIns(db, accountId);
}

/** A discoverable person as others may see them: never the address, only the first name and the last initial. */
export interface PublicPerson {
  accountId: string;
  publicId: string;
  name: string;
  location: string;
  jobSeeker: boolean;
  student: boolean;
}

const publicName = (first: string, last: string) => (last ? `${first} ${last.slice(0, 1)}.` : first);

/** The person behind a public id, only while they opted in to something. */
export async function findDiscoverablePerson(db: Db, publicId: string): Promise<PublicPerson | null> {
  const row = await db
    .selectFrom('earner_opt_ins')
    .innerJoin('accounts', 'accounts.id', 'earner_opt_ins.account_id')
    .select(['earner_opt_ins.account_id', 'earner_opt_ins.public_id', 'earner_opt_ins.location', 'earner_opt_ins.job_seeker', 'earner_opt_ins.student', 'accounts.first_name', 'accounts.last_name'])
    .where('earner_opt_ins.public_id', '=', publicId)
    .where((eb) => eb.or([eb('earner_opt_ins.job_seeker', '=', 1), eb('earner_opt_ins.student', '=', 1)]))
    .executeTakeFirst();
  return row
    ? { accountId: row.account_id, publicId: row.public_id, name: publicName(row.first_name, row.last_name), location: row.location, jobSeeker: row.job_seeker === 1, student: row.student === 1 }
    : null;
}

/** One public, accepted, unrevoked badge of an opted-in job seeker, among the badges asked about. */
export interface SeekerBadgeRow {
  accountId: string;
  publicId: string;
  name: string;
  location: string;
  badgeClassId: string;
  expires: string | null;
}

/** Every opted-in job seeker holding (publicly) at least one of these badges, with those badges. */
export async function listSeekerBadges(db: Db, badgeIds: readonly string[]): Promise<SeekerBadgeRow[]> {
  if (badgeIds.length === 0) return [];
  const rows = await db
    .selectFrom('earner_opt_ins')
    .innerJoin('accounts', 'accounts.id', 'earner_opt_ins.account_id')
    .innerJoin('assertions', 'assertions.account_id', 'earner_opt_ins.account_id')
    .select(['earner_opt_ins.account_id', 'earner_opt_ins.public_id', 'earner_opt_ins.location', 'accounts.first_name', 'accounts.last_name', 'assertions.badge_class_id', 'assertions.expires'])
    .where('earner_opt_ins.job_seeker', '=', 1)
    .where('assertions.badge_class_id', 'in', badgeIds)
    .where('assertions.claim_state', '=', 'accepted')
    .where('assertions.revoked', '=', 0)
    .where('assertions.is_public', '=', 1)
    .orderBy('earner_opt_ins.account_id')
    .execute();
  return rows.map((row) => ({ accountId: row.account_id, publicId: row.public_id, name: publicName(row.first_name, row.last_name), location: row.location, badgeClassId: row.badge_class_id, expires: row.expires }));
}

/** The account's own accepted, unrevoked badges (what it may match roles with). */
export async function listHeldBadges(db: Db, accountId: string): Promise<{ badgeClassId: string; expires: string | null }[]> {
  const rows = await db
    .selectFrom('assertions')
    .select(['badge_class_id', 'expires'])
    .where('account_id', '=', accountId)
    .where('claim_state', '=', 'accepted')
    .where('revoked', '=', 0)
    .execute();
  return rows.map((row) => ({ badgeClassId: row.badge_class_id, expires: row.expires }));
}

/** Opted-in students wanting at least one of these badges, with the wanted badges among them. */
export async function listStudentsWanting(db: Db, badgeIds: readonly string[]): Promise<(PublicPerson & { wanted: string[] })[]> {
  if (badgeIds.length === 0) return [];
  const rows = await db
    .selectFrom('earner_opt_ins')
    .innerJoin('accounts', 'accounts.id', 'earner_opt_ins.account_id')
    .innerJoin('earner_wanted_badges', 'earner_wanted_badges.account_id', 'earner_opt_ins.account_id')
    .select(['earner_opt_ins.account_id', 'earner_opt_ins.public_id', 'earner_opt_ins.location', 'earner_opt_ins.job_seeker', 'accounts.first_name', 'accounts.last_name', 'earner_wanted_badges.badge_class_id'])
    .where('earner_opt_ins.student', '=', 1)
    .where('earner_wanted_badges.badge_class_id', 'in', badgeIds)
    .orderBy('earner_opt_ins.account_id')
    .execute();
  const people = new Map<string, PublicPerson & { wanted: string[] }>();
  for (const row of rows) {
    let person = people.get(row.account_id);
    if (!person) {
      person = { accountId: row.account_id, publicId: row.public_id, name: publicName(row.first_name, row.last_name), location: row.location, jobSeeker: row.job_seeker === 1, student: true, wanted: [] };
      people.set(row.account_id, person);
    }
    person.wanted.push(row.badge_class_id);
  }
  return [...people.values()];
}

/** Stores a message to a person; the token (for the answer link in their email) is returned once. */
export async function createContactMessage(db: Db, message: { organisationId: string; senderAccountId: string; recipientAccountId: string; body: string }, now = new Date()): Promise<{ id: string; token: string }> {
  const secret = newSecretToken();
  await db
    .insertInto('contact_messages')
    .values({
      id: secret.id,
      secret_hash: secret.secretHash,
      organisation_id: message.organisationId,
      sender_account_id: message.senderAccountId,
      recipient_account_id: message.recipientAccountId,
      body: message.body,
      created_at: now.toISOString(),
      decided_at: null,
    })
    .execute();
  return { id: secret.id, token: secret.token };
}

export interface ContactMessage {
  id: string;
  organisationId: string;
  senderAccountId: string | null;
  recipientAccountId: string;
  body: string;
  state: ContactState;
  createdAt: string;
}

export async function findContactMessage(db: Db, token: string): Promise<ContactMessage | null> {
  const parsed = parseSecretToken(token);
  if (!parsed) return null;
  const row = await db.selectFrom('contact_messages').selectAll().where('id', '=', parsed.id).executeTakeFirst();
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  return { id: row.id, organisationId: row.organisation_id, senderAccountId: row.sender_account_id, recipientAccountId: row.recipient_account_id, body: row.body, state: row.state, createdAt: row.created_at };
}

/** Records the person's decision once; false when the message was already answered or ignored. */
export async function decideContactMessage(db: Db, id: string, state: Exclude<ContactState, 'sent'>, now = new Date()): Promise<boolean> {
  const result = await db.updateTable('contact_messages').set({ state, decided_at: now.toISOString() }).where('id', '=', id).where('state', '=', 'sent').executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
