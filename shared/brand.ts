// The BadgeLens mark, one drawing for every place it appears: the API's favicon and the browser
// extension's icons (rasterised at build time, wxt.config.ts).

/**
 * A white rosette with a check mark and two ribbon tails on the brand blue (the API theme's
 * `link`/`buttonBackground`), drawn on a 64-unit grid for 16 px and up.
 */
export const BRAND_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect width="64" height="64" rx="14" fill="#0b57d0"/>
<path d="M21 34 14 57l8.5-4 4.5 7.5L32 41z" fill="#8ab4f8"/>
<path d="M43 34l7 23-8.5-4-4.5 7.5L32 41z" fill="#8ab4f8"/>
<circle cx="32" cy="26" r="19" fill="#ffffff"/>
<circle cx="32" cy="26" r="14" fill="none" stroke="#0b57d0" stroke-width="3"/>
<path d="M24.5 26.5l5 5 10-10.5" fill="none" stroke="#0b57d0" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/**
 * The mark with transparent space around it: the stores and the install dialogs want a 128 px icon
 * holding 96 px of artwork (`margin` is the share of the side left empty on each edge, 16/128).
 */
export function paddedBrandIcon(margin: number): string {
  const side = 64 / (1 - 2 * margin);
  const offset = (side - 64) / 2;
  return BRAND_ICON_SVG.replace('viewBox="0 0 64 64"', `viewBox="${-offset} ${-offset} ${side} ${side}"`);
}
