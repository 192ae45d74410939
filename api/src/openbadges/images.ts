// Badge and issuer images: what is stored (https URL, data: URI or nothing), the generated
// fallback, and PNG rasterising for baking and social cards.
import { createHash } from 'node:crypto';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { BoundedCache, memoise } from './cache';
import type { SafeFetch } from '../fetch';
import { BADGE_PNG_WIDTH, imageContentProblem, type ImageBytes, type ImageKind } from '../lib/imageInput';
import { rasterise } from './rasterise';
import { cachedRemoteImage } from './remoteImage';

export type { ImageBytes, ImageKind } from '../lib/imageInput';
export { BADGE_PNG_WIDTH } from '../lib/imageInput';
export { rasterise } from './rasterise';

export type StoredImage = { kind: 'url'; url: string } | { kind: 'data'; image: ImageBytes } | { kind: 'none' };

export const CONTENT_TYPES: Record<ImageKind, string> = { png: 'image/png', svg: 'image/svg+xml' };

/** Uploaded SVG may carry scripts: never let it run or load anything when opened directly. */
export const SVG_SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'X-Content-Type-Options': 'nosniff',
} as const;

/** Interprets a stored image value. A data: URI that does not hold an acceptable image counts as no image. */
export function parseStoredImage(value: string | null | undefined): StoredImage {
  if (!value) return { kind: 'none' };
  if (value.startsWith('https://')) return { kind: 'url', url: value };
  const match = /^data:image\/(png|svg\+xml)(;base64)?,(.*)$/s.exec(value);
  if (!match) return { kind: 'none' };
  let bytes: Buffer;
  try {
    bytes = match[2] ? Buffer.from(match[3], 'base64') : Buffer.from(decodeURIComponent(match[3]), 'utf8');
  } catch {
    return { kind: 'none' };
  }
  const image: ImageBytes = { kind: match[1] === 'png' ? 'png' : 'svg', bytes };
  // Stored before today's checks (or behind the API's back): an image that fails them counts as none.
  return acceptable(image) ? { kind: 'data', image } : { kind: 'none' };
}

const verdicts = new BoundedCache<boolean>(500);

/** imageContentProblem, remembered by content: parsing a large SVG on every image request would cost too much. */
function acceptable(image: ImageBytes): boolean {
  const key = `${image.kind}|${createHash('sha256').update(image.bytes).digest('hex')}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) verdicts.set(key, (verdict = imageContentProblem(image) === null));
  return verdict;
}

// ---------------------------------------------------------------------------------------------
// Generated images

export type ImagePalette = { light: string; dark: string };

export const CATEGORY_PALETTES: Record<BadgeCategory, ImagePalette> = {
  knowledge: { light: '#3b82f6', dark: '#1d4ed8' },
  skill: { light: '#10b981', dark: '#047857' },
  certification: { light: '#f59e0b', dark: '#b45309' },
  career: { light: '#8b5cf6', dark: '#6d28d9' },
  education: { light: '#06b6d4', dark: '#0e7490' },
  membership: { light: '#ec4899', dark: '#be185d' },
};
export const ISSUER_PALETTE: ImagePalette = { light: '#64748b', dark: '#334155' };

const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
const INVALID_XML_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for SVG/XML content and attribute values, dropping characters XML cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const MINOR_WORDS = new Set(['a', 'an', 'and', 'de', 'for', 'in', 'of', 'on', 'the', 'to', 'und', 'with']);

/** Up to three initials from the significant words of a name ("Guild of Test Welders" -> "GTW"). */
export function initialsOf(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const significant = words.filter((word) => !MINOR_WORDS.has(word.toLowerCase()));
  const chosen = (significant.length ? significant : words).slice(0, 3);
  const initials = chosen.map((word) => Array.from(word)[0].toLocaleUpperCase()).join('');
  return initials || '★';
}

/** Shortens text to at most `max` characters (code points), ending with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text.trim().replace(/\s+/g, ' '));
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

const HEXAGON = '256,20 460,138 460,374 256,492 52,374 52,138';
const INNER_HEXAGON = '256,54 430,155 430,357 256,458 82,357 82,155';

function emblemSvg(label: string, title: string, caption: string, palette: ImagePalette): string {
  const initials = escapeXml(initialsOf(label));
  const initialsSize = Array.from(initialsOf(label)).length > 2 ? 108 : 150;
  const ribbon = shorten(label, 22);
  const ribbonSize = Array.from(ribbon).length <= 12 ? 34 : Array.from(ribbon).length <= 17 ? 28 : 23;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><linearGradient id="face" x1="0" y1="0" x2="0" y2="1">',
    `<stop offset="0" stop-color="${palette.light}"/><stop offset="1" stop-color="${palette.dark}"/>`,
    '</linearGradient></defs>',
    `<polygon points="${HEXAGON}" fill="url(#face)" stroke="${palette.dark}" stroke-width="10" stroke-linejoin="round"/>`,
    `<polygon points="${INNER_HEXAGON}" fill="none" stroke="#ffffff" stroke-opacity="0.6" stroke-width="6" stroke-linejoin="round"/>`,
    `<text x="256" y="148" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="24" font-weight="700" letter-spacing="4" fill="#ffffff" fill-opacity="0.9">${escapeXml(caption.toUpperCase())}</text>`,
    `<text x="256" y="${initialsSize > 108 ? 286 : 268}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${initialsSize}" font-weight="700" fill="#ffffff">${initials}</text>`,
    `<path d="M20 330 H492 L472 366 L492 402 H20 L40 366 Z" fill="#ffffff" stroke="${palette.dark}" stroke-width="6" stroke-linejoin="round"/>`,
    `<text x="256" y="${366 + Math.round(ribbonSize * 0.35)}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${ribbonSize}" font-weight="700" fill="${palette.dark}">${escapeXml(ribbon)}</text>`,
    '</svg>',
  ].join('');
}

/** A deterministic badge image from the badge's name and category: hexagon, initials, ribbon with the name. */
export function generateBadgeSvg(badge: { name: string; category: BadgeCategory }): string {
  return emblemSvg(badge.name, badge.name, badge.category, CATEGORY_PALETTES[badge.category] ?? ISSUER_PALETTE);
}

export function generateIssuerSvg(issuer: { name: string }): string {
  return emblemSvg(issuer.name, issuer.name, 'issuer', ISSUER_PALETTE);
}

// ---------------------------------------------------------------------------------------------
// Bytes and rasterising

/**
 * The bytes of an image: decoded data: URIs, https URLs fetched through the safe fetcher (cached),
 * and the generated image when there is none or the stored one is not acceptable (any more).
 */
export async function imageBytes(stored: StoredImage, generate: () => string, safeFetch: SafeFetch): Promise<ImageBytes> {
  if (stored.kind === 'data') return stored.image;
  if (stored.kind === 'url') {
    const fetched = await cachedRemoteImage(stored.url, safeFetch);
    if (fetched.ok && !imageContentProblem(fetched.image)) return fetched.image;
  }
  return { kind: 'svg', bytes: Buffer.from(generate(), 'utf8') };
}

const badgePngs = new BoundedCache<Promise<Buffer>>(200);

/**
 * A PNG of the image: PNGs within the limits as they are, SVGs rasterised at `width` (cached by
 * content) through the limited renderer. Anything that cannot be drawn falls back to `generate()`.
 */
export function pngOf(image: ImageBytes, generate: () => string, width = BADGE_PNG_WIDTH): Promise<Buffer> {
  if (image.kind === 'png' && !imageContentProblem(image)) return Promise.resolve(image.bytes);
  return memoise(badgePngs, `${createHash('sha256').update(image.bytes).digest('hex')}|${image.kind}|${width}`, async () => {
    try {
      if (image.kind === 'png') throw new Error('PNG outside the limits');
      return await rasterise(image.bytes, width);
    } catch {
      return rasterise(generate(), width);
    }
  });
}
