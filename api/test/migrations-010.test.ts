import { describe, expect, it } from 'vitest';
import { getBadgeClass } from '../src/db/badgeClasses';
import { listRequirements } from '../src/db/requirements';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m010Requirements } from '../src/db/migrations/010-requirements';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';

const AT = '2026-01-01T00:00:00.000Z';
/** The version this migration brings a database to (its position: the lead may renumber it at merge). */
const VERSION = migrations.indexOf(m010Requirements) + 1;

const course = { kind: 'course', title: 'Welding Fundamentals Online Course', url: 'https://nws.example/learn/fundamentals' };
const seminar = { kind: 'seminar', title: 'Fundamentals Seminar' };

/** A database just before this migration, its badge classes holding inline requirements as JSON. */
async function databaseWithInlineRequirements() {
  const db = await testDb({ migrateTo: VERSION - 1 });
  for (const issuer of ['i1', 'i2']) {
    await db.insertInto('issuers').values({ id: issuer, name: issuer, url: 'https://i.example', email: 'i@i.example', created_at: AT, updated_at: AT }).execute();
  }
  const badge = (id: string, issuerId: string, requirements: object[]) => ({
    id, issuer_id: issuerId, name: id, description: 'D', category: 'knowledge' as const, criteria_narrative: 'C', requirements: JSON.stringify(requirements), created_at: AT, updated_at: AT,
  });
  await db
    .insertInto('badge_classes')
    .values([
      badge('smaw', 'i1', [course, seminar, { kind: 'quiz', title: 'SMAW quiz', url: 'https://nws.example/quiz/smaw' }]),
      badge('gtaw', 'i1', [course, seminar, { kind: 'quiz', title: 'GTAW quiz' }, course]),
      badge('none', 'i1', []),
      badge('other', 'i2', [course]),
    ])
    .execute();
  return db;
}

describe('migration 010 (requirements)', () => {
  it('comes after the account hardening migration', () => {
    expect(VERSION).toBeGreaterThanOrEqual(8);
    expect(migrations[VERSION - 1]).toBe(m010Requirements);
  });

  it('turns inline requirements into requirement objects of their issuer, shared by title and URL, losing nothing', async () => {
    const db = await databaseWithInlineRequirements();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);

    const i1 = await listRequirements(db, 'i1');
    expect(i1.map(({ kind, title, url }) => ({ kind, title, url }))).toEqual([
      { kind: 'seminar', title: 'Fundamentals Seminar', url: null },
      { kind: 'quiz', title: 'GTAW quiz', url: null },
      { kind: 'quiz', title: 'SMAW quiz', url: 'https://nws.example/quiz/smaw' },
      { kind: 'course', title: course.title, url: course.url },
    ]);
    const [i2course] = await listRequirements(db, 'i2');
    expect(i2course).toMatchObject({ ...course, issuerId: 'i2' });
    const courseId = i1.find((requirement) => requirement.kind === 'course')!.id;
    expect(i2course!.id).not.toBe(courseId);

    // Each badge class lists the same options as before, in order, now with ids (a repeated one once).
    const smaw = await getBadgeClass(db, 'smaw');
    expect(smaw!.requirements).toEqual([
      { id: courseId, ...course },
      { id: i1.find((r) => r.kind === 'seminar')!.id, ...seminar },
      { id: i1.find((r) => r.title === 'SMAW quiz')!.id, kind: 'quiz', title: 'SMAW quiz', url: 'https://nws.example/quiz/smaw' },
    ]);
    expect((await getBadgeClass(db, 'gtaw'))!.requirements.map((option) => option.title)).toEqual([course.title, seminar.title, 'GTAW quiz']);
    expect((await getBadgeClass(db, 'none'))!.requirements).toEqual([]);
    const links = await db.selectFrom('badge_class_requirements').selectAll().where('requirement_id', '=', courseId).orderBy('badge_class_id').execute();
    expect(links.map((link) => link.badge_class_id)).toEqual(['gtaw', 'smaw']);
  });

  it('keeps one requirement per issuer, title and URL, and one completion per requirement and person', async () => {
    const db = await databaseWithInlineRequirements();
    await migrate(db, VERSION);
    const [requirement] = await listRequirements(db, 'i2');
    await expect(
      db.insertInto('requirements').values({ id: 'dup', issuer_id: 'i2', kind: 'other', title: course.title, url: course.url, provider: null, created_at: AT, updated_at: AT }).execute(),
    ).rejects.toThrow(VIOLATES.unique);
    const completion = { requirement_id: requirement!.id, recipient_email: 'a@x.example', recipient_name: 'A', completed_on: AT, evidence_url: null, created_at: AT };
    await db.insertInto('requirement_completions').values(completion).execute();
    await expect(db.insertInto('requirement_completions').values(completion).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('requirement_completions').values({ ...completion, requirement_id: 'nope' }).execute()).rejects.toThrow(VIOLATES.foreignKey);
    await expect(db.updateTable('requirements').set({ kind: 'exam' as 'other' }).execute()).rejects.toThrow(VIOLATES.check);
  });
});
