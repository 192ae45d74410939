// @vitest-environment node
// The extension's folders say which bundle their code lands in (see the table below); this test
// follows every import statically (the TypeScript parser, type-only imports skipped: they leave
// no code) and fails when a file reaches code that must not be in its bundle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const EXTENSION = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(EXTENSION, '..');

/** Where code runs, by folder (paths relative to extension/). */
const BACKGROUND_ONLY = ['background/'];
const CONTENT_SCRIPT_CODE = ['content/', 'features/', 'components/', 'sites/'];
const PAGE_UI_FOR_OTHER_SITES = ['content/', 'features/', 'components/'];
/** Packages that stay out of content scripts: validation is the background's job, and these are heavy. */
const HEAVY_FOR_CONTENT_SCRIPTS = [/^zod($|\/)/, /^wxt\/utils\/storage$/, /^@wxt-dev\/storage$/];

function extensionPath(file: string): string {
  return relative(EXTENSION, file).split('\\').join('/');
}

function isTest(file: string): boolean {
  const path = extensionPath(file);
  return /\.test\.tsx?$/.test(path) || path.startsWith('test/');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts') && statSync(file).isFile());
}

interface Imports {
  /** Files of this repository that the module loads. */
  files: string[];
  /** Packages it loads ("preact", "wxt/browser"). */
  packages: string[];
}

const importCache = new Map<string, Imports>();

/** The modules a file loads at run time: static and dynamic imports and re-exports, not `import type`. */
function importsOf(file: string): Imports {
  const known = importCache.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const imports: Imports = { files: [], packages: [] };
  for (const specifier of specifiers) {
    if (!specifier.startsWith('.')) {
      imports.packages.push(specifier);
      continue;
    }
    const resolved = resolveModule(resolve(dirname(file), specifier.replace(/\?.*$/, '')));
    if (!resolved) throw new Error(`${extensionPath(file)}: cannot resolve ${specifier}`);
    if (/\.tsx?$/.test(resolved)) imports.files.push(resolved);
  }
  importCache.set(file, imports);
  return imports;
}

function resolveModule(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every repository file and package a file loads, directly or through others, with one import chain to each. */
function reach(start: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>([[start, [start]]]);
  const packages = new Map<string, string[]>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const chain = files.get(file)!;
    const imports = importsOf(file);
    for (const name of imports.packages) if (!packages.has(name)) packages.set(name, chain);
    for (const next of imports.files) {
      if (files.has(next)) continue;
      files.set(next, [...chain, next]);
      queue.push(next);
    }
  }
  return { files, packages };
}

function inFolders(file: string, folders: readonly string[]): boolean {
  const path = extensionPath(file);
  return !path.startsWith('..') && folders.some((folder) => path.startsWith(folder));
}

function describeChain(chain: string[]): string {
  return chain.map((file) => relative(ROOT, file)).join(' → ');
}

/** The files of `start`'s closure in `folders`, each with the import chain that reaches it. */
function reachedIn(start: string, folders: readonly string[]): string[] {
  return [...reach(start).files].filter(([file]) => file !== start && inFolders(file, folders)).map(([, chain]) => describeChain(chain));
}

const allFiles = sourceFiles(EXTENSION).filter((file) => !isTest(file));
const entrypointFiles = allFiles.filter((file) => extensionPath(file).startsWith('entrypoints/'));
const contentEntrypoints = entrypointFiles.filter((file) => /^entrypoints\/[^/]+\.content(\/index\.tsx?|\.tsx?)$/.test(extensionPath(file)));
const backgroundEntrypoint = resolveModule(join(EXTENSION, 'entrypoints/background'))!;
const pageEntrypoints = entrypointFiles.filter((file) => /^entrypoints\/[^/]+\/main\.tsx?$/.test(extensionPath(file)));
const contentScriptFiles = [...contentEntrypoints, ...allFiles.filter((file) => inFolders(file, CONTENT_SCRIPT_CODE))];

describe('where code runs', () => {
  test('the bundles are found', () => {
    expect(contentEntrypoints.map(extensionPath).sort()).toEqual(['entrypoints/jobsites.content/index.ts', 'entrypoints/linkedin.content/index.ts']);
    expect(pageEntrypoints.map(extensionPath).sort()).toEqual(['entrypoints/options/main.tsx', 'entrypoints/popup/main.tsx']);
    expect(existsSync(backgroundEntrypoint)).toBe(true);
    expect(contentScriptFiles.length).toBeGreaterThan(20);
  });

  test('the import follower sees through re-exports and skips type-only imports', () => {
    // features/index.ts imports its features by value, content/messaging.ts imports its message types only.
    expect(importsOf(join(EXTENSION, 'features/index.ts')).files.map(extensionPath)).toContain('features/linkedin-badge-overlays.tsx');
    expect(importsOf(join(EXTENSION, 'content/messaging.ts')).files.map((file) => relative(ROOT, file))).not.toContain('shared/schemas/messages.ts');
    // And the background does reach background-only code and zod (the rule below can fail).
    expect(reachedIn(backgroundEntrypoint, BACKGROUND_ONLY).length).toBeGreaterThan(3);
    expect([...reach(backgroundEntrypoint).packages.keys()]).toContain('zod');
  });

  test.each(contentScriptFiles.map((file) => [extensionPath(file), file]))('content-script code %s reaches no background-only module', (_path, file) => {
    expect(reachedIn(file, BACKGROUND_ONLY)).toEqual([]);
  });

  test.each(contentScriptFiles.map((file) => [extensionPath(file), file]))('content-script code %s loads neither zod nor the storage library', (_path, file) => {
    const heavy = [...reach(file).packages].filter(([name]) => HEAVY_FOR_CONTENT_SCRIPTS.some((pattern) => pattern.test(name)));
    expect(heavy.map(([name, chain]) => `${describeChain(chain)} → ${name}`)).toEqual([]);
  });

  test.each(pageEntrypoints.map((file) => [extensionPath(file), file]))('the page %s reaches no background-only module (it sends messages)', (_path, file) => {
    expect(reachedIn(file, BACKGROUND_ONLY)).toEqual([]);
  });

  test.each([backgroundEntrypoint, ...pageEntrypoints].map((file) => [extensionPath(file), file]))('%s reaches no UI made for other sites’ pages', (_path, file) => {
    expect(reachedIn(file, PAGE_UI_FOR_OTHER_SITES)).toEqual([]);
  });

  test.each(allFiles.filter((file) => inFolders(file, ['common/'])).map((file) => [extensionPath(file), file]))('shared helper %s belongs to no bundle in particular', (_path, file) => {
    expect(reachedIn(file, [...BACKGROUND_ONLY, ...PAGE_UI_FOR_OTHER_SITES, 'entrypoints/', 'earner/', 'options/'])).toEqual([]);
  });

  test('entrypoints/ holds only entrypoints: files that define one, folders with an index', () => {
    const entries = readdirSync(join(EXTENSION, 'entrypoints'), { withFileTypes: true });
    for (const entry of entries) {
      const path = join(EXTENSION, 'entrypoints', entry.name);
      if (entry.isDirectory()) {
        expect(['index.ts', 'index.tsx', 'index.html'].some((index) => existsSync(join(path, index))), entry.name).toBe(true);
      } else {
        expect(readFileSync(path, 'utf8'), entry.name).toMatch(/export default define(Background|ContentScript|UnlistedScript)\(/);
      }
    }
  });
});
