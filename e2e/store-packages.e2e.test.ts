// What `npm run zip` hands to the stores: a Chrome and a Firefox package with their icons, words
// and browser-specific settings, and the sources zip Firefox's reviewers rebuild the package from.
// scripts/test.mjs runs `npm run zip` before the real-browser tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { EXTENSION_ICON_SIZES } from '../scripts/extension-icons';
import { apiFilesImportedByExtension } from '../scripts/extension-sources';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const zipPath = (kind: 'chrome' | 'firefox' | 'sources') => resolve('.output', `badgelens-${packageJson.version}-${kind}.zip`);

async function openZip(kind: 'chrome' | 'firefox' | 'sources'): Promise<JSZip> {
  const path = zipPath(kind);
  if (!existsSync(path)) throw new Error(`No ${path}: run \`npm run zip\` first.`);
  return JSZip.loadAsync(readFileSync(path));
}

async function manifestOf(zip: JSZip): Promise<Record<string, any>> {
  return JSON.parse(await zip.file('manifest.json')!.async('string'));
}

async function checkCommonParts(zip: JSZip) {
  const manifest = await manifestOf(zip);
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.version).toBe(packageJson.version);
  // Every icon size, a real PNG of that size.
  expect(Object.keys(manifest.icons).map(Number).sort((a, b) => a - b)).toEqual([...EXTENSION_ICON_SIZES]);
  for (const [size, path] of Object.entries(manifest.icons as Record<string, string>)) {
    const png = Buffer.from(await zip.file(path)!.async('uint8array'));
    expect(png.readUInt32BE(16), path).toBe(Number(size));
    expect(png.readUInt32BE(20), path).toBe(Number(size));
  }
  // The name and description come from the English messages, and the description fits the stores (132 characters).
  expect(manifest.default_locale).toBe('en');
  const messages = JSON.parse(await zip.file('_locales/en/messages.json')!.async('string')) as Record<string, { message: string }>;
  expect(manifest.name).toBe('__MSG_extName__');
  expect(messages.extName.message).toBe('BadgeLens');
  expect(messages.extDescription.message.length).toBeLessThanOrEqual(132);
  for (const placeholder of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)) expect(messages, placeholder[1]).toHaveProperty(placeholder[1]);
  // Nothing that is not the extension (source maps, tests, the API).
  expect(Object.keys(zip.files).filter((name) => /\.map$|\.test\.|^api\//.test(name))).toEqual([]);
  return manifest;
}

describe('npm run zip', () => {
  test('the Chrome package: a service worker, the icons, the words', async () => {
    const manifest = await checkCommonParts(await openZip('chrome'));
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  test('the Firefox package: an event page, its add-on id and its data-collection declaration', async () => {
    const manifest = await checkCommonParts(await openZip('firefox'));
    // Firefox runs Manifest V3 backgrounds as event pages (scripts), not service workers.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'badgelens@badgelens.example',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['websiteContent', 'authenticationInfo'] },
    });
  });

  test('the sources zip rebuilds the very same Firefox package', async () => {
    const sources = await openZip('sources');
    const names = Object.keys(sources.files);
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'scripts/extension-icons.ts', 'shared/brand.ts', 'extension/entrypoints/background.ts', 'extension/public/_locales/en/messages.json', 'docs/extension-store.md']) {
      expect(names, needed).toContain(needed);
    }
    expect(names.filter((name) => /^(node_modules|e2e|bench|\.output)\//.test(name))).toEqual([]);
    // Of the API, only the verification code the service worker runs (trustless mode), never its tests.
    const apiFiles = names.filter((name) => name.startsWith('api/') && !sources.files[name].dir).sort();
    expect(apiFiles).toEqual(apiFilesImportedByExtension(resolve('.')));
    expect(apiFiles.filter((name) => !/^api\/src\/(verify|credentials|fetch|openbadges)\//.test(name))).toEqual([]);

    // A reviewer unpacks it, installs the same dependencies (here: linked) and builds.
    const dir = mkdtempSync(join(tmpdir(), 'badgelens-sources-'));
    try {
      for (const [name, entry] of Object.entries(sources.files)) {
        if (entry.dir) continue;
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), await entry.async('uint8array'));
      }
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
      // As from a shell: without the test runner's NODE_ENV=test and VITEST variables, which change the bundle.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
      execFileSync(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], { cwd: dir, env, stdio: 'pipe' });
      const built = join(dir, '.output', 'firefox-mv3');
      const shipped = await openZip('firefox');
      const shippedFiles = Object.keys(shipped.files).filter((name) => !shipped.files[name].dir).sort();
      const builtFiles = readdirSync(built, { recursive: true }).map(String).filter((name) => statSync(join(built, name)).isFile()).sort();
      expect(builtFiles).toEqual(shippedFiles);
      for (const name of shippedFiles) {
        const shippedBytes = Buffer.from(await shipped.file(name)!.async('uint8array'));
        expect(readFileSync(join(built, name)).equals(shippedBytes), name).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
