// The analytics panel's static files (uPlot from its npm package, the chart script and the panel's
// stylesheet), served by the API itself under /assets/<name>.<content hash>.<ext> with a year-long
// immutable cache: a new version is a new URL. The page policy allows scripts and styles from /assets/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const SOURCES = {
  uplotScript: { name: 'uplot', ext: 'js', type: JS, path: () => require.resolve('uplot/dist/uPlot.iife.min.js') },
  uplotStyles: { name: 'uplot', ext: 'css', type: CSS, path: () => require.resolve('uplot/dist/uPlot.min.css') },
  chartScript: { name: 'analytics-charts', ext: 'js', type: JS, path: () => fileURLToPath(new URL('./static/analytics-charts.js', import.meta.url)) },
  panelStyles: { name: 'analytics', ext: 'css', type: CSS, path: () => fileURLToPath(new URL('./static/analytics.css', import.meta.url)) },
} as const;
export type AnalyticsAsset = keyof typeof SOURCES;

interface LoadedAsset {
  fileName: string;
  type: string;
  bytes: Buffer;
}

let loaded: Map<AnalyticsAsset, LoadedAsset> | null = null;

/** Every asset, read once (about 60 KB) on first use. */
function assets(): Map<AnalyticsAsset, LoadedAsset> {
  if (!loaded) {
    loaded = new Map(
      (Object.keys(SOURCES) as AnalyticsAsset[]).map((key) => {
        const source = SOURCES[key];
        const bytes = readFileSync(source.path());
        const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
        return [key, { fileName: `${source.name}.${hash}.${source.ext}`, type: source.type, bytes }];
      }),
    );
  }
  return loaded;
}

/** The path prefix the page Content-Security-Policy allows scripts and styles from. */
export const ASSETS_PATH = '/assets/';

/** The absolute URL of each asset, for the server at `publicUrl`. */
export function analyticsAssetUrls(publicUrl: string): Record<AnalyticsAsset, string> {
  return Object.fromEntries([...assets()].map(([key, asset]) => [key, `${publicUrl}${ASSETS_PATH}${asset.fileName}`])) as Record<AnalyticsAsset, string>;
}

/** Mounted at /assets: each file under its content-hashed name; any other name is a 404. */
export const analyticsAssetRoutes = new Hono<AppEnv>().get('/:file', (c) => {
  const file = c.req.param('file');
  const asset = [...assets().values()].find((candidate) => candidate.fileName === file);
  if (!asset) return errorAnswer(c, 404, 'not_found', `No asset named "${file}".`);
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  return c.body(new Uint8Array(asset.bytes), 200);
});
