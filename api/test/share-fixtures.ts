// Fixtures for the sharing tests (tracked links, stats, certificates): a real database, real app.
import type { CreateBadgeClassInput } from '../../shared/schemas/badges';
import { type AssertionRecord, getAssertionRecord, issueAssertion, type IssueInput } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { createApp } from '../src/app';
import { createBadgeEventCounter } from '../src/sharing/badgeEventCounter';
import { makeIssuer, PUBLIC_URL, testDb } from './helpers';

/** A test app whose clock the test can move. */
export async function sharingTestApp(start = '2026-03-10T09:00:00.000Z') {
  const clock = { now: new Date(start) };
  const db = await testDb();
  // Views and shares are written in batches: tests that read the tables directly flush first.
  const badgeEvents = createBadgeEventCounter(db);
  const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => clock.now, badgeEvents });
  return { db, app, clock, badgeEvents };
}

export async function issueTestBadge(
  db: Db,
  issuerId: string,
  badge: Partial<CreateBadgeClassInput> = {},
  recipient: Partial<IssueInput> = {},
): Promise<AssertionRecord> {
  const badgeClass = await createBadgeClass(db, issuerId, {
    name: 'Underwater Welding Level 2',
    description: 'Wet welding in open water.',
    category: 'skill',
    criteria: 'Passed the practical exam.',
    ...badge,
  });
  const assertion = await issueAssertion(db, badgeClass, {
    email: 'ada@example.test',
    name: 'Ada Diver',
    issuedOn: new Date('2026-02-15T12:00:00.000Z'),
    ...recipient,
  });
  return (await getAssertionRecord(db, assertion.id))!;
}

export { makeIssuer };
