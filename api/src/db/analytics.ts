// Analytics reads: what happened to one issuer's badges, per badge class and UTC day, from the times the
// assertions carry and the daily counters (views and shares, verifications). Same SQL on both engines.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './engine';

/** Inclusive UTC days (YYYY-MM-DD) of one issuer's badges, optionally of one badge class. */
export interface AnalyticsScope {
  issuerId: string;
  badgeClassId?: string;
  from: string;
  to: string;
}

/** What the assertions' own times record. */
export const ASSERTION_TIME_EVENTS = {
  issued: 'issued_on',
  claimed: 'claimed_at',
  accepted: 'accepted_at',
  declined: 'declined_at',
  revoked: 'revoked_at',
} as const;
export type AssertionTimeEvent = keyof typeof ASSERTION_TIME_EVENTS;

/** `event`: an assertion time event, a counter event ('view' or a share channel), or 'verify'. */
export interface DailyCount {
  badgeClassId: string;
  day: string;
  event: string;
  count: number;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function scopedAssertions(db: Db, scope: AnalyticsScope) {
  return db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .where('b.issuer_id', '=', scope.issuerId)
    .$if(scope.badgeClassId !== undefined, (query) => query.where('a.badge_class_id', '=', scope.badgeClassId!));
}

/** Assertions issued, claimed, accepted, declined and revoked per badge class and day (from their ISO times). */
async function assertionTimeCounts(db: Db, scope: AnalyticsScope, event: AssertionTimeEvent): Promise<DailyCount[]> {
  const column = sql.ref(`a.${ASSERTION_TIME_EVENTS[event]}`);
  const day: RawBuilder<string> = sql<string>`substr(${column}, 1, 10)`;
  const rows = await scopedAssertions(db, scope)
    .select((eb) => ['a.badge_class_id', day.as('day'), eb.fn.countAll<number>().as('count')])
    .where(column, '>=', scope.from)
    .where(column, '<', dayAfter(scope.to))
    .groupBy(['a.badge_class_id', day])
    .execute();
  return rows.map((row) => ({ badgeClassId: row.badge_class_id, day: row.day, event, count: Number(row.count) }));
}

/** Badge page views and tracked shares (per channel) per badge class and day. */
async function counterCounts(db: Db, scope: AnalyticsScope): Promise<DailyCount[]> {
  const rows = await scopedAssertions(db, scope)
    .innerJoin('assertion_daily_counts as c', 'c.assertion_id', 'a.id')
    .select((eb) => ['a.badge_class_id', 'c.day', 'c.event', eb.fn.sum<number>('c.count').as('count')])
    .where('c.day', '>=', scope.from)
    .where('c.day', '<=', scope.to)
    .groupBy(['a.badge_class_id', 'c.day', 'c.event'])
    .execute();
  return rows.map((row) => ({ badgeClassId: row.badge_class_id, day: row.day, event: row.event, count: Number(row.count) }));
}

/** Verifications through POST /api/v1/verify per badge class and day. */
async function verificationCounts(db: Db, scope: AnalyticsScope): Promise<DailyCount[]> {
  const rows = await scopedAssertions(db, scope)
    .innerJoin('assertion_daily_verifications as v', 'v.assertion_id', 'a.id')
    .select((eb) => ['a.badge_class_id', 'v.day', eb.fn.sum<number>('v.count').as('count')])
    .where('v.day', '>=', scope.from)
    .where('v.day', '<=', scope.to)
    .groupBy(['a.badge_class_id', 'v.day'])
    .execute();
  return rows.map((row) => ({ badgeClassId: row.badge_class_id, day: row.day, event: 'verify', count: Number(row.count) }));
}

/** Every recorded event of the scope, per badge class and day (days without events are absent). */
export async function dailyCounts(db: Db, scope: AnalyticsScope): Promise<DailyCount[]> {
  const events = Object.keys(ASSERTION_TIME_EVENTS) as AssertionTimeEvent[];
  const parts = await Promise.all([...events.map((event) => assertionTimeCounts(db, scope, event)), counterCounts(db, scope), verificationCounts(db, scope)]);
  return parts.flat();
}

export interface FunnelCounts {
  issued: number;
  claimed: number;
  accepted: number;
  shared: number;
}

/**
 * The badges issued in the scope's days, and how many of them went on: claimed (in an earner's account, or
 * accepted), accepted, and accepted and shared at least once (any channel, any day). Each step is a subset
 * of the one before.
 */
export async function funnelCounts(db: Db, scope: AnalyticsScope): Promise<FunnelCounts> {
  const row = await scopedAssertions(db, scope)
    .select((eb) => {
      const accepted = eb('a.claim_state', '=', 'accepted');
      const shared = eb.exists(
        eb.selectFrom('assertion_daily_counts as c').select('c.day').whereRef('c.assertion_id', '=', 'a.id').where('c.event', '<>', 'view'),
      );
      const oneWhen = (condition: Parameters<typeof eb.case>[0] & object) => eb.case().when(condition).then(1).else(0).end();
      return [
        eb.fn.countAll<number>().as('issued'),
        eb.fn.sum<number>(oneWhen(eb.or([eb('a.claimed_at', 'is not', null), accepted]))).as('claimed'),
        eb.fn.sum<number>(oneWhen(accepted)).as('accepted'),
        eb.fn.sum<number>(oneWhen(eb.and([accepted, shared]))).as('shared'),
      ];
    })
    .where('a.issued_on', '>=', scope.from)
    .where('a.issued_on', '<', dayAfter(scope.to))
    .executeTakeFirstOrThrow();
  return { issued: Number(row.issued), claimed: Number(row.claimed ?? 0), accepted: Number(row.accepted ?? 0), shared: Number(row.shared ?? 0) };
}

/** The issuer's badge classes (id and name, by name), or just the one asked for; empty when it is not the issuer's. */
export async function analyticsBadgeClasses(db: Db, issuerId: string, badgeClassId?: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('badge_classes')
    .select(['id', 'name'])
    .where('issuer_id', '=', issuerId)
    .$if(badgeClassId !== undefined, (query) => query.where('id', '=', badgeClassId!))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/**
 * Adds verification counts (assertion id → count) to one UTC day's counters, in one upsert. Ids that
 * are gone by now (a deleted badge) are left out, so a counter never points at nothing.
 */
export async function addDailyVerifications(db: Db, day: string, counts: ReadonlyMap<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const existing = await db.selectFrom('assertions').select('id').where('id', 'in', [...counts.keys()]).execute();
  if (existing.length === 0) return;
  await db
    .insertInto('assertion_daily_verifications')
    .values(existing.map(({ id }) => ({ assertion_id: id, day, count: counts.get(id)! })))
    .onConflict((oc) =>
      oc.columns(['assertion_id', 'day']).doUpdateSet((eb) => ({ count: eb('assertion_daily_verifications.count', '+', eb.ref('excluded.count')) })),
    )
    .execute();
}
