// Which API files the extension's code imports: its trustless mode runs the API's own Open Badges
// verification code in the service worker. Firefox's reviewers rebuild the package from the sources
// zip, so those files (and only those of api/) go into it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$|(^|[\\/])test[\\/]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((file) => SOURCE.test(file) && !TEST.test(relative(dir, file)) && statSync(file).isFile());
}

/** The file a relative import names: as written (.json), or with a TypeScript extension, or its index. */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file under api/ reached from the extension's and shared/'s non-test code, as root-relative paths. */
export function apiFilesImportedByExtension(root: string): string[] {
  const apiDir = join(root, 'api') + sep;
  const seen = new Set<string>();
  const queue = [...sourceFiles(join(root, 'extension')), ...sourceFiles(join(root, 'shared'))];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!SOURCE.test(file)) continue;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].filter((file) => file.startsWith(apiDir)).map((file) => relative(root, file).split(sep).join('/')).sort();
}
