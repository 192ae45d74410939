// The repository must work when cloned alone: no source, test, script, config or document may
// name a path outside it (an absolute path of someone's machine, or a relative path that climbs
// above the repository root, like the `../shared` of the workspace it was written in).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.output', '.wxt', 'data', 'test-results', 'results']);
const TEXT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.sh', '.json', '.md', '.html', '.css', '.yml', '.yaml', '']);
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url));

/** Absolute paths into people's home or work folders (Linux, macOS, Windows); system paths like /usr/bin are fine. */
const ABSOLUTE_PATH = /(?<![\w.:/\\-])(?:file:\/\/)?(?:\/(?:work|home|Users|root|mnt|srv|workspace)\/|[A-Za-z]:\\{1,2}(?:Users|work)\b)[^\s'"`)]*/g;
/** A quoted string or a Markdown link target that starts with ../ */
const RELATIVE_PATH = /(?:['"`]|\]\()((?:\.\.\/)+[^'"`)\s]*)/g;

export interface OutsidePath {
  file: string;
  line: number;
  text: string;
}

function* repositoryFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* repositoryFiles(path);
    } else if (entry.isFile() && !entry.name.startsWith('.') && TEXT_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.lock')) {
      yield path;
    }
  }
}

/** Every place in one file's text that names a path outside `root` (the file lives at `file`). */
export function outsidePathsIn(text: string, file: string, root: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const match of line.matchAll(ABSOLUTE_PATH)) found.push({ file, line: index + 1, text: match[0] });
    for (const match of line.matchAll(RELATIVE_PATH)) {
      const target = resolve(dirname(file), match[1]);
      if (target !== root && !target.startsWith(root + sep)) found.push({ file, line: index + 1, text: match[1] });
    }
  });
  return found;
}

describe('paths outside the repository', () => {
  it('finds absolute home or work paths and relative paths that climb above the root', () => {
    const root = '/repo';
    const file = '/repo/api/test/a.test.ts';
    const text = [
      "import x from '../../../shared/y';", // /shared/y: outside
      "import z from '../../shared/y';", // /repo/shared/y: inside
      "readFileSync('/home/someone/openbadges/vectors/a.json');",
      'See [the design](../../../../DESIGN.md).',
      "const url = 'https://example.com/home/page';",
      "execFileSync('/usr/bin/chromium');",
      "const p = 'C:\\\\Users\\\\me\\\\repo';",
    ].join('\n');
    expect(outsidePathsIn(text, file, root)).toEqual([
      { file, line: 1, text: '../../../shared/y' },
      { file, line: 3, text: '/home/someone/openbadges/vectors/a.json' },
      { file, line: 4, text: '../../../../DESIGN.md' },
      { file, line: 7, text: 'C:\\\\Users\\\\me\\\\repo' },
    ]);
  });

  it('no source, test, script, config or document of this repository names one', () => {
    const found: OutsidePath[] = [];
    for (const path of repositoryFiles(ROOT)) {
      const file = relative(ROOT, path);
      if (file === THIS_FILE) continue; // its examples name outside paths on purpose
      found.push(...outsidePathsIn(readFileSync(path, 'utf8'), path, ROOT).map((hit) => ({ ...hit, file })));
    }
    expect(found).toEqual([]);
  });
});
