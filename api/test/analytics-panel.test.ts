// The analytics panel as the console serves it: readable tables without JavaScript, the funnel, chart data
// embedded as JSON, and uPlot and the chart script served by the API under the page's policy.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { analyticsAssetUrls } from '../src/analytics/assets';
import { cspHash, INLINE_SCRIPTS } from '../src/pages/csp';
import { issueBadge, issuerWithBadge, PUBLIC_URL, worldsClosedAfterEach } from './earners-helpers';
import { ANALYTICS_PATH, mountAnalyticsPanel } from './support/analyticsPanelApp';

const world = worldsClosedAfterEach();

async function panelWorld() {
  const w = await world();
  let consoleIssuer = '';
  mountAnalyticsPanel(w.app, () => consoleIssuer);
  const issuer = await issuerWithBadge(w, 'Safe <b>Welding</b>');
  const other = await issuerWithBadge(w, 'Theirs', 'Other Guild');
  consoleIssuer = issuer.issuer.id;
  return { w, issuer, other };
}

function parse(html: string): Document {
  const window = new Window({ url: PUBLIC_URL });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('the analytics panel', () => {
  it('shows totals, funnel, per-period and per-badge-class tables, with interval and CSV links', async () => {
    const { w, issuer } = await panelWorld();
    await issueBadge(w, issuer, 'bob@example.com', 'Bob Roe');
    await issueBadge(w, issuer, 'ann@example.com', 'Ann Roe');
    const res = await w.app.request(`${ANALYTICS_PATH}?interval=week`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    const page = parse(await res.text());
    const total = (metric: string) => page.querySelector(`tr[data-metric="${metric}"] td`)?.textContent;
    expect(total('issued')).toBe('2');
    expect(total('verifications')).toBe('0');
    expect(page.querySelector('li[data-step="issued"]')?.textContent).toContain('100 %');
    expect(page.querySelector('li[data-step="claimed"] meter')?.getAttribute('value')).toBe('0');
    expect(page.querySelector('a[aria-current="page"]')?.textContent).toBe('By week');
    expect(page.querySelector(`a[href="${ANALYTICS_PATH}?interval=month"]`)).not.toBeNull();
    expect(page.querySelector(`a[href="${ANALYTICS_PATH}?interval=week&format=csv"]`)?.textContent).toContain('Download CSV');
    // The badge class's name is text, never markup; it links to its own figures.
    const byClass = page.querySelector(`a[href="${ANALYTICS_PATH}?badge=${issuer.badgeClassId}&interval=week"]`);
    expect(byClass?.textContent).toBe('Safe <b>Welding</b>');
    expect(page.querySelectorAll('.analytics-chart[data-analytics-chart]')).toHaveLength(2);
    const data = JSON.parse(page.getElementById('analytics-chart-data')!.textContent!);
    expect(data.charts.lifecycle.series[0]).toEqual({ label: 'Issued', values: expect.any(Array) });
    expect(data.charts.lifecycle.series[0].values.reduce((sum: number, value: number) => sum + value, 0)).toBe(2);
    expect(data.periods.length).toBe(data.charts.lifecycle.series[0].values.length);
  });

  it('loads only scripts and styles the page policy allows: the served assets, no unhashed inline code', async () => {
    const { w } = await panelWorld();
    const res = await w.app.request(ANALYTICS_PATH, { headers: { Accept: 'text/html' } });
    const policy = res.headers.get('content-security-policy')!;
    const page = parse(await res.text());
    const assets = analyticsAssetUrls(PUBLIC_URL);
    const scripts = [...page.querySelectorAll('script')];
    expect(scripts.filter((script) => script.getAttribute('src')).map((script) => script.getAttribute('src'))).toEqual([assets.uplotScript, assets.chartScript]);
    for (const inline of scripts.filter((script) => !script.getAttribute('src') && script.getAttribute('type') !== 'application/json')) {
      expect(INLINE_SCRIPTS.map(cspHash)).toContain(cspHash(inline.textContent ?? ''));
    }
    expect(page.querySelectorAll('[style]')).toHaveLength(0);
    const scriptSources = /script-src ([^;]+)/.exec(policy)![1].split(' ');
    const styleSources = /style-src ([^;]+)/.exec(policy)![1].split(' ');
    expect(scriptSources).toContain(`${PUBLIC_URL}/assets/`);
    expect(styleSources).toContain(`${PUBLIC_URL}/assets/`);
    expect(scriptSources).not.toContain("'self'");
    for (const link of page.querySelectorAll('link[rel="stylesheet"]')) expect(link.getAttribute('href')!.startsWith(`${PUBLIC_URL}/assets/`)).toBe(true);
  });

  it('serves uPlot and the chart files under content-hashed names with a long immutable cache; other names are 404', async () => {
    const { w } = await panelWorld();
    const assets = analyticsAssetUrls(PUBLIC_URL);
    for (const [url, type] of [
      [assets.uplotScript, 'text/javascript'],
      [assets.chartScript, 'text/javascript'],
      [assets.uplotStyles, 'text/css'],
      [assets.panelStyles, 'text/css'],
    ]) {
      expect(url).toMatch(/\/assets\/[a-z-]+\.[A-Za-z0-9_-]{16}\.(js|css)$/);
      const res = await w.app.request(url.slice(PUBLIC_URL.length));
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect((await w.app.request(assets.uplotScript.slice(PUBLIC_URL.length))).headers.get('content-type')).toContain('javascript');
    expect((await (await w.app.request(assets.uplotScript.slice(PUBLIC_URL.length))).text())).toContain('uPlot');
    for (const path of ['/assets/uplot.js', '/assets/uplot.0000000000000000.js', '/assets/..%2Fpackage.json']) {
      expect((await w.app.request(path)).status, path).toBe(404);
    }
  });

  it("answers the CSV, a 404 page for another issuer's badge class, and a 400 page for a bad query", async () => {
    const { w, other } = await panelWorld();
    const csv = await w.app.request(`${ANALYTICS_PATH}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toBe('section,badge_class_id,badge_class,period_start,period_end,figure,value');
    const theirs = await w.app.request(`${ANALYTICS_PATH}?badge=${other.badgeClassId}`, { headers: { Accept: 'text/html' } });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get('content-type')).toContain('text/html');
    expect(await theirs.text()).not.toContain('Theirs');
    const bad = await w.app.request(`${ANALYTICS_PATH}?interval=hour`, { headers: { Accept: 'text/html' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('text/html');
  });
});
