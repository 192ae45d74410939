// The content scripts run on every page of the sites they read (every LinkedIn page for one of
// them): each stays within 25 KB gzip. Reads the build that scripts/test.mjs makes just before
// (`npx wxt build`); a missing or outdated build fails rather than passing unchecked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { EXTENSION_DIR } from './support/chromium';

// 25 KB in the strict sense (25,000 bytes), below 25 KiB too.
const MAX_CONTENT_SCRIPT_GZIP_BYTES = 25_000;
const SOURCES = ['extension', 'shared'];

interface Manifest {
  content_scripts?: Array<{ js?: string[] }>;
}

function newestSourceChange(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const dir of SOURCES) {
    for (const entry of readdirSync(dir, { recursive: true })) {
      const file = join(dir, String(entry));
      if (!/\.(tsx?|css)$/.test(file) || /\.test\.tsx?$/.test(file) || file.startsWith(join('extension', 'test'))) continue;
      const { mtimeMs } = statSync(file);
      if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    }
  }
  return newest;
}

function builtManifest(): Manifest {
  const path = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(path)) throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npx wxt build\` first.`);
  const newest = newestSourceChange();
  if (newest.mtimeMs > statSync(path).mtimeMs) throw new Error(`The build is older than ${newest.file}: run \`npx wxt build\` again.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

describe('content script size', () => {
  const manifest = builtManifest();
  const scripts = readdirSync(join(EXTENSION_DIR, 'content-scripts')).filter((file) => file.endsWith('.js'));

  test('every content script is found: the declared ones and the one registered at run time', () => {
    const declared = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
    expect(declared).toContain('content-scripts/linkedin.js');
    for (const file of declared) expect(scripts).toContain(file.replace('content-scripts/', ''));
    expect(scripts).toEqual(expect.arrayContaining(['linkedin.js', 'jobsites.js']));
  });

  test.each(scripts)('content-scripts/%s is at most 25 KB gzip', (file) => {
    const bytes = readFileSync(join(EXTENSION_DIR, 'content-scripts', file));
    const gzip = gzipSync(bytes).length;
    expect(bytes.length, 'the script is empty').toBeGreaterThan(10_000);
    expect(gzip, `${file}: ${gzip} bytes gzip`).toBeLessThanOrEqual(MAX_CONTENT_SCRIPT_GZIP_BYTES);
  });
});
