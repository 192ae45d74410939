// Static files served by the API itself under /assets/<name>.<content hash>.<ext> with a year-long
// immutable cache: a new version is a new URL. Pages' policies allow scripts and styles from /assets/.
// Each feature declares its files (an npm package's file, or one of ours) in a table; the app serves
// every table's files from one router.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import type { AppEnv } from './env';
import { errorAnswer } from './errors';

export const JS = 'text/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';

/** The path prefix the pages' Content-Security-Policies allow scripts and styles from. */
export const ASSETS_PATH = '/assets/';

/** A file on disk (`path`, resolved on first use) or text the code holds (`text`). */
export type AssetSource = {
  /** The file's name before its hash, e.g. "uplot". */
  name: string;
  ext: 'js' | 'css';
  type: string;
} & ({ path: () => string } | { text: string });

interface LoadedAsset {
  fileName: string;
  type: string;
  bytes: Buffer;
  /** The bytes gzipped, made on the first request that accepts them (Scalar's 4.9 MB bundle gzips to about a quarter). */
  gzipped?: Promise<Buffer>;
}

const gzipBytes = promisify(gzip);

export interface AssetTable<Key extends string> {
  /** The absolute URL of each file, for the server at `publicUrl`. */
  urls(publicUrl: string): Record<Key, string>;
  /** The file under this content-hashed name, if it is one of the table's. */
  find(fileName: string): LoadedAsset | undefined;
}

/** A table of files, each read once on first use. */
export function assetTable<Key extends string>(sources: Record<Key, AssetSource>): AssetTable<Key> {
  let loaded: Map<Key, LoadedAsset> | null = null;
  const assets = (): Map<Key, LoadedAsset> => {
    if (!loaded) {
      loaded = new Map(
        (Object.keys(sources) as Key[]).map((key) => {
          const source = sources[key];
          const bytes = 'text' in source ? Buffer.from(source.text, 'utf8') : readFileSync(source.path());
          const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
          return [key, { fileName: `${source.name}.${hash}.${source.ext}`, type: source.type, bytes }];
        }),
      );
    }
    return loaded;
  };
  return {
    urls: (publicUrl) => Object.fromEntries([...assets()].map(([key, asset]) => [key, `${publicUrl}${ASSETS_PATH}${asset.fileName}`])) as Record<Key, string>,
    find: (fileName) => [...assets().values()].find((asset) => asset.fileName === fileName),
  };
}

/**
 * Mounted at /assets: each table's files under their content-hashed names, gzipped for clients that
 * accept it; any other name is a 404.
 */
export function assetRoutes(tables: readonly AssetTable<string>[]) {
  return new Hono<AppEnv>().get('/:file', async (c) => {
    const file = c.req.param('file');
    const asset = tables.map((table) => table.find(file)).find((found) => found !== undefined);
    if (!asset) return errorAnswer(c, 404, 'not_found', `No asset named "${file}".`);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Vary', 'Accept-Encoding');
    const encoding = accepts(c, { header: 'Accept-Encoding', supports: ['gzip', 'identity'], default: 'identity' });
    if (encoding !== 'gzip') return c.body(new Uint8Array(asset.bytes), 200);
    asset.gzipped ??= gzipBytes(asset.bytes, { level: 9 });
    c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(await asset.gzipped), 200);
  });
}
