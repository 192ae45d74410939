// Open Badges baking: the badge data travels inside the badge image.
// Open Badges 2.0 — PNG: one uncompressed iTXt chunk with keyword "openbadges" before IEND; SVG:
// <openbadges:assertion> (namespace http://openbadges.org) as the root's first child, the JSON in
// CDATA and no `verify` attribute (that attribute is for a signed assertion; reference validators
// read it instead of the JSON). Open Badges 3.0 uses the same mechanics with other names
// (credentials/bake.ts).
import { inflateSync } from 'node:zlib';
import { InvalidPngError, readPngChunks, writePng, type PngChunk } from './png';

export const OB2_PNG_KEYWORD = 'openbadges';
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';

const TEXT_CHUNK_TYPES = new Set(['iTXt', 'tEXt', 'zTXt']);

function chunkKeyword(chunk: PngChunk): string | null {
  if (!TEXT_CHUNK_TYPES.has(chunk.type)) return null;
  const end = chunk.data.indexOf(0);
  return end > 0 ? chunk.data.toString('latin1', 0, end) : null;
}

function iTXtChunk(keyword: string, text: string): PngChunk {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new RangeError('PNG keyword must be 1-79 printable Latin-1 characters');
  // keyword \0, compression flag 0, compression method 0, empty language tag \0, empty translated keyword \0, text
  const header = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0])]);
  return { type: 'iTXt', data: Buffer.concat([header, Buffer.from(text, 'utf8')]) };
}

/** The most a compressed iTXt chunk may inflate to: a baked badge is a few kilobytes; a "zip bomb" is refused. */
export const MAX_BAKED_TEXT_BYTES = 4 * 1024 * 1024;

/** The text of an iTXt chunk (inflated when compressed, at most MAX_BAKED_TEXT_BYTES, else InvalidPngError). */
function iTXtText(data: Buffer): string {
  const keywordEnd = data.indexOf(0);
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (keywordEnd < 0 || translatedEnd < 0) throw new InvalidPngError('malformed iTXt chunk');
  const text = data.subarray(translatedEnd + 1);
  if (!compressed) return text.toString('utf8');
  try {
    return inflateSync(text, { maxOutputLength: MAX_BAKED_TEXT_BYTES }).toString('utf8');
  } catch {
    throw new InvalidPngError('the compressed iTXt chunk is malformed or inflates past its limit');
  }
}

/** Bakes `text` (the assertion JSON) into a PNG, replacing any earlier chunk with the same keyword. */
export function bakePng(png: Uint8Array, text: string, keyword = OB2_PNG_KEYWORD): Buffer {
  const chunks = readPngChunks(png).filter((chunk) => chunkKeyword(chunk) !== keyword);
  const iend = chunks.length - 1; // readPngChunks ends at IEND
  return writePng([...chunks.slice(0, iend), iTXtChunk(keyword, text), chunks[iend]]);
}

/** The baked text of a PNG, or null when it carries none under `keyword`. */
export function unbakePng(png: Uint8Array, keyword = OB2_PNG_KEYWORD): string | null {
  for (const chunk of readPngChunks(png)) {
    if (chunk.type !== 'iTXt') continue;
    if (chunkKeyword(chunk) === keyword) return iTXtText(chunk.data);
  }
  return null;
}

export class InvalidSvgError extends Error {}

interface RootTag {
  start: number;
  end: number;
  text: string;
  selfClosing: boolean;
}

// A start tag whose quoted attribute values may contain '>'.
const SVG_START_TAG = /^<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>/;

/** Finds the root <svg> start tag after the prolog (XML declaration, comments, doctype, processing instructions). */
function findRootSvgTag(svg: string): RootTag {
  let offset = 0;
  for (;;) {
    while (offset < svg.length && /\s/.test(svg[offset])) offset++;
    if (svg.startsWith('\uFEFF', offset)) offset++;
    else if (svg.startsWith('<?', offset)) offset = closeOf(svg, offset, '?>');
    else if (svg.startsWith('<!--', offset)) offset = closeOf(svg, offset, '-->');
    else if (svg.startsWith('<!DOCTYPE', offset)) {
      const subset = svg.indexOf('[', offset);
      const close = svg.indexOf('>', offset);
      offset = subset >= 0 && subset < close ? closeOf(svg, svg.indexOf(']', subset), '>') : closeOf(svg, offset, '>');
    } else break;
  }
  const match = SVG_START_TAG.exec(svg.slice(offset));
  if (!match) throw new InvalidSvgError('the document root is not an <svg> element');
  return { start: offset, end: offset + match[0].length, text: match[0], selfClosing: match[0].endsWith('/>') };
}

function closeOf(text: string, from: number, terminator: string): number {
  const index = from < 0 ? -1 : text.indexOf(terminator, from);
  if (index < 0) throw new InvalidSvgError('unterminated markup before the <svg> root');
  return index + terminator.length;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;' })[char]!);
}

/** Wraps text in CDATA; "]]>" inside is split across two sections so the text survives unchanged. */
function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** What to bake into an SVG: `<openbadges:{element}>` in `namespace`, its text content in CDATA. */
export interface SvgBaking {
  element: string;
  namespace: string;
}

export const OB2_SVG_BAKING: SvgBaking = { element: 'assertion', namespace: OB2_SVG_NAMESPACE };

function bakedElementPattern(element: string, flags: string): RegExp {
  return new RegExp(`<openbadges:${element}\\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\\/>|>([\\s\\S]*?)<\\/openbadges:${element}\\s*>)`, flags);
}

/** Bakes text into an SVG: namespace on the root, the element (replacing any earlier one) as its first child. */
export function bakeSvgElement(svg: string, baking: SvgBaking, text: string): string {
  if (!/^[a-z]+$/.test(baking.element)) throw new RangeError('element names are lower-case letters');
  const cleaned = svg.replace(bakedElementPattern(baking.element, 'g'), '');
  const root = findRootSvgTag(cleaned);
  const namespace = `xmlns:openbadges="${escapeAttribute(baking.namespace)}"`;
  let tag = root.text.replace(/\s+xmlns:openbadges\s*=\s*("[^"]*"|'[^']*')/, '');
  tag = tag.replace(/^<svg\b/, `<svg ${namespace}`);
  const element = `<openbadges:${baking.element}>${cdata(text)}</openbadges:${baking.element}>`;
  const opened = root.selfClosing ? `${tag.replace(/\s*\/>$/, '>')}${element}</svg>` : `${tag}${element}`;
  return cleaned.slice(0, root.start) + opened + cleaned.slice(root.end);
}

/** Bakes an Open Badges 2.0 assertion (its JSON) into an SVG, as the OB 2.0 baking spec shows. */
export function bakeSvg(svg: string, json: string): string {
  return bakeSvgElement(svg, OB2_SVG_BAKING, json);
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()];
    const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** The first `<openbadges:{element}>` of an SVG: its `verify` attribute and its text content, or null when there is none. */
export function unbakeSvgElement(svg: string, element: string): { verify: string | null; content: string } | null {
  const match = bakedElementPattern(element, '').exec(svg);
  if (!match) return null;
  const verify = /\bverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(match[1]);
  const body = match[3] ?? '';
  let content = '';
  let offset = 0;
  for (const section of body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    content += decodeXmlText(body.slice(offset, section.index)) + section[1];
    offset = section.index + section[0].length;
  }
  content += decodeXmlText(body.slice(offset));
  return { verify: verify ? decodeXmlText(verify[1] ?? verify[2]) : null, content: content.trim() };
}

/** The baked assertion of an SVG: its verify attribute (other tools may set one) and its content (JSON), or null when none is baked in. */
export function unbakeSvg(svg: string): { verify: string | null; assertion: string } | null {
  const baked = unbakeSvgElement(svg, OB2_SVG_BAKING.element);
  return baked && { verify: baked.verify, assertion: baked.content };
}
