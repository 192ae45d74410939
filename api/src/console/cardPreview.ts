// The badge form's preview of the LinkedIn card: the same renderer as a shared badge's og:image, drawn from
// what the form holds now (a sample earner's name stands in for the recipient's).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badgeCategorySchema } from '../../../shared/schemas/verify';
import type { BadgeClass } from '../db/badgeClasses';
import type { SafeFetch } from '../fetch/safeFetch';
import type { RenderedFile } from '../http/renderedFiles';
import { generateBadgeSvg, imageBytes, parseStoredImage, pngOf } from '../openbadges/images';
import { ogCardPng } from '../openbadges/og';

export const SAMPLE_RECIPIENT = 'Alex Example';

export const cardPreviewQuerySchema = z.object({
  name: z.string().max(200).default(''),
  category: badgeCategorySchema.default('skill'),
  /** The badge class being edited, whose stored image the card shows. */
  badge: z.string().max(64).optional(),
});
export type CardPreviewQuery = z.infer<typeof cardPreviewQuerySchema>;

/** The preview's URL for the form's current values (the page's script keeps it in step while typing). */
export function cardPreviewUrl(consoleBase: string, values: { name?: string; category?: string }, badgeClassId: string | null): string {
  const query = new URLSearchParams({ name: values.name ?? '', category: values.category ?? 'skill' });
  if (badgeClassId) query.set('badge', badgeClassId);
  return `${consoleBase}/badges/card-preview.png?${query}`;
}

export async function cardPreviewPng(query: CardPreviewQuery, issuerName: string, badgeClass: BadgeClass | null, deps: { safeFetch: SafeFetch; publicUrl: string }): Promise<RenderedFile> {
  const shown = { name: query.name.trim() || 'Badge name', category: query.category };
  const generate = () => generateBadgeSvg(shown);
  const badgePng = await pngOf(await imageBytes(parseStoredImage(badgeClass?.image), generate, deps.safeFetch), generate);
  const host = new URL(deps.publicUrl).host;
  const key = createHash('sha256').update(JSON.stringify([shown, issuerName, host])).update(badgePng).digest('hex');
  return ogCardPng(`console-preview|${key}`, async () => ({ badgeName: shown.name, issuerName, recipientName: SAMPLE_RECIPIENT, category: shown.category, badgePng, host }));
}
