import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m015OrganisationsMatching } from '../src/db/migrations/015-organisations-matching';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m015OrganisationsMatching);

/** A database just before this migration, holding an issuer, a badge class, a requirement and an account. */
async function databaseBefore() {
  const db = await databaseJustBefore(m015OrganisationsMatching);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('requirements').values({ id: 'r1', issuer_id: 'i1', kind: 'course', title: 'R', url: '', provider: null, created_at: AT, updated_at: AT }).execute();
  await db.insertInto('accounts').values(seedRows.account('a1', { email_verified_at: AT })).execute();
  return db;
}

const organisation = (id: string, slug = id) => ({ id, kind: 'company' as const, name: 'O', slug, created_at: AT, updated_at: AT });

describe('migration 015 (organisations, matching, contact)', () => {
  it('is registered once, after the requirements', () => {
    expect(migrations.filter((migration) => migration === m015OrganisationsMatching)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(11);
  });

  it('adds the tables, private by default, and keeps what was there', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('accounts').select('id').execute()).toEqual([{ id: 'a1' }]);
    await db.insertInto('organisations').values(organisation('o1')).execute();
    await db.insertInto('organisation_staff').values({ organisation_id: 'o1', account_id: 'a1', role: 'owner', created_at: AT }).execute();
    await db.insertInto('organisation_roles').values({ id: 'role1', organisation_id: 'o1', title: 'Welder', posting_url: null, created_at: AT, updated_at: AT }).execute();
    await db.insertInto('organisation_role_badges').values({ role_id: 'role1', badge_class_id: 'b1', need: 'required' }).execute();
    await db
      .insertInto('organisation_courses')
      .values({ id: 'c1', organisation_id: 'o1', title: 'T', format: 'online', starts_on: '2026-02-01', ends_on: '2026-03-01', url: null, created_at: AT, updated_at: AT })
      .execute();
    await db.insertInto('organisation_course_badges').values({ course_id: 'c1', badge_class_id: 'b1' }).execute();
    await db.insertInto('organisation_course_requirements').values({ course_id: 'c1', requirement_id: 'r1' }).execute();
    await db.insertInto('earner_opt_ins').values({ account_id: 'a1', public_id: 'p1', updated_at: AT }).execute();
    await db.insertInto('earner_wanted_badges').values({ account_id: 'a1', badge_class_id: 'b1' }).execute();
    expect(await db.selectFrom('organisations').select(['published', 'location', 'description']).execute()).toEqual([{ published: 0, location: '', description: '' }]);
    expect(await db.selectFrom('earner_opt_ins').select(['job_seeker', 'student', 'location']).execute()).toEqual([{ job_seeker: 0, student: 0, location: '' }]);
  });

  it('refuses unknown kinds, roles, formats and flags, a slug twice, dates backwards and unknown badges', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('organisations').values(organisation('o1', 'same')).execute();
    await expect(db.insertInto('organisations').values(organisation('o2', 'same')).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('organisations').values({ ...organisation('o3'), kind: 'club' as never }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('organisations').values({ ...organisation('o4'), published: 2 }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('organisation_staff').values({ organisation_id: 'o1', account_id: 'a1', role: 'admin' as never, created_at: AT }).execute()).rejects.toThrow(VIOLATES.check);
    const course = { id: 'c1', organisation_id: 'o1', title: 'T', format: 'online' as const, starts_on: null, ends_on: null, url: null, created_at: AT, updated_at: AT };
    await expect(db.insertInto('organisation_courses').values({ ...course, format: 'mail' as never }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('organisation_courses').values({ ...course, starts_on: '2026-03-01', ends_on: '2026-02-01' }).execute()).rejects.toThrow(VIOLATES.check);
    await db.insertInto('organisation_roles').values({ id: 'role1', organisation_id: 'o1', title: 'W', posting_url: null, created_at: AT, updated_at: AT }).execute();
    await expect(db.insertInto('organisation_role_badges').values({ role_id: 'role1', badge_class_id: 'nope', need: 'required' }).execute()).rejects.toThrow(VIOLATES.foreignKey);
    await expect(db.insertInto('organisation_role_badges').values({ role_id: 'role1', badge_class_id: 'b1', need: 'nice' as never }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('earner_opt_ins').values({ account_id: 'a1', public_id: 'p', job_seeker: 5, updated_at: AT }).execute()).rejects.toThrow(VIOLATES.check);
  });

  it('goes with its organisation, and with the account', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('organisations').values(organisation('o1')).execute();
    await db.insertInto('organisation_staff').values({ organisation_id: 'o1', account_id: 'a1', role: 'owner', created_at: AT }).execute();
    await db.insertInto('organisation_roles').values({ id: 'role1', organisation_id: 'o1', title: 'W', posting_url: null, created_at: AT, updated_at: AT }).execute();
    await db.insertInto('organisation_role_badges').values({ role_id: 'role1', badge_class_id: 'b1', need: 'preferred' }).execute();
    await db.insertInto('earner_opt_ins').values({ account_id: 'a1', public_id: 'p1', job_seeker: 1, updated_at: AT }).execute();
    await db.insertInto('contact_messages').values({ id: 'm1', secret_hash: 'h', organisation_id: 'o1', sender_account_id: 'a1', recipient_account_id: 'a1', body: 'Hi', created_at: AT, decided_at: null }).execute();
    await db.deleteFrom('accounts').execute();
    expect(await db.selectFrom('earner_opt_ins').select('account_id').execute()).toEqual([]);
    expect(await db.selectFrom('organisation_staff').select('account_id').execute()).toEqual([]);
    expect(await db.selectFrom('contact_messages').select('id').execute()).toEqual([]);
    await db.deleteFrom('organisations').execute();
    expect(await db.selectFrom('organisation_roles').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('organisation_role_badges').select('role_id').execute()).toEqual([]);
  });
});
