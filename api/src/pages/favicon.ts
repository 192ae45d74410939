import { Resvg } from '@resvg/resvg-js';

/**
 * The BadgeLens icon: a white rosette with a check mark and two ribbon tails on the brand blue
 * (theme.ts `link`/`buttonBackground`), drawn for 16 px and up.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect width="64" height="64" rx="14" fill="#0b57d0"/>
<path d="M21 34 14 57l8.5-4 4.5 7.5L32 41z" fill="#8ab4f8"/>
<path d="M43 34l7 23-8.5-4-4.5 7.5L32 41z" fill="#8ab4f8"/>
<circle cx="32" cy="26" r="19" fill="#ffffff"/>
<circle cx="32" cy="26" r="14" fill="none" stroke="#0b57d0" stroke-width="3"/>
<path d="M24.5 26.5l5 5 10-10.5" fill="none" stroke="#0b57d0" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

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

/** /favicon.ico: the icon at 16, 32 and 48 px, rendered once. */
export function faviconIco(): Buffer {
  ico ??= icoFromPngs(
    [16, 32, 48].map((size) => ({ size, png: new Resvg(FAVICON_SVG, { fitTo: { mode: 'width', value: size } }).render().asPng() })),
  );
  return ico;
}
