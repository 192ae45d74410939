/** @jsxImportSource hono/jsx */
// The analytics panel for the issuer console: tables that read without JavaScript, the claim-rate funnel,
// and uPlot charts drawn by a served script from data embedded as JSON. No inline script or style runs.
import { raw } from 'hono/html';
import {
  ANALYTICS_INTERVALS,
  ANALYTICS_METRICS,
  type AnalyticsInterval,
  type AnalyticsMetric,
  type AnalyticsQuery,
  type AnalyticsReport,
  type FunnelStep,
} from '../../../shared/schemas/analytics';
import { Heading } from '../pages/components';
import { formatDate } from '../pages/format';
import { analyticsAssetUrls } from './assets';

export const METRIC_LABELS: Record<AnalyticsMetric, string> = {
  issued: 'Issued',
  claimed: 'Claimed',
  accepted: 'Accepted',
  declined: 'Declined',
  revoked: 'Revoked',
  views: 'Badge page views',
  sharesLinkedin: 'Shared on LinkedIn',
  sharesX: 'Shared on X',
  sharesFacebook: 'Shared on Facebook',
  sharesEmail: 'Shared by email',
  addedToLinkedin: 'Added to LinkedIn profile',
  verifications: 'Verified by the extension',
};

const FUNNEL_LABELS: Record<FunnelStep, string> = { issued: 'Issued', claimed: 'Claimed', accepted: 'Accepted', shared: 'Shared' };
const INTERVAL_LABELS: Record<AnalyticsInterval, string> = { day: 'By day', week: 'By week', month: 'By month' };
const PERIOD_LABELS: Record<AnalyticsInterval, string> = { day: 'Day', week: 'Week from', month: 'Month from' };
/** The figures the per-badge-class table shows. */
const BADGE_CLASS_METRICS = ['issued', 'claimed', 'accepted', 'views', 'verifications'] as const;

/** A table's column headings, one per figure. */
function MetricHeadings({ metrics }: { metrics: readonly AnalyticsMetric[] }) {
  return (
    <>
      {metrics.map((metric) => (
        <th scope="col" class="number">
          {METRIC_LABELS[metric]}
        </th>
      ))}
    </>
  );
}

/** The charts: which figures each one draws. */
export const ANALYTICS_CHARTS: { id: string; title: string; metrics: AnalyticsMetric[] }[] = [
  { id: 'lifecycle', title: 'Issued, claimed and decided', metrics: ['issued', 'claimed', 'accepted', 'declined', 'revoked'] },
  {
    id: 'reach',
    title: 'Views, shares and verifications',
    metrics: ['views', 'sharesLinkedin', 'sharesX', 'sharesFacebook', 'sharesEmail', 'addedToLinkedin', 'verifications'],
  },
];

/** The chart data the served script reads: periods and, per chart, labelled series. */
export function chartData(report: AnalyticsReport) {
  return {
    periodLabel: PERIOD_LABELS[report.interval],
    periods: report.periods,
    charts: Object.fromEntries(
      ANALYTICS_CHARTS.map((chart) => [
        chart.id,
        { title: chart.title, series: chart.metrics.map((metric) => ({ label: METRIC_LABELS[metric], values: report.series[metric] })) },
      ]),
    ),
  };
}

/** JSON that can sit inside <script>: no `<`, `>`, `&` or line separators that could end or confuse the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `basePath` with the query's parameters (the ones set), changed by `changes`. */
export function analyticsHref(basePath: string, query: Partial<AnalyticsQuery>, changes: Partial<AnalyticsQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of ['badge', 'from', 'to', 'interval', 'format'] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10} %`;
}

export interface AnalyticsPanelProps {
  report: AnalyticsReport;
  /** The query as the page received it (its links keep what the person chose). */
  query: Partial<AnalyticsQuery>;
  /** The page's own path, e.g. /console/analytics: interval, range and CSV links point at it. */
  basePath: string;
  publicUrl: string;
  /** The panel's heading level (the console page holds the h1). */
  headingLevel?: 2 | 3;
}

/**
 * The whole panel: put it inside the console's Layout. Its stylesheets and scripts come from /assets
 * (allowed by the page policy); `basePath?…&format=csv` must answer the CSV (analyticsCsv).
 */
export function AnalyticsPanel({ report, query, basePath, publicUrl, headingLevel = 2 }: AnalyticsPanelProps) {
  const assets = analyticsAssetUrls(publicUrl);
  const sub = (headingLevel + 1) as 3 | 4;
  const scope = report.badgeClass ? report.badgeClass.name : 'All badge classes';
  const issued = report.funnel[0]?.count ?? 0;
  return (
    <section class="analytics-panel" aria-labelledby="analytics-title">
      <link rel="stylesheet" href={assets.uplotStyles} />
      <link rel="stylesheet" href={assets.panelStyles} />
      <Heading level={headingLevel} id="analytics-title">
        Analytics: {scope}
      </Heading>
      <p>
        {formatDate(report.from)} to {formatDate(report.to)} (UTC days).{' '}
        {report.badgeClass && <a href={analyticsHref(basePath, query, { badge: undefined })}>Show all badge classes</a>}
      </p>
      <nav aria-label="Interval">
        <ul class="analytics-intervals">
          {ANALYTICS_INTERVALS.map((interval) => (
            <li>
              <a href={analyticsHref(basePath, query, { interval })} aria-current={interval === report.interval ? 'page' : undefined}>
                {INTERVAL_LABELS[interval]}
              </a>
            </li>
          ))}
          <li>
            <a href={analyticsHref(basePath, query, { format: 'csv' })} download>
              Download CSV
            </a>
          </li>
        </ul>
      </nav>
      <form class="analytics-range" method="get" action={basePath}>
        {query.badge && <input type="hidden" name="badge" value={query.badge} />}
        <input type="hidden" name="interval" value={report.interval} />
        <div class="field">
          <label for="analytics-from">From</label>
          <input id="analytics-from" type="date" name="from" value={report.from} required />
        </div>
        <div class="field">
          <label for="analytics-to">To</label>
          <input id="analytics-to" type="date" name="to" value={report.to} required />
        </div>
        <button class="button" type="submit">
          Show
        </button>
      </form>

      <Heading level={sub}>Totals</Heading>
      <table>
        <caption>Totals from {report.from} to {report.to}</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" class="number">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {ANALYTICS_METRICS.map((metric) => (
            <tr data-metric={metric}>
              <th scope="row">{METRIC_LABELS[metric]}</th>
              <td class="number">{report.totals[metric]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Heading level={sub}>Claim-rate funnel</Heading>
      <p>Of the {issued} badges issued in this range: how many were claimed, accepted, and shared at least once.</p>
      <ol class="analytics-funnel">
        {report.funnel.map((entry) => (
          <li data-step={entry.step}>
            <span>{FUNNEL_LABELS[entry.step]}</span>
            <span class="number">{entry.count}</span>
            <meter min={0} max={Math.max(1, issued)} value={entry.count} aria-label={`${FUNNEL_LABELS[entry.step]}: ${percent(entry.rateOfIssued)} of issued`} />
            <span class="number">{percent(entry.rateOfIssued)}</span>
          </li>
        ))}
      </ol>

      <Heading level={sub}>Over time</Heading>
      {ANALYTICS_CHARTS.map((chart) => (
        <figure>
          <div class="analytics-chart" data-analytics-chart={chart.id} data-analytics-source="analytics-chart-data" />
          <figcaption>
            {chart.title}, {INTERVAL_LABELS[report.interval].toLowerCase()} (the figures are in the table below).
          </figcaption>
        </figure>
      ))}
      <details>
        <summary>Figures by period</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{PERIOD_LABELS[report.interval]}</th>
              <MetricHeadings metrics={ANALYTICS_METRICS} />
            </tr>
          </thead>
          <tbody>
            {report.periods.map((period, index) => (
              <tr>
                <th scope="row">{period.start === period.end ? period.start : `${period.start} – ${period.end}`}</th>
                {ANALYTICS_METRICS.map((metric) => (
                  <td class="number">{report.series[metric][index]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      {!report.badgeClass && report.badgeClasses.length > 0 && (
        <>
          <Heading level={sub}>By badge class</Heading>
          <table>
            <thead>
              <tr>
                <th scope="col">Badge class</th>
                <MetricHeadings metrics={BADGE_CLASS_METRICS} />
              </tr>
            </thead>
            <tbody>
              {report.badgeClasses.map((badgeClass) => (
                <tr>
                  <th scope="row">
                    <a href={analyticsHref(basePath, query, { badge: badgeClass.id })}>{badgeClass.name}</a>
                  </th>
                  {BADGE_CLASS_METRICS.map((metric) => (
                    <td class="number">{badgeClass.totals[metric]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <script type="application/json" id="analytics-chart-data">
        {raw(jsonForScript(chartData(report)))}
      </script>
      <script src={assets.uplotScript} defer />
      <script src={assets.chartScript} defer />
    </section>
  );
}
