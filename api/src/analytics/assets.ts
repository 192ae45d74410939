// The analytics panel's static files (uPlot from its npm package, the chart script and the panel's
// stylesheet), served under /assets/ (see http/assets.ts).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assetTable, CSS, JS } from '../http/assets';

const require = createRequire(import.meta.url);

export const analyticsAssets = assetTable({
  uplotScript: { name: 'uplot', ext: 'js', type: JS, path: () => require.resolve('uplot/dist/uPlot.iife.min.js') },
  uplotStyles: { name: 'uplot', ext: 'css', type: CSS, path: () => require.resolve('uplot/dist/uPlot.min.css') },
  chartScript: { name: 'analytics-charts', ext: 'js', type: JS, path: () => fileURLToPath(new URL('./static/analytics-charts.js', import.meta.url)) },
  panelStyles: { name: 'analytics', ext: 'css', type: CSS, path: () => fileURLToPath(new URL('./static/analytics.css', import.meta.url)) },
});

/** The absolute URL of each asset, for the server at `publicUrl`. */
export const analyticsAssetUrls = (publicUrl: string) => analyticsAssets.urls(publicUrl);
