// The fonts the certificate PDF and the social card draw text with: Noto Sans and its Arabic,
// Hebrew, Japanese, Korean and Simplified Chinese families, from the Fontsource npm packages
// (SIL Open Font License 1.1, see README.md here). Fontsource splits each family into slices by
// Unicode range (its CSS says which); a slice is read only when a character needs it.
// 'regenerator-runtime' must load before fontkit: @pdf-lib/fontkit's Indic shaper (Devanagari)
// is compiled to generator code that expects it as a global.
import 'regenerator-runtime/runtime.js';
import type Fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { woffToSfnt } from './sfnt';

export type FontWeight = 400 | 700;

export interface Face {
  /** The slice's file, unique: "noto-sans-sc-101-700-normal". */
  key: string;
  family: string;
  weight: FontWeight;
  /** The font (TrueType, unpacked from the shipped WOFF), for embedding. */
  bytes: Uint8Array;
  font: Font;
}

interface Slice {
  key: string;
  file: string;
  ranges: [number, number][];
}

interface Family {
  name: string;
  npmPackage: string;
}

/** Tried in this order for each character; the CJK families are reordered by the text's own script. */
const LATIN_AND_OTHERS: Family = { name: 'Noto Sans', npmPackage: '@fontsource/noto-sans' };
const RTL_FAMILIES: Family[] = [
  { name: 'Noto Sans Arabic', npmPackage: '@fontsource/noto-sans-arabic' },
  { name: 'Noto Sans Hebrew', npmPackage: '@fontsource/noto-sans-hebrew' },
];
const JAPANESE: Family = { name: 'Noto Sans JP', npmPackage: '@fontsource/noto-sans-jp' };
const KOREAN: Family = { name: 'Noto Sans KR', npmPackage: '@fontsource/noto-sans-kr' };
const CHINESE: Family = { name: 'Noto Sans SC', npmPackage: '@fontsource/noto-sans-sc' };

export type CjkPreference = 'ja' | 'ko' | 'zh';

/**
 * Han characters look different in Japanese, Korean and Chinese typography: a name with kana is
 * drawn with the Japanese family, one with Hangul with the Korean one, other Han text as Chinese.
 */
export function cjkPreferenceOf(text: string): CjkPreference {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  return 'zh';
}

function familiesFor(preference: CjkPreference): Family[] {
  const cjk = { ja: [JAPANESE, CHINESE, KOREAN], ko: [KOREAN, CHINESE, JAPANESE], zh: [CHINESE, JAPANESE, KOREAN] }[preference];
  return [LATIN_AND_OTHERS, ...RTL_FAMILIES, ...cjk];
}

const require = createRequire(import.meta.url);
const slicesByFamily = new Map<string, Slice[]>();

/** The family's slices of one weight, from Fontsource's CSS (`src: url(./files/…woff)` and `unicode-range`). */
function slicesOf(family: Family, weight: FontWeight): Slice[] {
  const cacheKey = `${family.npmPackage}|${weight}`;
  let slices = slicesByFamily.get(cacheKey);
  if (slices) return slices;
  const directory = dirname(require.resolve(`${family.npmPackage}/package.json`));
  const css = readFileSync(join(directory, `${weight}.css`), 'utf8');
  slices = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/(files\/[^)]+\.woff)\) format\('woff'\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((part): [number, number] => {
      const [start, end = start] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(start, 16), parseInt(end, 16)];
    });
    slices.push({ key: file.replace(/^files\//, '').replace(/\.woff$/, ''), file: join(directory, file), ranges });
  }
  if (slices.length === 0) throw new Error(`no font slices found in ${family.npmPackage}/${weight}.css`);
  slicesByFamily.set(cacheKey, slices);
  return slices;
}

/** Loaded slices by key; null for a slice fontkit cannot read (its characters fall to the next family). */
const loadedFaces = new Map<string, Face | null>();

function load(family: Family, weight: FontWeight, slice: Slice): Face | null {
  if (loadedFaces.has(slice.key)) return loadedFaces.get(slice.key)!;
  let face: Face | null = null;
  try {
    const bytes = woffToSfnt(readFileSync(slice.file), (data) => inflateSync(data));
    // fontkit (about 15 MB) is loaded when the first card or certificate is drawn, not when the server starts.
    const font = (require('@pdf-lib/fontkit') as typeof Fontkit).create(bytes);
    font.hasGlyphForCodePoint(0x20); // reads the character map now: a slice whose map fontkit cannot read is skipped
    face = { key: slice.key, family: family.name, weight, bytes, font };
  } catch {
    face = null;
  }
  loadedFaces.set(slice.key, face);
  return face;
}

/** Lookups remembered; bounded, since the text comes from issuers and earners. */
const faceCache = new Map<string, Face | null>();
const FACE_CACHE_LIMIT = 20_000;

/** The face that draws `codePoint`, or null when none of the shipped fonts has it. */
export function faceFor(codePoint: number, weight: FontWeight, preference: CjkPreference = 'zh'): Face | null {
  const cacheKey = `${codePoint}|${weight}|${preference}`;
  if (!faceCache.has(cacheKey)) {
    if (faceCache.size >= FACE_CACHE_LIMIT) faceCache.clear();
    faceCache.set(cacheKey, findFace(codePoint, weight, preference));
  }
  return faceCache.get(cacheKey)!;
}

function findFace(codePoint: number, weight: FontWeight, preference: CjkPreference): Face | null {
  for (const family of familiesFor(preference)) {
    for (const slice of slicesOf(family, weight)) {
      if (!slice.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)) continue;
      const face = load(family, weight, slice);
      if (face?.font.hasGlyphForCodePoint(codePoint)) return face;
    }
  }
  return null;
}
