/** @jsxImportSource hono/jsx */
// A test-only console: the real app with the analytics page mounted at ANALYTICS_PATH for one issuer,
// as the issuer console mounts it (api/src/console/routes.ts), without its staff login.
import type { Hono } from 'hono';
import { analyticsPage } from '../../src/analytics/console';
import type { AppEnv } from '../../src/http/env';
import { Layout } from '../../src/pages/Layout';

// Not under /console/: the real console's routes own that path.
export const ANALYTICS_PATH = '/test-console/analytics';

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
