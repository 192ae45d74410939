// Every figure of an analytics report as one CSV table (RFC 4180), one figure per line, so that a
// spreadsheet can filter and pivot it. Pure.
import { ANALYTICS_METRICS, type AnalyticsReport } from '../../../shared/schemas/analytics';
import { parseAccept } from '../http/negotiate';

export const ANALYTICS_CSV_COLUMNS = ['section', 'badge_class_id', 'badge_class', 'period_start', 'period_end', 'figure', 'value'] as const;

/**
 * One cell: quoted when it holds a comma, quote or line break; text a spreadsheet would take for a formula
 * (= + - @, tab, carriage return first) gets a leading apostrophe, so a badge class name never runs as one.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type Row = Record<(typeof ANALYTICS_CSV_COLUMNS)[number], string | number | null>;

/**
 * Sections: `period` (each figure per period, for the report's scope), `total` (the scope's totals),
 * `badge_class_total` (each badge class's totals) and `funnel` (each step's count and rates). An empty
 * badge_class_id means every badge class of the issuer.
 */
export function analyticsCsv(report: AnalyticsReport): string {
  const scope = { badge_class_id: report.badgeClass?.id ?? '', badge_class: report.badgeClass?.name ?? 'All badge classes' };
  const whole = { period_start: report.from, period_end: report.to };
  const rows: Row[] = [];
  report.periods.forEach((period, index) => {
    for (const metric of ANALYTICS_METRICS) {
      rows.push({ section: 'period', ...scope, period_start: period.start, period_end: period.end, figure: metric, value: report.series[metric][index] });
    }
  });
  for (const metric of ANALYTICS_METRICS) rows.push({ section: 'total', ...scope, ...whole, figure: metric, value: report.totals[metric] });
  for (const badgeClass of report.badgeClasses) {
    for (const metric of ANALYTICS_METRICS) {
      rows.push({ section: 'badge_class_total', badge_class_id: badgeClass.id, badge_class: badgeClass.name, ...whole, figure: metric, value: badgeClass.totals[metric] });
    }
  }
  for (const entry of report.funnel) {
    rows.push({ section: 'funnel', ...scope, ...whole, figure: entry.step, value: entry.count });
    rows.push({ section: 'funnel', ...scope, ...whole, figure: `${entry.step}_rate_of_previous`, value: entry.rateOfPrevious });
    rows.push({ section: 'funnel', ...scope, ...whole, figure: `${entry.step}_rate_of_issued`, value: entry.rateOfIssued });
  }
  const lines = [ANALYTICS_CSV_COLUMNS.join(','), ...rows.map((row) => ANALYTICS_CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The download's file name: badgelens-analytics-<scope>-<from>-<to>-<interval>.csv (ids are URL-safe). */
export function analyticsCsvFileName(report: AnalyticsReport): string {
  const scope = report.badgeClass ? report.badgeClass.id.replace(/[^A-Za-z0-9_-]/g, '') : 'all';
  return `badgelens-analytics-${scope}-${report.from}-${report.to}-${report.interval}.csv`;
}

/**
 * CSV rather than JSON: `format=csv`, or no `format` and an Accept header that ranks text/csv above
 * application/json (exact types only: `*\/*` keeps JSON).
 */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  const ranges = parseAccept(accept ?? '');
  const quality = (type: string, subtype: string) => Math.max(0, ...ranges.filter((range) => range.type === type && range.subtype === subtype).map((range) => range.q));
  const csv = quality('text', 'csv');
  return csv > 0 && csv > quality('application', 'json');
}
