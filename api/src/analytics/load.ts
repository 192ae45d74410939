// The one entry for reading analytics: the API route and the console page both call loadAnalytics.
import type { AnalyticsQuery, AnalyticsReport } from '../../../shared/schemas/analytics';
import { analyticsBadgeClasses, dailyCounts, funnelCounts } from '../db/analytics';
import type { Db } from '../db/engine';
import { utcDay } from '../db/sharing';
import { resolveRange } from './periods';
import { buildReport } from './report';
import type { BadgeEventCounter } from '../sharing/badgeEventCounter';
import { flushVerificationCounts } from './verifications';

/**
 * The report of one issuer's badges (or of one of its badge classes, `query.badge`) for the query's range
 * and interval; null when `query.badge` is not a badge class of this issuer (unknown or another issuer's:
 * the caller answers both with the same 404). Writes this node's pending counts first (verifications,
 * and the page views and shares `badgeEvents` holds), so an issuer sees what just happened.
 */
export async function loadAnalytics(
  { db, badgeEvents }: { db: Db; badgeEvents: Pick<BadgeEventCounter, 'flush'> },
  issuerId: string,
  query: Omit<AnalyticsQuery, 'format'>,
  now = new Date(),
): Promise<AnalyticsReport | null> {
  const badgeClasses = await analyticsBadgeClasses(db, issuerId, query.badge);
  if (query.badge !== undefined && badgeClasses.length === 0) return null;
  await Promise.all([flushVerificationCounts(db), badgeEvents.flush()]);
  const { from, to } = resolveRange(query, utcDay(now));
  const scope = { issuerId, badgeClassId: query.badge, from, to };
  const [daily, funnel] = await Promise.all([dailyCounts(db, scope), funnelCounts(db, scope)]);
  return buildReport({ badgeClass: query.badge ? badgeClasses[0] : null, badgeClasses, interval: query.interval, from, to, daily, funnel });
}
