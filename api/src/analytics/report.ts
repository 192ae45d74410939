// The analytics report from the daily counts the data layer reads: figures per period, totals, the
// claim-rate funnel. Pure.
import { ANALYTICS_METRICS, FUNNEL_STEPS, type AnalyticsInterval, type AnalyticsMetric, type AnalyticsReport, type FunnelEntry, type MetricCounts } from '../../../shared/schemas/analytics';
import type { ShareChannel } from '../../../shared/schemas/sharing';
import type { AssertionTimeEvent, DailyCount, FunnelCounts } from '../db/analytics';
import { periodsBetween, periodStart } from './periods';

/** Which figure each recorded event adds to: assertion times, page views, share channels, verifications. */
const METRIC_OF_EVENT: Record<AssertionTimeEvent | ShareChannel | 'view' | 'verify', AnalyticsMetric> = {
  issued: 'issued',
  claimed: 'claimed',
  accepted: 'accepted',
  declined: 'declined',
  revoked: 'revoked',
  view: 'views',
  linkedin: 'sharesLinkedin',
  x: 'sharesX',
  facebook: 'sharesFacebook',
  email: 'sharesEmail',
  'linkedin-profile': 'addedToLinkedin',
  verify: 'verifications',
};

export function metricOfEvent(event: string): AnalyticsMetric | null {
  return Object.hasOwn(METRIC_OF_EVENT, event) ? METRIC_OF_EVENT[event as keyof typeof METRIC_OF_EVENT] : null;
}

export function zeroCounts(): MetricCounts {
  return Object.fromEntries(ANALYTICS_METRICS.map((metric) => [metric, 0])) as MetricCounts;
}

/** The share of `part` in `whole`, rounded to 4 decimals; null when `whole` is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** The funnel's steps in order, each with its share of the step before and of the badges issued. */
export function funnelOf(counts: FunnelCounts): FunnelEntry[] {
  return FUNNEL_STEPS.map((step, index) => ({
    step,
    count: counts[step],
    rateOfPrevious: index === 0 ? null : rate(counts[step], counts[FUNNEL_STEPS[index - 1]]),
    rateOfIssued: rate(counts[step], counts.issued),
  }));
}

export interface ReportInput {
  badgeClass: { id: string; name: string } | null;
  /** The badge classes the report covers (every one of the issuer's, or the one asked for). */
  badgeClasses: { id: string; name: string }[];
  interval: AnalyticsInterval;
  from: string;
  to: string;
  daily: DailyCount[];
  funnel: FunnelCounts;
}

/**
 * Sums the daily counts into the periods of the interval (days outside `from`..`to` and unknown events
 * are left out), per figure and per badge class.
 */
export function buildReport({ badgeClass, badgeClasses, interval, from, to, daily, funnel }: ReportInput): AnalyticsReport {
  const periods = periodsBetween(from, to, interval);
  // Keyed by the period's uncut start: the first period may be cut to `from`.
  const indexOfPeriod = new Map(periods.map((period, index) => [periodStart(period.start, interval), index]));
  const series = Object.fromEntries(ANALYTICS_METRICS.map((metric) => [metric, periods.map(() => 0)])) as AnalyticsReport['series'];
  const totals = zeroCounts();
  const perClass = new Map(badgeClasses.map((entry) => [entry.id, { ...entry, totals: zeroCounts() }]));
  for (const { badgeClassId, day, event, count } of daily) {
    const metric = metricOfEvent(event);
    if (!metric || day < from || day > to) continue;
    const index = indexOfPeriod.get(periodStart(day, interval));
    if (index === undefined) continue;
    series[metric][index] += count;
    totals[metric] += count;
    const entry = perClass.get(badgeClassId);
    if (entry) entry.totals[metric] += count;
  }
  return { badgeClass, interval, from, to, periods, series, totals, funnel: funnelOf(funnel), badgeClasses: [...perClass.values()] };
}
