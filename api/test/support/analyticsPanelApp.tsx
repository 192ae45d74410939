/** @jsxImportSource hono/jsx */
// A test-only console: the real app with the analytics page mounted at /console/analytics for one issuer,
// as the issuer console mounts it (the console itself is built elsewhere).
import type { Hono } from 'hono';
import { analyticsPage } from '../../src/analytics/console';
import type { AppEnv } from '../../src/http/env';
import { Layout } from '../../src/pages/Layout';

export const ANALYTICS_PATH = '/console/analytics';

/** Mount before the app's first request (Hono builds its router then); the console's issuer is the one `issuerId()` names. */
export function mountAnalyticsPanel(app: Hono<AppEnv>, issuerId: () => string): void {
  app.get(ANALYTICS_PATH, (c) =>
    analyticsPage(c, {
      issuerId: issuerId(),
      basePath: ANALYTICS_PATH,
      layout: (panel) => (
        <Layout title="Analytics" publicUrl={c.var.deps.publicUrl} noIndex>
          <h1>Analytics</h1>
          {panel}
        </Layout>
      ),
    }),
  );
}
