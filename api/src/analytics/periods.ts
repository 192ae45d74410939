// Calendar arithmetic of the analytics, on UTC days written YYYY-MM-DD. Pure.
import { ANALYTICS_MAX_DAYS, type AnalyticsInterval } from '../../../shared/schemas/analytics';

const DAY_MS = 86_400_000;

function dayTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(dayTime(day) + days * DAY_MS);
}

/** The first day of the period holding `day`: the day itself, its week's Monday (ISO weeks), or the 1st of its month. */
export function periodStart(day: string, interval: AnalyticsInterval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const mondayBased = (new Date(dayTime(day)).getUTCDay() + 6) % 7;
  return addDays(day, -mondayBased);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: string, interval: AnalyticsInterval): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const date = new Date(dayTime(start));
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

export interface Period {
  /** Inclusive UTC days; the first and the last period are cut to the range. */
  start: string;
  end: string;
}

/** The periods covering `from`..`to` (inclusive), in order. */
export function periodsBetween(from: string, to: string, interval: AnalyticsInterval): Period[] {
  const periods: Period[] = [];
  for (let start = periodStart(from, interval); start <= to; start = nextPeriodStart(start, interval)) {
    const end = addDays(nextPeriodStart(start, interval), -1);
    periods.push({ start: start < from ? from : start, end: end > to ? to : end });
  }
  return periods;
}

/** How far back a report reaches when the query names no `from`: 30 days, 12 weeks, or 12 months. */
const DEFAULT_SPAN_DAYS: Record<AnalyticsInterval, number> = { day: 30, week: 84, month: 365 };

/**
 * The range a query asks for: `to` defaults to today (UTC), `from` to a span before `to` that suits the
 * interval. A `from` alone reaches at most ANALYTICS_MAX_DAYS forward (and never past today).
 */
export function resolveRange(query: { from?: string; to?: string; interval: AnalyticsInterval }, today: string): { from: string; to: string } {
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.from) {
    const furthest = addDays(query.from, ANALYTICS_MAX_DAYS - 1);
    const to = today < query.from ? query.from : today > furthest ? furthest : today;
    return { from: query.from, to };
  }
  const to = query.to ?? today;
  return { from: addDays(to, -(DEFAULT_SPAN_DAYS[query.interval] - 1)), to };
}
