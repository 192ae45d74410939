import { SHARE_CHANNELS, type ShareChannel } from '../../../shared/schemas/sharing';
import type { Db } from './engine';

/** What a counter counts: a view of the public badge page, or a share through one channel. */
export type BadgeEvent = 'view' | ShareChannel;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Adds one to today's counter of `event` for the assertion, in one atomic upsert (nodes counting at the
 * same moment all add up). Does nothing for an unknown assertion (the INSERT selects from assertions),
 * so a counter can never point at nothing.
 */
export async function recordBadgeEvent(db: Db, assertionId: string, event: BadgeEvent, now = new Date()): Promise<void> {
  await db
    .insertInto('assertion_daily_counts')
    .columns(['assertion_id', 'event', 'day', 'count'])
    .expression((eb) =>
      eb
        .selectFrom('assertions')
        .select((inner) => ['id', inner.val(event).as('event'), inner.val(utcDay(now)).as('day'), inner.lit(1).as('count')])
        .where('id', '=', assertionId),
    )
    .onConflict((oc) => oc.columns(['assertion_id', 'event', 'day']).doUpdateSet((eb) => ({ count: eb('assertion_daily_counts.count', '+', 1) })))
    .execute();
}

export type ShareCounts = Record<ShareChannel, number>;

export interface BadgeClassStats {
  id: string;
  name: string;
  views: number;
  shares: ShareCounts;
}

export interface StatsRange {
  /** Inclusive UTC day, YYYY-MM-DD. */
  from?: string;
  /** Inclusive UTC day, YYYY-MM-DD. */
  to?: string;
}

function zeroShares(): ShareCounts {
  return Object.fromEntries(SHARE_CHANNELS.map((channel) => [channel, 0])) as ShareCounts;
}

/** Views and shares of every badge class of one issuer (zeros included), by name. */
export async function issuerBadgeStats(db: Db, issuerId: string, range: StatsRange = {}): Promise<BadgeClassStats[]> {
  const classes = await db.selectFrom('badge_classes').select(['id', 'name']).where('issuer_id', '=', issuerId).orderBy('name').orderBy('id').execute();
  let totalsQuery = db
    .selectFrom('assertion_daily_counts as c')
    .innerJoin('assertions as a', 'a.id', 'c.assertion_id')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select((eb) => ['a.badge_class_id', 'c.event', eb.fn.sum<number>('c.count').as('total')])
    .where('b.issuer_id', '=', issuerId)
    .groupBy(['a.badge_class_id', 'c.event']);
  if (range.from) totalsQuery = totalsQuery.where('c.day', '>=', range.from);
  if (range.to) totalsQuery = totalsQuery.where('c.day', '<=', range.to);
  const totals = await totalsQuery.execute();

  const stats = new Map<string, BadgeClassStats>(
    classes.map((badgeClass) => [badgeClass.id, { ...badgeClass, views: 0, shares: zeroShares() }]),
  );
  for (const { badge_class_id, event, total } of totals) {
    const entry = stats.get(badge_class_id);
    if (!entry) continue;
    if (event === 'view') entry.views = Number(total);
    else entry.shares[event as ShareChannel] = Number(total);
  }
  return [...stats.values()];
}
