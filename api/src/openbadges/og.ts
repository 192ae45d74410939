// The social card behind og:image: LinkedIn shows PNG/JPEG only (no SVG) and wants about 1200×627.
// Its text is drawn as glyph outlines from the shipped fonts (fonts/), laid out and shaped here,
// so every script the certificate prints shows on the card too, whatever fonts the machine has.
import { RenderedFiles, type RenderedFile } from '../http/renderedFiles';
import { CATEGORY_PALETTES, ISSUER_PALETTE, escapeXml, rasterise, type ImagePalette } from './images';
import { drawableText, layoutLine, lineAsSvgPaths, withEllipsis, wrapLines, type FontWeight } from '../fonts/text';
import type { BadgeCategory } from '../../../shared/schemas/verify';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 627;
/** Text starts right of the badge image and keeps this margin from the card's right edge. */
const TEXT_LEFT = 560;
export const OG_TEXT_WIDTH = OG_WIDTH - TEXT_LEFT - 48;

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

export interface OgCardLine {
  /** What the line shows (a text too long for its lines ends in "…"). */
  text: string;
  x: number;
  /** The baseline. */
  y: number;
  size: number;
  weight: FontWeight;
  fill: string;
}

/**
 * Where each line of the card goes: the category, the badge name (up to three lines, smaller when it
 * needs three), who issued it (up to two lines) and earned it, and where to verify it. Every line fits
 * OG_TEXT_WIDTH, measured with the fonts that draw it; what does not fit is shortened with "…".
 */
export function ogCardLines(input: Omit<OgCardInput, 'badgePng'>): OgCardLine[] {
  const palette: ImagePalette = CATEGORY_PALETTES[input.category] ?? ISSUER_PALETTE;
  const lines: OgCardLine[] = [];
  const add = (text: string, y: number, size: number, weight: FontWeight, fill: string) => lines.push({ text, x: TEXT_LEFT, y, size, weight, fill });

  add(`${input.category.toUpperCase()} BADGE`, 130, 26, 700, palette.dark);

  const name = drawableText(input.badgeName, 700);
  let nameSize = 54;
  let nameLines = wrapLines(name, 700, nameSize, OG_TEXT_WIDTH, 3).lines;
  if (nameLines.length > 2) {
    nameSize = 46;
    nameLines = wrapLines(name, 700, nameSize, OG_TEXT_WIDTH, 3).lines;
  }
  const nameLineHeight = Math.round(nameSize * 1.2);
  nameLines.forEach((line, index) => add(line, 200 + index * nameLineHeight, nameSize, 700, '#0f172a'));

  let y = 200 + (nameLines.length - 1) * nameLineHeight + 70;
  for (const line of wrapLines(drawableText(`Issued by ${input.issuerName}`, 400), 400, 30, OG_TEXT_WIDTH, 2).lines) {
    add(line, y, 30, 400, '#334155');
    y += 40;
  }
  add(withEllipsis(drawableText(`Earned by ${input.recipientName}`, 400), 400, 30, OG_TEXT_WIDTH), y + 8, 30, 400, '#334155');
  add(withEllipsis(drawableText(`Verify at ${input.host}`, 400), 400, 24, OG_TEXT_WIDTH), 570, 24, 400, '#64748b');
  return lines;
}

export function ogCardSvg(input: OgCardInput): string {
  const palette: ImagePalette = CATEGORY_PALETTES[input.category] ?? ISSUER_PALETTE;
  const badgeHref = `data:image/png;base64,${input.badgePng.toString('base64')}`;
  const text = ogCardLines(input).map(
    (line) => `<g fill="${escapeXml(line.fill)}">${lineAsSvgPaths(layoutLine(line.text, line.weight, line.size), line.x, line.y, line.size)}</g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">`,
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">',
    `<stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#eef2f7"/>`,
    '</linearGradient></defs>',
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="url(#bg)"/>`,
    `<rect width="${OG_WIDTH}" height="14" fill="${palette.dark}"/>`,
    `<circle cx="290" cy="318" r="236" fill="${palette.light}" fill-opacity="0.12"/>`,
    `<image x="90" y="118" width="400" height="400" preserveAspectRatio="xMidYMid meet" href="${badgeHref}"/>`,
    ...text,
    '</svg>',
  ].join('');
}

/** Rendered cards (about 80 KB each): the most recent in memory, the others on disk, each rendered once per version. */
export const ogCards = new RenderedFiles({ memoryBytes: 8 * 1024 * 1024, diskBytes: 512 * 1024 * 1024 });

/** The card as PNG, rendered once per `cacheKey` (which must change whenever anything shown on the card may). */
export function ogCardPng(cacheKey: string, input: () => Promise<OgCardInput>): Promise<RenderedFile> {
  return ogCards.get(cacheKey, async () => rasterise(ogCardSvg(await input()), OG_WIDTH));
}
