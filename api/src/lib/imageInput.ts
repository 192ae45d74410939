// Deep checks of an image given to the API (shared/schemas only checks its outer form): a data: URI must
// decode and its bytes must really be what its media type says, so the image routes never serve junk.

export type ImageMediaType = 'image/png' | 'image/svg+xml';

export interface DecodedImage {
  mediaType: ImageMediaType;
  bytes: Buffer;
}

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

/** The text with the XML prolog (declaration, comments, doctype, processing instructions) removed. */
function withoutProlog(text: string): string {
  let rest = text.replace(/^\uFEFF/, '').trimStart();
  for (;;) {
    const next = rest
      .replace(/^<\?[\s\S]*?\?>/, '')
      .replace(/^<!--[\s\S]*?-->/, '')
      .replace(/^<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, '')
      .trimStart();
    if (next === rest) return rest;
    rest = next;
  }
}

export function isSvg(text: string): boolean {
  const document = withoutProlog(text).trimEnd();
  const root = /^<((?:[A-Za-z_][\w.-]*:)?svg)[\s/>]/.exec(document);
  if (!root) return false;
  const selfClosingRoot = /^<[^<>]*\/>$/.test(document);
  return selfClosingRoot || new RegExp(`</${root[1]}\\s*>$`).test(document);
}

/** Active content an SVG must not carry: it is served from this server's origin. */
export function svgActiveContent(text: string): string | null {
  if (/<(?:[\w.-]+:)?script[\s/>]/i.test(text)) return 'a <script> element';
  if (/<(?:[\w.-]+:)?foreignObject[\s/>]/i.test(text)) return 'a <foreignObject> element';
  // Attributes are looked for inside start tags only, so that text such as "one = two" is not mistaken for one.
  const startTags = text.match(/<[A-Za-z][^<>]*>/g) ?? [];
  if (startTags.some((tag) => /\son[a-z]+\s*=/i.test(tag))) return 'an event handler attribute';
  if (/javascript\s*:/i.test(text)) return 'a javascript: URL';
  return null;
}

/**
 * Why an image input is not acceptable, or null when it is. https URLs are accepted as given (the schema
 * checked their form); data: URIs must decode to a real PNG or a real SVG without active content.
 */
export function imageInputProblem(value: string): string | null {
  if (!value.trim().startsWith('data:')) return null;
  let image: DecodedImage;
  try {
    image = decodeImageDataUri(value);
  } catch (error) {
    if (error instanceof ImageInputError) return error.message;
    throw error;
  }
  if (image.mediaType === 'image/png') {
    return isPng(image.bytes) ? null : 'image says it is a PNG but its data is not a PNG image';
  }
  const text = image.bytes.toString('utf8');
  if (!isSvg(text)) return 'image says it is an SVG but its data is not an SVG document (no root <svg> element)';
  const active = svgActiveContent(text);
  return active ? `SVG images must not contain scripts or active content (found ${active})` : null;
}
