import { createRequire } from 'node:module';
import { BRAND_ICON_SVG } from '../../../shared/brand';

/** The BadgeLens mark (shared with the browser extension's icons). */
export const FAVICON_SVG = BRAND_ICON_SVG;

/**
 * An ICO file holding PNG images (the form every browser since 2009 reads): a 6-byte header, one
 * 16-byte entry per image, then the PNGs.
 */
export function icoFromPngs(images: { size: number; png: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width; 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => Buffer.from(png))]);
}

let ico: Buffer | null = null;
const require = createRequire(import.meta.url);

/** /favicon.ico: the icon at 16, 32 and 48 px, rendered once. */
export function faviconIco(): Buffer {
  // resvg is loaded on the first request for the icon, not when the server starts.
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  ico ??= icoFromPngs(
    [16, 32, 48].map((size) => ({ size, png: new Resvg(FAVICON_SVG, { fitTo: { mode: 'width', value: size } }).render().asPng() })),
  );
  return ico;
}
