// Messages between the extension's content scripts and its background service worker.
// Both sides validate what they receive: a content script's message may come from a page
// that tampered with the DOM, and a reply may come from an older background after an update.
import { z } from 'zod';
import { MAX_VERIFY_URLS, verifyResultSchema } from './verify';

const badgeUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const verifyBadgesMessageSchema = z.object({
  type: z.literal('verify-badges'),
  urls: z.array(badgeUrl).min(1).max(MAX_VERIFY_URLS),
  /** Skip the cache (the user pressed "Retry"). */
  fresh: z.boolean().optional(),
});
export type VerifyBadgesMessage = z.infer<typeof verifyBadgesMessageSchema>;

export const badgeImageMessageSchema = z.object({
  type: z.literal('badge-image'),
  url: badgeUrl,
});
export type BadgeImageMessage = z.infer<typeof badgeImageMessageSchema>;

export const contentMessageSchema = z.discriminatedUnion('type', [verifyBadgesMessageSchema, badgeImageMessageSchema]);
export type ContentMessage = z.infer<typeof contentMessageSchema>;

export const VERIFY_FAILURES = ['unreachable', 'timeout', 'bad_response', 'bad_request'] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

export const verifyBadgesReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), results: z.array(verifyResultSchema) }),
  z.object({ ok: z.literal(false), error: z.enum(VERIFY_FAILURES) }),
]);
export type VerifyBadgesReply = z.infer<typeof verifyBadgesReplySchema>;

/** Images travel as data: URLs so that the page's CSP (img-src) cannot block them. */
export const BADGE_IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

export const badgeImageReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), dataUrl: z.string().max(3_000_000).regex(BADGE_IMAGE_DATA_URL) }),
  z.object({ ok: z.literal(false) }),
]);
export type BadgeImageReply = z.infer<typeof badgeImageReplySchema>;
