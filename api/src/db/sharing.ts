import { SHARE_CHANNELS, type ShareChannel } from '../../../shared/schemas/sharing';
import type { Db } from './connection';

/** What a counter counts: a view of the public badge page, or a share through one channel. */
export type BadgeEvent = 'view' | ShareChannel;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Adds one to today's counter of `event` for the assertion. Does nothing for an unknown assertion
 * (the INSERT selects from assertions), so a counter can never point at nothing.
 */
export async function recordBadgeEvent(db: Db, assertionId: string, event: BadgeEvent, now = new Date()): Promise<void> {
  db.prepare(
    `INSERT INTO assertion_daily_counts (assertion_id, event, day, count)
     SELECT id, @event, @day, 1 FROM assertions WHERE id = @assertionId
     ON CONFLICT (assertion_id, event, day) DO UPDATE SET count = count + 1`,
  ).run({ assertionId, event, day: utcDay(now) });
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
  const classes = db
    .prepare('SELECT id, name FROM badge_classes WHERE issuer_id = ? ORDER BY name, id')
    .all(issuerId) as { id: string; name: string }[];
  const totals = db
    .prepare(
      `SELECT a.badge_class_id AS badgeClassId, c.event AS event, sum(c.count) AS total
       FROM assertion_daily_counts c
       JOIN assertions a ON a.id = c.assertion_id
       JOIN badge_classes b ON b.id = a.badge_class_id
       WHERE b.issuer_id = @issuerId
         AND (@from IS NULL OR c.day >= @from)
         AND (@to IS NULL OR c.day <= @to)
       GROUP BY a.badge_class_id, c.event`,
    )
    .all({ issuerId, from: range.from ?? null, to: range.to ?? null }) as { badgeClassId: string; event: BadgeEvent; total: number }[];

  const stats = new Map<string, BadgeClassStats>(
    classes.map((badgeClass) => [badgeClass.id, { ...badgeClass, views: 0, shares: zeroShares() }]),
  );
  for (const { badgeClassId, event, total } of totals) {
    const entry = stats.get(badgeClassId);
    if (!entry) continue;
    if (event === 'view') entry.views = total;
    else entry.shares[event] = total;
  }
  return [...stats.values()];
}
