// Fontsource ships WOFF files. They are unpacked to plain TrueType here, and their glyphs aligned,
// before fontkit and pdf-lib see them: fontkit's subsetter (which makes the fonts embedded in the
// PDF) writes a "short" glyph index whenever the subset is small, which can only point at even
// offsets, so a glyph of odd length (allowed with the long index these fonts use) would shift every
// glyph after it and leave them blank in the PDF.
//
// WOFF 1.0 (W3C): a 44-byte header, a table directory, then the sfnt's tables, each
// zlib-compressed when that made it smaller.

const WOFF_HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_ENTRY_BYTES = 16;

interface Table {
  tag: string;
  data: Buffer;
}

const padded = (length: number) => (length + 3) & ~3;

/** The OpenType table checksum: the sum of the table's big-endian 32-bit words. */
function checksum(data: Buffer): number {
  const words = Buffer.alloc(padded(data.length));
  data.copy(words);
  let sum = 0;
  for (let offset = 0; offset < words.length; offset += 4) sum = (sum + words.readUInt32BE(offset)) >>> 0;
  return sum;
}

/** Every glyph of a TrueType font padded to a multiple of 4 bytes, with a long glyph index. */
function alignGlyphs(tables: Table[]): void {
  const find = (tag: string) => tables.find((table) => table.tag === tag);
  const [head, maxp, loca, glyf] = [find('head'), find('maxp'), find('loca'), find('glyf')];
  if (!head || !maxp || !loca || !glyf) return; // not TrueType outlines (CFF): nothing to align
  const longIndex = head.data.readInt16BE(50) === 1;
  const numGlyphs = maxp.data.readUInt16BE(4);
  const offsetOf = (index: number) => (longIndex ? loca.data.readUInt32BE(index * 4) : loca.data.readUInt16BE(index * 2) * 2);
  const glyphs = Array.from({ length: numGlyphs }, (_, index) => glyf.data.subarray(offsetOf(index), offsetOf(index + 1)));
  const newGlyf = Buffer.alloc(glyphs.reduce((sum, glyph) => sum + padded(glyph.length), 0));
  const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
  let offset = 0;
  glyphs.forEach((glyph, index) => {
    newLoca.writeUInt32BE(offset, index * 4);
    glyph.copy(newGlyf, offset);
    offset += padded(glyph.length);
  });
  newLoca.writeUInt32BE(offset, numGlyphs * 4);
  const newHead = Buffer.from(head.data);
  newHead.writeInt16BE(1, 50); // indexToLocFormat: long
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment: not recomputed, as readers ignore it
  head.data = newHead;
  loca.data = newLoca;
  glyf.data = newGlyf;
}

/** The TrueType or OpenType font inside a WOFF 1.0 file, its glyphs aligned for subsetting. */
export function woffToSfnt(woff: Uint8Array, inflate: (data: Uint8Array) => Uint8Array): Uint8Array {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = input.readUInt32BE(4);
  const numTables = input.readUInt16BE(12);
  const tables: Table[] = Array.from({ length: numTables }, (_, index) => {
    const entry = WOFF_HEADER_BYTES + index * WOFF_ENTRY_BYTES;
    const offset = input.readUInt32BE(entry + 4);
    const compLength = input.readUInt32BE(entry + 8);
    const origLength = input.readUInt32BE(entry + 12);
    const stored = input.subarray(offset, offset + compLength);
    const data = compLength < origLength ? Buffer.from(inflate(stored)) : stored;
    if (data.length !== origLength) throw new Error('a WOFF table does not unpack to its stated length');
    return { tag: input.toString('latin1', entry, entry + 4), data };
  });
  alignGlyphs(tables);

  const directoryBytes = 12 + numTables * SFNT_ENTRY_BYTES;
  const output = Buffer.alloc(directoryBytes + tables.reduce((sum, table) => sum + padded(table.data.length), 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  output.writeUInt32BE(flavor, 0);
  output.writeUInt16BE(numTables, 4);
  output.writeUInt16BE(2 ** entrySelector * 16, 6); // searchRange
  output.writeUInt16BE(entrySelector, 8);
  output.writeUInt16BE(numTables * 16 - 2 ** entrySelector * 16, 10); // rangeShift
  let offset = directoryBytes;
  tables.forEach((table, index) => {
    const entry = 12 + index * SFNT_ENTRY_BYTES;
    output.write(table.tag, entry, 'latin1');
    output.writeUInt32BE(checksum(table.data), entry + 4);
    output.writeUInt32BE(offset, entry + 8);
    output.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(output, offset);
    offset += padded(table.data.length);
  });
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
