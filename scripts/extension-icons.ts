// The extension's icons, rasterised from the shared BadgeLens mark at build time (wxt.config.ts),
// so the extension and the API's favicon are one drawing and no PNG is kept in the repository.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRAND_ICON_SVG, paddedBrandIcon } from '../shared/brand';

/** 16/32: toolbar; 48/96: the browsers' extension pages; 128: install dialogs and the stores. */
export const EXTENSION_ICON_SIZES = [16, 32, 48, 96, 128] as const;
export type ExtensionIconSize = (typeof EXTENSION_ICON_SIZES)[number];

/** The manifest's path of each size, relative to the extension's root. */
export const extensionIconPath = (size: ExtensionIconSize) => `icon/${size}.png`;

/** One PNG; the 128 px icon keeps 16 px of transparent margin around 96 px of artwork, as the stores ask. */
export function renderExtensionIcon(size: ExtensionIconSize): Buffer {
  const svg = size === 128 ? paddedBrandIcon(16 / 128) : BRAND_ICON_SVG;
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** Writes every size into `directory`; returns where each went. */
export function writeExtensionIcons(directory: string): { size: ExtensionIconSize; file: string }[] {
  mkdirSync(directory, { recursive: true });
  return EXTENSION_ICON_SIZES.map((size) => {
    const file = join(directory, `${size}.png`);
    writeFileSync(file, renderExtensionIcon(size));
    return { size, file };
  });
}
