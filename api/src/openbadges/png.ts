// Minimal PNG container handling: split into chunks, join them back with correct CRCs.
import { crc32 } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  data: Buffer;
}

export class InvalidPngError extends Error {}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.equals(Buffer.from(bytes.subarray(0, PNG_SIGNATURE.length)));
}

/** The chunks of a PNG up to and including IEND; throws InvalidPngError on a malformed file. */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!isPng(bytes)) throw new InvalidPngError('not a PNG file (bad signature)');
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new InvalidPngError('truncated PNG chunk');
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new InvalidPngError('invalid PNG chunk type');
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') return chunks;
  }
  throw new InvalidPngError('PNG has no IEND chunk');
}

export function encodePngChunk(chunk: PngChunk): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(chunk.data.length, 0);
  header.write(chunk.type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(chunk.data, crc32(header.subarray(4, 8))) >>> 0, 0);
  return Buffer.concat([header, chunk.data, crc]);
}

export function writePng(chunks: PngChunk[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks.map(encodePngChunk)]);
}

/** Width and height from the IHDR chunk. */
export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const ihdr = readPngChunks(png)[0];
  if (ihdr?.type !== 'IHDR' || ihdr.data.length < 8) throw new InvalidPngError('PNG does not start with IHDR');
  return { width: ihdr.data.readUInt32BE(0), height: ihdr.data.readUInt32BE(4) };
}
