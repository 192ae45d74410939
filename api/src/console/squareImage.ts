// Badge images are shown square everywhere (pages, cards, LinkedIn). The form's preview shows an uploaded PNG
// cut to its centre square; this makes the stored image exactly that. SVGs keep their own viewBox (they are
// drawn whole, centred, wherever they are shown).
import { BADGE_PNG_WIDTH, decodeImageDataUri } from '../lib/imageInput';
import { rasterDimensions } from '../lib/svg';
import { rasterise } from '../openbadges/images';

/** The centre square of a PNG's width × height, in the PNG's own pixels. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/** A checked upload (data: URI) as stored: a PNG that is not square becomes its centre square; anything else is unchanged. */
export async function squareUpload(dataUri: string): Promise<string> {
  const { mediaType, bytes } = decodeImageDataUri(dataUri);
  if (mediaType !== 'image/png') return dataUri;
  // Checked on upload: a PNG with readable dimensions within the limits.
  const { width, height } = rasterDimensions(bytes)!;
  if (width === height) return dataUri;
  const { x, y, side } = centreSquare(width, height);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="${x} ${y} ${side} ${side}">` +
    `<image width="${width}" height="${height}" href="data:image/png;base64,${bytes.toString('base64')}"/></svg>`;
  const png = await rasterise(svg, Math.min(side, BADGE_PNG_WIDTH));
  return `data:image/png;base64,${png.toString('base64')}`;
}
