/** @jsxImportSource hono/jsx */
// The console's analytics page in one call: validates the query, loads the report, and answers the panel
// inside the caller's layout, or the CSV download. The console mounts it behind its own staff login.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { analyticsQuerySchema } from '../../../shared/schemas/analytics';
import type { AppEnv } from '../http/env';
import { errorAnswer, issuesOf } from '../http/errors';
import { analyticsCsv, analyticsCsvFileName, wantsCsv } from './csv';
import { loadAnalytics } from './load';
import { AnalyticsPanel } from './page';

export interface AnalyticsPageOptions {
  issuerId: string;
  /** The page's own path (e.g. /console/analytics): the panel's links and form point at it. */
  basePath: string;
  /** Wraps the panel in the console's page (its Layout, navigation, h1). */
  layout: (panel: Child) => HtmlEscapedString | Promise<HtmlEscapedString>;
}

/** GET <basePath>?badge=&from=&to=&interval=&format= for a person: an HTML page, or the CSV with format=csv. */
export async function analyticsPage(c: Context<AppEnv>, { issuerId, basePath, layout }: AnalyticsPageOptions): Promise<Response> {
  const parsed = analyticsQuerySchema.safeParse(c.req.query());
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    return errorAnswer(c, 400, 'invalid_request', `Invalid query string: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, {
      issues,
      link: { href: basePath, label: 'Back to analytics' },
    });
  }
  const query = parsed.data;
  const { db, now, publicUrl } = c.var.deps;
  const report = await loadAnalytics(c.var.deps, issuerId, query, now());
  if (!report) return errorAnswer(c, 404, 'not_found', 'There is no such badge class.', { link: { href: basePath, label: 'Back to analytics' } });
  c.header('Cache-Control', 'no-store');
  if (wantsCsv(query.format, c.req.header('accept'))) {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${analyticsCsvFileName(report)}"`);
    return c.body(analyticsCsv(report), 200);
  }
  const { format: _csv, ...pageQuery } = query;
  return c.html(layout(<AnalyticsPanel report={report} query={pageQuery} basePath={basePath} publicUrl={publicUrl} />), 200);
}
