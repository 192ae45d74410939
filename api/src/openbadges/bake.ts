// Open Badges 2.0 baking: the assertion travels inside the badge image.
// PNG: one uncompressed iTXt chunk with keyword "openbadges" before IEND.
// SVG: <openbadges:assertion verify="<assertion URL>"> as the root's first child, the JSON in CDATA.
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

/** The text of an iTXt chunk (inflated when compressed). */
function iTXtText(data: Buffer): string {
  const keywordEnd = data.indexOf(0);
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (keywordEnd < 0 || translatedEnd < 0) throw new InvalidPngError('malformed iTXt chunk');
  const text = data.subarray(translatedEnd + 1);
  return (compressed ? inflateSync(text) : text).toString('utf8');
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

const BAKED_ELEMENT = /<openbadges:assertion\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/openbadges:assertion\s*>)/g;

/** Bakes an assertion into an SVG: namespace on the root, the assertion element as its first child. */
export function bakeSvg(svg: string, verifyUrl: string, json: string): string {
  const cleaned = svg.replace(BAKED_ELEMENT, '');
  const root = findRootSvgTag(cleaned);
  const namespace = `xmlns:openbadges="${OB2_SVG_NAMESPACE}"`;
  let tag = root.text.replace(/\s+xmlns:openbadges\s*=\s*("[^"]*"|'[^']*')/, '');
  tag = tag.replace(/^<svg\b/, `<svg ${namespace}`);
  const element = `<openbadges:assertion verify="${escapeAttribute(verifyUrl)}">${cdata(json)}</openbadges:assertion>`;
  const opened = root.selfClosing ? `${tag.replace(/\s*\/>$/, '>')}${element}</svg>` : `${tag}${element}`;
  return cleaned.slice(0, root.start) + opened + cleaned.slice(root.end);
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()];
    const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** The baked assertion of an SVG: its verify URL and its content (JSON), or null when none is baked in. */
export function unbakeSvg(svg: string): { verify: string | null; assertion: string } | null {
  const match = /<openbadges:assertion\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/>|>([\s\S]*?)<\/openbadges:assertion\s*>)/.exec(svg);
  if (!match) return null;
  const verify = /\bverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(match[1]);
  const content = match[3] ?? '';
  let assertion = '';
  let offset = 0;
  for (const section of content.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    assertion += decodeXmlText(content.slice(offset, section.index)) + section[1];
    offset = section.index + section[0].length;
  }
  assertion += decodeXmlText(content.slice(offset));
  return { verify: verify ? decodeXmlText(verify[1] ?? verify[2]) : null, assertion: assertion.trim() };
}
