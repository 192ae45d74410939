// Messages between the extension's content scripts and its background service worker.
// Both sides validate what they receive: a content script's message may come from a page
// that tampered with the DOM, and a reply may come from an older background after an update.
//
// Written with zod/mini and without importing ./verify (zod classic): this module is bundled
// into the content script that runs on every LinkedIn page, where classic zod alone would
// weigh ~100 KB. messages.test.ts checks that verifyResultMessageSchema accepts and rejects
// exactly what the API contract's verifyResultSchema does.
import * as z from 'zod/mini';

/** Same as MAX_VERIFY_URLS in ./verify (checked by the test). */
export const MAX_MESSAGE_URLS = 100;
/** Same as BADGE_CATEGORIES in ./verify (checked by the test). */
const CATEGORIES = ['knowledge', 'skill', 'certification', 'career', 'education', 'membership'] as const;
const STATUSES = ['valid', 'expired', 'revoked', 'not_found', 'unsupported'] as const;

const badgeUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));
const isoDateTime = z.iso.datetime({ offset: true });

export const verifyResultMessageSchema = z.object({
  url: z.string(),
  status: z.enum(STATUSES),
  badge: z.optional(
    z.object({
      assertionId: z.string().check(z.minLength(1)),
      pageUrl: z.url(),
      name: z.string(),
      description: z.string(),
      category: z.enum(CATEGORIES),
      imageUrl: z.url(),
      issuer: z.object({
        id: z.url(),
        name: z.string(),
        url: z.url(),
        imageUrl: z.nullable(z.url()),
      }),
      recipientName: z.string(),
      issuedOn: isoDateTime,
      expires: z.nullable(isoDateTime),
      revocationReason: z.nullable(z.string()),
    }),
  ),
  checkedAt: isoDateTime,
});

export const verifyBadgesMessageSchema = z.object({
  type: z.literal('verify-badges'),
  urls: z.array(badgeUrl).check(z.minLength(1), z.maxLength(MAX_MESSAGE_URLS)),
  /** Skip the cache (the user pressed "Retry"). */
  fresh: z.optional(z.boolean()),
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
  z.object({ ok: z.literal(true), results: z.array(verifyResultMessageSchema) }),
  z.object({ ok: z.literal(false), error: z.enum(VERIFY_FAILURES) }),
]);
export type VerifyBadgesReply = z.infer<typeof verifyBadgesReplySchema>;

/** Images travel as data: URLs so that the page's CSP (img-src) cannot block them. */
export const BADGE_IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

export const badgeImageReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), dataUrl: z.string().check(z.maxLength(3_000_000), z.regex(BADGE_IMAGE_DATA_URL)) }),
  z.object({ ok: z.literal(false) }),
]);
export type BadgeImageReply = z.infer<typeof badgeImageReplySchema>;
