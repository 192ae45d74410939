// The API is grouped by domain: a feature's router (`<domain>/routes.ts`, `<domain>/*Routes.ts`), API docs,
// services and presenters live in one folder; app.ts and openapi.ts at the top compose them, and db/ is the
// one data layer every domain (and both database engines) share. There is no layer folder of routers.
// Code that builds data (Open Badges documents, credentials, verification, the database, outbound
// fetching, mail) never reaches the HTML pages or any router, so a JSON answer cannot start depending on
// a page. A domain folder's own router and API docs are its HTTP edge and are not checked themselves.
// The test follows imports transitively and names the path.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

const DATA_LAYERS = ['openbadges/', 'credentials/', 'ob3/', 'verify/', 'db/', 'fetch/', 'mail/', 'lib/'];

/** A router (it builds a Hono app) or an OpenAPI descriptor file: the HTTP edge of a domain folder. */
function isHttpEdge(file: string): boolean {
  return file.endsWith('apiDocs.ts') || readFileSync(file, 'utf8').includes('new Hono');
}
const PAGES = 'pages/';

/** Pages, and every router wherever it lives: what a data layer must never reach. */
function isPresentation(file: string): boolean {
  return srcPath(file).startsWith(PAGES) || (!file.endsWith('apiDocs.ts') && isHttpEdge(file));
}

/** The only .ts files allowed directly in api/src: the composition roots, configuration and the entry point. */
const TOP_LEVEL_FILES = ['app.ts', 'config.ts', 'openapi.ts', 'server.ts'];

function srcPath(file: string): string {
  return relative(SRC, file).split('\\').join('/');
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const importCache = new Map<string, string[]>();

function localImportsOf(file: string): string[] {
  let imports = importCache.get(file);
  if (!imports) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    imports = importedFiles.map((entry) => resolveImport(file, entry.fileName)).filter((path): path is string => path !== null);
    importCache.set(file, imports);
  }
  return imports;
}

/** The first import chain from `file` to a presentation module, or null. */
function chainToPresentation(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const imported of localImportsOf(file)) {
    const path = srcPath(imported);
    if (path.startsWith('..')) continue;
    if (isPresentation(imported)) return [srcPath(file), path];
    const rest = chainToPresentation(imported, seen);
    if (rest) return [srcPath(file), ...rest];
  }
  return null;
}

function sourceFiles(folder: string): string[] {
  const dir = join(SRC, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((file) => /\.tsx?$/.test(file) && statSync(file).isFile() && !isHttpEdge(file));
}

describe('API layers', () => {
  it('finds the data-layer files it checks', () => {
    expect(sourceFiles('openbadges/').length).toBeGreaterThan(3);
    expect(sourceFiles('db/').length).toBeGreaterThan(10);
  });

  it('the data layers never import pages or routes, directly or through another module', () => {
    const offenders = DATA_LAYERS.flatMap(sourceFiles)
      .map((file) => chainToPresentation(file))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.join(' → '));
    expect(offenders).toEqual([]);
    // It reads and follows every data-layer file's imports: slow on a busy machine, never stuck.
  }, 60_000);

  it('has no layer folder of routers: each router lives in its domain folder', () => {
    // Git keeps no empty folders, so the rule is about files: none under any folder named routes/.
    const underRoutesFolder = readdirSync(SRC, { recursive: true })
      .map((entry) => String(entry).split('\\').join('/'))
      .filter((path) => /(^|\/)routes\//.test(path) && statSync(join(SRC, path)).isFile());
    expect(underRoutesFolder).toEqual([]);
  });

  it('keeps only the composition roots, configuration and the entry point at the top of api/src', () => {
    const topFiles = readdirSync(SRC).filter((name) => /\.tsx?$/.test(name) && statSync(join(SRC, name)).isFile());
    expect(topFiles.sort()).toEqual(TOP_LEVEL_FILES);
  });

  it('would notice a router import (the check itself works)', () => {
    const probe = join(SRC, 'verify/relay.ts');
    expect(localImportsOf(probe).some(isPresentation)).toBe(true);
  });

  it('would notice a page import (the check itself works)', () => {
    const probe = join(SRC, 'http/objectResponses.ts');
    expect(chainToPresentation(probe)?.at(-1)).toMatch(/^pages\//);
  }, 60_000);
});
