// One line of text, in any of the shipped scripts, laid out for drawing: split into runs that one
// font face draws, shaped by fontkit (Arabic joining forms, Devanagari conjuncts and vowel signs,
// kerning), and put in visual order. The PDF certificate draws the runs with pdf-lib (which shapes
// them again with the same fontkit, identically); the social card draws their glyph outlines.
//
// Bidirectional text follows a reduced form of the Unicode Bidirectional Algorithm, enough for
// names and labels: the paragraph takes the direction of its first strong letter; Arabic and
// Hebrew letters are right-to-left, other letters left-to-right; spaces, punctuation and digits
// between two letters of the same direction take that direction, other ones the paragraph's;
// runs are then reordered by level (UAX #9 rule L2). Numbers inside right-to-left text and
// mirrored brackets are not treated specially.
import type { GlyphRun } from '@pdf-lib/fontkit';
import { cjkPreferenceOf, faceFor, type Face, type FontWeight } from './faces';

export type { Face, FontWeight } from './faces';

export interface TextRun {
  face: Face;
  /** The run's characters in logical (reading) order. */
  text: string;
  /** The glyphs, shaped, in visual order (fontkit reverses right-to-left runs). */
  glyphs: GlyphRun;
  /** From the line's left edge, in points or pixels at the size asked for. */
  x: number;
  width: number;
}

export interface LineLayout {
  /** Left to right, as drawn. */
  runs: TextRun[];
  width: number;
  /** The text as laid out (characters no shipped font has already replaced). */
  text: string;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;
/** Joiners, variation selectors and the like: they belong to the run they are in, whatever font has them. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Latin letters Unicode does not decompose into base letter + accent, for when no font draws them. */
const LATIN_FOLDS: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

type Direction = 'L' | 'R' | 'N';

function directionOf(char: string): Direction {
  if (RTL_LETTER.test(char) && LETTER.test(char)) return 'R';
  return LETTER.test(char) ? 'L' : 'N';
}

/**
 * The text with what no shipped font draws replaced: accents stripped when the base letter is
 * drawable, a few Latin letters folded, everything else U+FFFD's stand-in "?". Line breaks and
 * control characters become spaces.
 */
export function drawableText(text: string, weight: FontWeight): string {
  const normalised = text.normalize('NFC').replace(CONTROL_OR_BREAK, ' ');
  const preference = cjkPreferenceOf(normalised);
  const drawable = (char: string) => IGNORABLE.test(char) || faceFor(char.codePointAt(0)!, weight, preference) !== null;
  let result = '';
  for (const char of normalised) {
    if (drawable(char)) {
      result += char;
      continue;
    }
    const folded = LATIN_FOLDS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    result += folded.length > 0 && [...folded].every(drawable) ? folded : '?';
  }
  return result;
}

/** Code points of `text` that none of the shipped fonts draws (joiners and other invisible ones aside). */
export function undrawableCodePoints(text: string, weight: FontWeight): number[] {
  const preference = cjkPreferenceOf(text);
  return [...text.normalize('NFC')].filter((char) => !IGNORABLE.test(char) && !faceFor(char.codePointAt(0)!, weight, preference)).map((char) => char.codePointAt(0)!);
}

interface LogicalRun {
  face: Face;
  text: string;
  level: number;
}

/** Splits the (drawable) text into runs of one face and one direction, with their embedding levels. */
function logicalRuns(text: string, weight: FontWeight): LogicalRun[] {
  const chars = [...text];
  const preference = cjkPreferenceOf(text);
  const classes = chars.map(directionOf);
  const paragraph: Direction = classes.find((kind) => kind !== 'N') ?? 'L';
  // Neutrals between two strong letters of one direction take it; others take the paragraph's.
  const resolved = classes.map((kind, index) => {
    if (kind !== 'N') return kind;
    const before = classes.slice(0, index).reverse().find((k) => k !== 'N');
    const after = classes.slice(index + 1).find((k) => k !== 'N');
    return before && before === after ? before : paragraph;
  });
  const levelOf = (direction: Direction) => (paragraph === 'R' ? (direction === 'R' ? 1 : 2) : direction === 'R' ? 1 : 0);

  const runs: LogicalRun[] = [];
  chars.forEach((char, index) => {
    const level = levelOf(resolved[index]);
    const current = runs[runs.length - 1];
    const codePoint = char.codePointAt(0)!;
    // Invisible joiners stay in their run; so does any character (a mark, a space) its face has.
    const keepsCurrentFace = current && current.level === level && (IGNORABLE.test(char) || current.face.font.hasGlyphForCodePoint(codePoint));
    const face = keepsCurrentFace ? current.face : faceFor(codePoint, weight, preference);
    if (!face) throw new Error(`no font draws U+${codePoint.toString(16).toUpperCase()}: pass the text through drawableText first`);
    if (current && current.face === face && current.level === level) current.text += char;
    else runs.push({ face, text: char, level });
  });
  return runs;
}

/** UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every sequence at that level or above. */
function visualOrder<T extends { level: number }>(runs: T[]): T[] {
  const ordered = [...runs];
  const highest = Math.max(0, ...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => (run.level % 2 === 1 ? run.level : run.level + 1)));
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let start = 0; start < ordered.length; ) {
      if (ordered[start].level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < ordered.length && ordered[end].level >= level) end++;
      ordered.splice(start, end - start, ...ordered.slice(start, end).reverse());
      start = end;
    }
  }
  return ordered;
}

/** Lays out one line of `text` (already drawable: see drawableText) at `size` units per em. */
export function layoutLine(text: string, weight: FontWeight, size: number): LineLayout {
  let x = 0;
  const runs = visualOrder(logicalRuns(text, weight)).map((run) => {
    const glyphs = run.face.font.layout(run.text);
    const width = (glyphs.advanceWidth * size) / run.face.font.unitsPerEm;
    const laidOut: TextRun = { face: run.face, text: run.text, glyphs, x, width };
    x += width;
    return laidOut;
  });
  return { runs, width: x, text };
}

const ELLIPSIS = '…';

/**
 * Greedy word wrap into at most `maxLines` lines no wider than `maxWidth`; a word wider than a line
 * is cut between characters (Chinese and Japanese names have no spaces). When the text does not
 * fit, the last line ends in "…".
 */
export function wrapLines(text: string, weight: FontWeight, size: number, maxWidth: number, maxLines: number): { lines: string[]; truncated: boolean } {
  const widthOf = (line: string) => layoutLine(line, weight, size).width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (widthOf(line) > maxWidth && [...line].length > 1) {
      const chars = [...line];
      let cut = chars.length - 1;
      while (cut > 1 && widthOf(chars.slice(0, cut).join('')) > maxWidth) cut--;
      lines.push(chars.slice(0, cut).join(''));
      line = chars.slice(cut).join('');
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(`${kept[maxLines - 1]} ${lines[maxLines]}`, weight, size, maxWidth);
  return { lines: kept, truncated: true };
}

/** The longest start of `text` that fits in `maxWidth` with "…" after it (the text itself when it fits). */
export function withEllipsis(text: string, weight: FontWeight, size: number, maxWidth: number): string {
  if (layoutLine(text, weight, size).width <= maxWidth) return text;
  const chars = [...text];
  let keep = chars.length - 1;
  while (keep > 0 && layoutLine(`${chars.slice(0, keep).join('').trimEnd()}${ELLIPSIS}`, weight, size).width > maxWidth) keep--;
  return `${chars.slice(0, keep).join('').trimEnd()}${ELLIPSIS}`;
}

/** Rounds to 2 decimals for compact path data. */
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The line as SVG paths, one per glyph, its baseline's left end at (x, y): what resvg draws without
 * needing any font of its own, exactly as laid out here.
 */
export function lineAsSvgPaths(line: LineLayout, x: number, y: number, size: number): string {
  const paths: string[] = [];
  for (const run of line.runs) {
    const scale = size / run.face.font.unitsPerEm;
    const glyphScale = Math.round(scale * 1e5) / 1e5;
    let pen = x + run.x;
    run.glyphs.glyphs.forEach((glyph, index) => {
      const position = run.glyphs.positions[index];
      const d = glyph.path.toSVG();
      if (d) {
        const gx = round(pen + position.xOffset * scale);
        const gy = round(y - position.yOffset * scale);
        paths.push(`<path transform="translate(${gx} ${gy}) scale(${glyphScale} ${-glyphScale})" d="${d}"/>`);
      }
      pen += position.xAdvance * scale;
    });
  }
  return paths.join('');
}
