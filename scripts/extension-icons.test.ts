import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { faviconIco } from '../api/src/pages/favicon';
import { BRAND_ICON_SVG, paddedBrandIcon } from '../shared/brand';
import { EXTENSION_ICON_SIZES, renderExtensionIcon } from './extension-icons';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function alphaAt(pixels: Buffer, side: number, x: number, y: number): number {
  return pixels[(y * side + x) * 4 + 3];
}

describe('extension icons', () => {
  it('come in every size the manifests name, as square PNGs', () => {
    for (const size of EXTENSION_ICON_SIZES) expect(pngSize(renderExtensionIcon(size))).toEqual({ width: size, height: size });
  });

  it('are the same drawing as the API favicon', () => {
    // The ICO holds 16, 32 and 48 px PNGs of the favicon, one after the other behind its directory.
    const ico = faviconIco();
    const entry48 = 6 + 16 * 2;
    const png48 = ico.subarray(ico.readUInt32LE(entry48 + 12), ico.readUInt32LE(entry48 + 12) + ico.readUInt32LE(entry48 + 8));
    expect(png48.equals(renderExtensionIcon(48))).toBe(true);
  });

  it('leave the 16 px margin the stores ask around the 128 px icon, and fill the small ones', () => {
    const padded = new Resvg(paddedBrandIcon(16 / 128), { fitTo: { mode: 'width', value: 128 } }).render();
    expect(padded.width).toBe(128);
    for (const [x, y] of [[8, 64], [64, 8], [119, 64], [64, 119]]) expect(alphaAt(padded.pixels, 128, x, y)).toBe(0);
    for (const [x, y] of [[18, 64], [64, 18], [109, 64], [64, 109]]) expect(alphaAt(padded.pixels, 128, x, y)).toBe(255);
    const small = new Resvg(BRAND_ICON_SVG, { fitTo: { mode: 'width', value: 16 } }).render();
    expect(alphaAt(small.pixels, 16, 0, 8)).toBe(255);
    expect(alphaAt(small.pixels, 16, 8, 0)).toBe(255);
  });
});
