// @vitest-environment node
// The extension's words are messages (public/_locales/en/messages.json) read through
// browser.i18n: this test reads the source with the TypeScript parser and fails when a message
// used in code does not exist (or gets the wrong number of values), when a message is used
// nowhere, or when a component still writes user-facing words itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const EXTENSION = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(EXTENSION, '..');
const messages = JSON.parse(readFileSync(join(EXTENSION, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;

/** Folders whose code shows words to people (pages, popup, overlays, panels). */
const UI_FOLDERS = ['components/', 'earner/', 'options/', 'features/', 'content/', 'entrypoints/'];
/** Attributes people read or hear. */
const WORD_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
/** Object properties that end up on screen (chips, states, failure texts). */
const WORD_PROPERTIES = new Set(['label', 'title', 'advice', 'detail', 'text']);
/** Functions that put their argument on screen. */
const WORD_SETTERS = new Set(['setMessage', 'setCopied', 'setNotice']);
const HAS_LETTER = /\p{L}/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts') && !relative(EXTENSION, file).startsWith('test/') && statSync(file).isFile());
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function where(source: ts.SourceFile, node: ts.Node, text: string): Finding {
  return { file: relative(ROOT, source.fileName), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text };
}

/** Every `t('key', …values)` call: the key and how many values it passes. */
function messageCalls(source: ts.SourceFile): (Finding & { values: number })[] {
  const calls: (Finding & { values: number })[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const [key, ...values] = node.arguments;
      calls.push({ ...where(source, node, key && ts.isStringLiteralLike(key) ? key.text : `<not a literal: ${key?.getText()}>`), values: values.length });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

const literalText = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) && HAS_LETTER.test(node.getText()) ? node.getText() : null;

/** Words written in the code itself, where people would read them. */
function literalWords(source: ts.SourceFile): Finding[] {
  const found: Finding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) found.push(where(source, node, node.text.trim()));
    if (ts.isJsxAttribute(node) && WORD_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer && ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      const text = literalText(value);
      if (text) found.push(where(source, node, text));
    }
    if (ts.isPropertyAssignment(node) && WORD_PROPERTIES.has(node.name.getText())) {
      const text = literalText(node.initializer);
      if (text) found.push(where(source, node, text));
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && WORD_SETTERS.has(node.expression.text)) {
      const text = literalText(node.arguments[0]);
      if (text) found.push(where(source, node, text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(EXTENSION);
const calls = files.flatMap((file) => messageCalls(parse(file)));

describe('the extension’s words', () => {
  test('every message used in code exists and gets as many values as it has placeholders', () => {
    expect(calls.length).toBeGreaterThan(100);
    const problems = calls.flatMap((call) => {
      const message = messages[call.text];
      if (!message) return [`${call.file}:${call.line} uses "${call.text}", which messages.json lacks`];
      const placeholders = Object.keys(message.placeholders ?? {}).length;
      return placeholders === call.values ? [] : [`${call.file}:${call.line} gives "${call.text}" ${call.values} values for ${placeholders} placeholders`];
    });
    expect(problems).toEqual([]);
  });

  test('every message is used, and says what it is for', () => {
    // The manifest's name and description are used as __MSG_…__ in wxt.config.ts.
    const manifestKeys = [...readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8').matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]);
    const used = new Set([...calls.map((call) => call.text), ...manifestKeys]);
    expect(Object.keys(messages).filter((key) => !used.has(key))).toEqual([]);
    expect(Object.entries(messages).filter(([, message]) => !message.description).map(([key]) => key)).toEqual([]);
    for (const [key, message] of Object.entries(messages)) {
      const named = [...message.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((match) => match[1].toLowerCase());
      expect(new Set(named), key).toEqual(new Set(Object.keys(message.placeholders ?? {})));
    }
  });

  test('no component writes user-facing words itself', () => {
    const uiFiles = files.filter((file) => UI_FOLDERS.some((folder) => relative(EXTENSION, file).split('\\').join('/').startsWith(folder)));
    expect(uiFiles.length).toBeGreaterThan(20);
    expect(uiFiles.flatMap((file) => literalWords(parse(file)))).toEqual([]);
  });

  test('the check finds words written in a component', () => {
    const source = ts.createSourceFile(
      'sample.tsx',
      `const a = <p title="Close it">Hello {name}</p>; const chip = { label: 'Verified' }; setMessage(\`Saved \${x}\`); const ok = <b>{t('overlayVerified')} ✓</b>;`,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    expect(literalWords(source).map((finding) => finding.text)).toEqual(['"Close it"', 'Hello', "'Verified'", '`Saved ${x}`']);
  });
});
