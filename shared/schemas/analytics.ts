import { z } from 'zod';
import { calendarDay } from './sharing';

/** Every figure the analytics report, in the order tables and CSV show them. */
export const ANALYTICS_METRICS = [
  'issued',
  'claimed',
  'accepted',
  'declined',
  'revoked',
  'views',
  'sharesLinkedin',
  'sharesX',
  'sharesFacebook',
  'sharesEmail',
  'addedToLinkedin',
  'verifications',
] as const;
export type AnalyticsMetric = (typeof ANALYTICS_METRICS)[number];

export const ANALYTICS_INTERVALS = ['day', 'week', 'month'] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

export const FUNNEL_STEPS = ['issued', 'claimed', 'accepted', 'shared'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The longest range one report covers (about three years of days). */
export const ANALYTICS_MAX_DAYS = 1096;

function daysFromTo(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** `GET /api/v1/analytics` (and the console's analytics page): inclusive UTC days, both optional. */
export const analyticsQuerySchema = z
  .object({
    badge: z.string().min(1).max(64).optional(),
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    interval: z.enum(ANALYTICS_INTERVALS).default('day'),
    format: z.enum(['json', 'csv']).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'from must not be after to', path: ['from'] })
  .refine((query) => !query.from || !query.to || query.from > query.to || daysFromTo(query.from, query.to) <= ANALYTICS_MAX_DAYS, {
    message: `the range may span at most ${ANALYTICS_MAX_DAYS} days`,
    path: ['to'],
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

const count = z.number().int().nonnegative();
const metricCounts = z.object(Object.fromEntries(ANALYTICS_METRICS.map((metric) => [metric, count])) as Record<AnalyticsMetric, typeof count>);
const metricSeries = z.object(
  Object.fromEntries(ANALYTICS_METRICS.map((metric) => [metric, z.array(count)])) as Record<AnalyticsMetric, z.ZodArray<typeof count>>,
);

export const analyticsReportSchema = z.object({
  /** The badge class asked for, or null for every badge class of the issuer. */
  badgeClass: z.object({ id: z.string(), name: z.string() }).nullable(),
  interval: z.enum(ANALYTICS_INTERVALS),
  from: z.string(),
  to: z.string(),
  /** Inclusive UTC days of each period (the first and last cut to the range). */
  periods: z.array(z.object({ start: z.string(), end: z.string() })),
  /** One number per period for each figure. */
  series: metricSeries,
  totals: metricCounts,
  /** Of the badges issued in the range: how many were claimed, accepted, and accepted and shared. */
  funnel: z.array(
    z.object({
      step: z.enum(FUNNEL_STEPS),
      count,
      /** Share of the step before (null for the first step, or when the one before is 0). */
      rateOfPrevious: z.number().nullable(),
      /** Share of the issued badges (null when none were issued). */
      rateOfIssued: z.number().nullable(),
    }),
  ),
  /** The totals of each badge class in the report. */
  badgeClasses: z.array(z.object({ id: z.string(), name: z.string(), totals: metricCounts })),
});
export type AnalyticsReport = z.infer<typeof analyticsReportSchema>;
export type MetricCounts = AnalyticsReport['totals'];
export type FunnelEntry = AnalyticsReport['funnel'][number];
