// Loads the demo companies, schools and opt-ins (api/src/seed/demo-data.ts) through the data layer,
// after the demo badges and accounts exist. The demo earner owns the organisations.
import { findAccountByPrimaryEmail } from '../db/accounts';
import type { BadgeClass } from '../db/badgeClasses';
import type { Db } from '../db/engine';
import type { DemoMatching } from '../seed/demo-data';
import { createOrganisation, saveCourse, saveOptIns, saveRole } from './db';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function loadDemoMatching(db: Db, data: DemoMatching, ownerEmail: string, badgeClasses: ReadonlyMap<string, BadgeClass>, now: Date): Promise<void> {
  const idOf = (key: string) => {
    const badge = badgeClasses.get(key);
    if (!badge) throw new Error(`demo data: unknown badge "${key}" in matching`);
    return badge.id;
  };
  const owner = await findAccountByPrimaryEmail(db, ownerEmail);
  if (!owner) throw new Error('demo data: the demo earner has no account');
  const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  for (const { roles = [], courses = [], ...profile } of data.organisations) {
    const organisation = await createOrganisation(db, owner.id, { ...profile, published: true }, now);
    if (!organisation) throw new Error(`demo data: organisation slug "${profile.slug}" is used twice`);
    for (const role of roles) {
      await saveRole(db, organisation.id, null, { title: role.title, location: role.location, requiredBadgeIds: role.required.map(idOf), preferredBadgeIds: role.preferred.map(idOf), postingUrl: role.postingUrl ?? null }, now);
    }
    for (const course of courses) {
      const startsOn = course.startsInDays === undefined ? null : day(course.startsInDays);
      const endsOn = course.startsInDays === undefined ? null : day(course.startsInDays + (course.weeks ?? 1) * 7);
      await saveCourse(db, organisation.id, null, { title: course.title, format: course.format, location: course.location, startsOn, endsOn, url: course.url ?? null, badgeIds: course.badges.map(idOf), requirementIds: [] }, now);
    }
  }
  for (const optIn of data.optIns) {
    const account = await findAccountByPrimaryEmail(db, optIn.email);
    if (!account) throw new Error(`demo data: opt-in of ${optIn.email}, who has no account`);
    await saveOptIns(db, account.id, { jobSeeker: optIn.jobSeeker, student: optIn.student, location: optIn.location, wantedBadgeIds: (optIn.wants ?? []).map(idOf) }, now);
  }
}
