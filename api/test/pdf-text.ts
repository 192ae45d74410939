// Reads back the text of a PDF page the way a viewer does: each shown glyph mapped to its
// characters through its font's ToUnicode map, and the exact text of each marked-content span
// (/ActualText), which viewers use for copying and searching. Written for what pdf-lib produces
// (Identity-H fonts with two-byte glyph codes, <hex> Tj, bfchar maps), independently of the code
// under test.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';

function streamText(stream: unknown): string {
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a raw stream');
  const filter = stream.dict.get(PDFName.of('Filter'));
  return (filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : Buffer.from(stream.contents)).toString('latin1');
}

/** A page's content streams, inflated when compressed. */
export function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams.map(streamText).join('\n');
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** Glyph code → its characters, for each font of the page by resource name. */
function toUnicodeMaps(page: PDFPage): Map<string, Map<number, string>> {
  const maps = new Map<string, Map<number, string>>();
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = page.doc.context.lookup(ref as PDFRef, PDFDict);
    const toUnicode = font.get(PDFName.of('ToUnicode'));
    const map = new Map<number, string>();
    if (toUnicode) {
      const cmap = streamText(page.doc.context.lookup(toUnicode as PDFRef));
      // A glyph the shaper added (a connector, say) maps to no character: <code> <>.
      for (const [, entries] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
        for (const [, code, text] of entries.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(code, 16), utf16(text));
      }
    }
    maps.set(name.asString().slice(1), map);
  }
  return maps;
}

export interface ShownText {
  /** The text of the enclosing marked-content span's /ActualText, if any. */
  actualText: string | null;
  /** One entry per shown glyph, left to right: the characters its ToUnicode entry gives ('' for a glyph of no character, '\uFFFD' when the font has no entry). */
  glyphs: string[];
  /** The glyph codes shown (0 would be .notdef, the missing-glyph box). */
  codes: number[];
  /** The font resource each glyph is shown with. */
  fonts: string[];
}

/** Every marked-content span (or text outside any span) of the page, in drawing order. */
export function shownTexts(page: PDFPage): ShownText[] {
  const maps = toUnicodeMaps(page);
  const shown: ShownText[] = [];
  let span: ShownText | null = null;
  let font = '';
  const tokens = /\/Span\s*<<\s*\/ActualText\s*<([0-9a-fA-F]*)>\s*>>\s*BDC|EMC|\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g;
  for (const [, actualText, fontName, shownHex] of pageContent(page).matchAll(tokens)) {
    if (actualText !== undefined) {
      span = { actualText: utf16(actualText).replace(/^\uFEFF/, ''), glyphs: [], codes: [], fonts: [] };
      shown.push(span);
    } else if (fontName !== undefined) {
      font = fontName;
    } else if (shownHex !== undefined) {
      const target = span ?? { actualText: null, glyphs: [], codes: [], fonts: [] };
      if (!span) shown.push(target);
      for (let index = 0; index < shownHex.length; index += 4) {
        const code = parseInt(shownHex.slice(index, index + 4), 16);
        target.codes.push(code);
        target.fonts.push(font);
        target.glyphs.push(maps.get(font)?.get(code) ?? '\uFFFD');
      }
    } else {
      span = null; // EMC
    }
  }
  return shown;
}

/** The page's lines as the glyphs show them (visual order), one per span. */
/** Each embedded font program (TrueType) of the page, by font resource name. */
export function embeddedFontPrograms(page: PDFPage): Map<string, Buffer> {
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  return new Map(
    [...(fonts?.entries() ?? [])].map(([name, ref]) => {
      const font = page.doc.context.lookup(ref as PDFRef, PDFDict);
      const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
      return [name.asString().slice(1), Buffer.from(streamText(descriptor.lookup(PDFName.of('FontFile2'))), 'latin1')];
    }),
  );
}

/** The number of glyphs in each font program the page embeds (TrueType 'maxp' table). */
export function embeddedGlyphCounts(page: PDFPage): number[] {
  return [...embeddedFontPrograms(page).values()].map((program) => {
    const tables = program.readUInt16BE(4);
    for (let index = 0; index < tables; index++) {
      const record = 12 + index * 16;
      if (program.toString('latin1', record, record + 4) === 'maxp') return program.readUInt16BE(program.readUInt32BE(record + 8) + 4);
    }
    throw new Error('no maxp table in an embedded font');
  });
}

export function pageText(page: PDFPage): string {
  return shownTexts(page)
    .map((text) => text.glyphs.join(''))
    .join('\n');
}
