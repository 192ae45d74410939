// The badge image with a document baked in: Open Badges 2.0 assertions (/assertions/:id/baked.*) and
// Open Badges 3.0 credentials (/credentials/:id/baked.*) share the image and its fallbacks.
import type { AssertionRecord } from '../db/assertions';
import type { SafeFetch } from '../fetch';
import { BADGE_PNG_WIDTH, generateBadgeSvg, imageBytes, parseStoredImage, pngOf, rasterise, type ImageBytes } from './images';
import { isPng, pngDimensions } from './png';

/** The generated design of the record's badge class, for badges without an image (or a broken one). */
export const generatedImage = (record: AssertionRecord) => () => generateBadgeSvg(record.badgeClass);

/** The badge class's image (a remote one fetched through the safe fetcher), or the generated one. */
export function badgeImageBytes(record: AssertionRecord, safeFetch: SafeFetch): Promise<ImageBytes> {
  return imageBytes(parseStoredImage(record.badgeClass.image), generatedImage(record), safeFetch);
}

/** An SVG showing a PNG, so that PNG badges can be baked as SVG too. */
function svgWrappingPng(png: Buffer): string {
  const { width, height } = pngDimensions(png);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  );
}

/** The badge as PNG with `bake` applied; a stored PNG that is not well formed is replaced by the generated image. */
export async function bakedPngOf(record: AssertionRecord, safeFetch: SafeFetch, bake: (png: Uint8Array) => Buffer): Promise<Buffer> {
  const generate = generatedImage(record);
  try {
    return bake(await pngOf(await badgeImageBytes(record, safeFetch), generate));
  } catch {
    return bake(await rasterise(generate(), BADGE_PNG_WIDTH));
  }
}

/** The badge as SVG (a PNG badge wrapped in one) with `bake` applied; the generated image when that fails. */
export async function bakedSvgOf(record: AssertionRecord, safeFetch: SafeFetch, bake: (svg: string) => string): Promise<string> {
  const image = await badgeImageBytes(record, safeFetch);
  try {
    return bake(image.kind === 'png' && isPng(image.bytes) ? svgWrappingPng(image.bytes) : image.bytes.toString('utf8'));
  } catch {
    return bake(generatedImage(record)());
  }
}
