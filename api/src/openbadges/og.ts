// The social card behind og:image: LinkedIn shows PNG/JPEG only (no SVG) and wants about 1200×627.
import { BoundedCache, memoise } from './cache';
import { CATEGORY_PALETTES, ISSUER_PALETTE, escapeXml, rasterise, shorten, type ImagePalette } from './images';
import type { BadgeCategory } from '../../../shared/schemas/verify';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 627;

const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

export interface OgCardInput {
  badgeName: string;
  issuerName: string;
  recipientName: string;
  category: BadgeCategory;
  /** The badge image as PNG bytes (resvg renders embedded PNGs reliably). */
  badgePng: Buffer;
  /** The host shown in the footer, e.g. "badges.example.org". */
  host: string;
}

/** Greedy word wrap by character count (no font metrics on the server); the last line is cut with "…". */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const candidate = current ? `${current} ${word}` : word;
    if (Array.from(candidate).length <= maxChars || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines - 1) {
      current = words.slice(index).join(' ');
      break;
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, maxLines).map((line) => shorten(line, maxChars));
}

export function ogCardSvg(input: OgCardInput): string {
  const palette: ImagePalette = CATEGORY_PALETTES[input.category] ?? ISSUER_PALETTE;
  const nameLines = wrapText(input.badgeName, 18, 3);
  const nameSize = nameLines.length > 2 ? 46 : 54;
  const nameTop = 200;
  const nameText = nameLines
    .map((line, index) => `<tspan x="560" y="${nameTop + index * Math.round(nameSize * 1.2)}">${escapeXml(line)}</tspan>`)
    .join('');
  const afterName = nameTop + (nameLines.length - 1) * Math.round(nameSize * 1.2) + 70;
  const badgeHref = `data:image/png;base64,${input.badgePng.toString('base64')}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">`,
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">',
    `<stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#eef2f7"/>`,
    '</linearGradient></defs>',
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="url(#bg)"/>`,
    `<rect width="${OG_WIDTH}" height="14" fill="${palette.dark}"/>`,
    `<circle cx="290" cy="318" r="236" fill="${palette.light}" fill-opacity="0.12"/>`,
    `<image x="90" y="118" width="400" height="400" preserveAspectRatio="xMidYMid meet" href="${badgeHref}"/>`,
    `<text x="560" y="130" font-family="${FONT_FAMILY}" font-size="26" font-weight="700" letter-spacing="3" fill="${palette.dark}">${escapeXml(input.category.toUpperCase())} BADGE</text>`,
    `<text font-family="${FONT_FAMILY}" font-size="${nameSize}" font-weight="700" fill="#0f172a">${nameText}</text>`,
    `<text x="560" y="${afterName}" font-family="${FONT_FAMILY}" font-size="30" fill="#334155">Issued by ${escapeXml(shorten(input.issuerName, 34))}</text>`,
    `<text x="560" y="${afterName + 48}" font-family="${FONT_FAMILY}" font-size="30" fill="#334155">Earned by ${escapeXml(shorten(input.recipientName, 34))}</text>`,
    `<text x="560" y="570" font-family="${FONT_FAMILY}" font-size="24" fill="#64748b">Verify at ${escapeXml(shorten(input.host, 40))}</text>`,
    '</svg>',
  ].join('');
}

const ogCards = new BoundedCache<Promise<Buffer>>(200);

/** The card as PNG, cached by `cacheKey` (which must change whenever anything shown on the card may). */
export function ogCardPng(cacheKey: string, input: () => Promise<OgCardInput>): Promise<Buffer> {
  return memoise(ogCards, cacheKey, async () => rasterise(ogCardSvg(await input()), OG_WIDTH));
}
