// Deep checks of an image given to the API (shared/schemas only checks its outer form): a data: URI
// must decode to a real PNG or a real SVG within the limits, an SVG must hold static drawing only
// (lib/svg.ts) and be drawable within the renderer's limits, and an https URL must lead to such an
// image through the safe fetcher (so a URL pointing at a non-public address is refused).
import type { SafeFetch } from '../fetch';
import { fetchRemoteImage } from '../openbadges/remoteImage';
import { rasterise, RasteriseError } from '../openbadges/rasterise';
import { checkSvg, rasterDimensions, renderSizeProblem, SVG_LIMITS } from './svg';

export type ImageMediaType = 'image/png' | 'image/svg+xml';
export type ImageKind = 'png' | 'svg';

export interface ImageBytes {
  kind: ImageKind;
  bytes: Buffer;
}

export interface DecodedImage {
  mediaType: ImageMediaType;
  bytes: Buffer;
}

/** Width at which badge images are drawn as PNG (and checked at upload). */
export const BADGE_PNG_WIDTH = 512;

const DATA_URI = /^data:(image\/png|image\/svg\+xml)(;base64)?,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class ImageInputError extends Error {}

/** Decodes a data: URI of a PNG or SVG image; throws ImageInputError with a message fit for the client. */
export function decodeImageDataUri(value: string): DecodedImage {
  const match = DATA_URI.exec(value.trim());
  if (!match) throw new ImageInputError('image must be an https URL or a data: URI of a PNG or SVG image');
  const [, mediaType, base64Flag, payload] = match;
  let bytes: Buffer;
  if (base64Flag) {
    const compact = payload.replace(/\s+/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
      throw new ImageInputError('image data: URI is not valid base64');
    }
    bytes = Buffer.from(compact, 'base64');
  } else {
    try {
      bytes = Buffer.from(decodeURIComponent(payload), 'utf8');
    } catch {
      throw new ImageInputError('image data: URI is not validly percent-encoded');
    }
  }
  if (bytes.length === 0) throw new ImageInputError('image data: URI is empty');
  return { mediaType: mediaType as ImageMediaType, bytes };
}

export function isPng(bytes: Buffer): boolean {
  // Signature, then the IHDR chunk that must come first, with a non-zero width and height.
  return (
    bytes.length >= 33 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString('latin1', 12, 16) === 'IHDR' &&
    bytes.readUInt32BE(16) > 0 &&
    bytes.readUInt32BE(20) > 0
  );
}

/** True when the text is an XML document with a root <svg> element in the SVG namespace (whatever else it holds). */
export function isSvg(text: string): boolean {
  const check = checkSvg(text);
  return check.ok || check.kind !== 'malformed';
}

/**
 * Why these bytes are not an acceptable image of this kind, or null. Pure: PNGs within the pixel
 * limits; SVGs with static content only, within the size limits when drawn `width` pixels wide.
 */
export function imageContentProblem(image: ImageBytes, width = BADGE_PNG_WIDTH): string | null {
  if (image.kind === 'png') {
    if (!isPng(image.bytes)) return 'image says it is a PNG but its data is not a PNG image';
    const { width: pngWidth, height: pngHeight } = rasterDimensions(image.bytes)!;
    if (pngWidth > SVG_LIMITS.maxSide || pngHeight > SVG_LIMITS.maxSide || pngWidth * pngHeight > SVG_LIMITS.maxEmbeddedPixels) {
      return `PNG image is too large: ${pngWidth}×${pngHeight} pixels (at most ${SVG_LIMITS.maxEmbeddedPixels} pixels and ${SVG_LIMITS.maxSide} per side)`;
    }
    return null;
  }
  const check = checkSvg(image.bytes.toString('utf8'));
  if (!check.ok) {
    if (check.kind === 'malformed') return `image says it is an SVG but its data is not an SVG document with a root <svg> element: ${check.problem}`;
    if (check.kind === 'too_large') return `SVG image is too large or too complex: ${check.problem}`;
    return `SVG images may only hold static drawing; this one has ${check.problem}`;
  }
  const sizeProblem = renderSizeProblem(check.size, width);
  return sizeProblem ? `SVG image is too large: ${sizeProblem}` : null;
}

/** imageContentProblem, and for SVGs a trial render under the renderer's time and memory limits. */
async function drawableImageProblem(image: ImageBytes): Promise<string | null> {
  const problem = imageContentProblem(image);
  if (problem || image.kind === 'png') return problem;
  try {
    await rasterise(image.bytes, BADGE_PNG_WIDTH);
    return null;
  } catch (error) {
    if (!(error instanceof RasteriseError)) throw error;
    // A renderer that cannot start says nothing about the image: the render path falls back later.
    return error.reason === 'unavailable' ? null : `SVG image cannot be drawn within the limits: ${error.message}`;
  }
}

export interface ImageInputContext {
  safeFetch: SafeFetch;
}

/**
 * Why an image input is not acceptable, or null when it is. An https URL is fetched through the safe
 * fetcher: a URL that leads to a non-public address, is not an image or fails the content checks is
 * refused; one whose server cannot be reached right now is accepted (every later use fetches it
 * again under the same rules, and falls back to the generated image).
 */
export async function imageInputProblem(value: string, context: ImageInputContext): Promise<string | null> {
  const trimmed = value.trim();
  if (!trimmed.startsWith('data:')) {
    const remote = await fetchRemoteImage(trimmed, context.safeFetch);
    if (!remote.ok) return remote.lasting ? remote.problem : null;
    return drawableImageProblem(remote.image);
  }
  let image: DecodedImage;
  try {
    image = decodeImageDataUri(trimmed);
  } catch (error) {
    if (error instanceof ImageInputError) return error.message;
    throw error;
  }
  return drawableImageProblem({ kind: image.mediaType === 'image/png' ? 'png' : 'svg', bytes: image.bytes });
}
