// Messages between the extension's content scripts and its background service worker.
// The background validates every message it receives: a content script runs in a page that may
// have tampered with it. Replies come from the extension's own background, which built them from
// API answers it validated (./verify), so content scripts take them as typed data: nothing here
// is bundled into a content script but types and ../limits.
import { z } from 'zod';
import { MAX_MESSAGE_URLS } from '../limits';
import type { VerifyResult } from './verify';

const badgeUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const verifyBadgesMessageSchema = z.object({
  type: z.literal('verify-badges'),
  urls: z.array(badgeUrl).min(1).max(MAX_MESSAGE_URLS),
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

/**
 * Who checked a result: the extension itself (trustless mode: an Open Badges 3.0 credential whose
 * signature the service worker verified), or the BadgeLens server at `host`.
 */
export type CheckedBy = { kind: 'browser' } | { kind: 'server'; host: string };

/** A verification result (validated against the API's schema, or made by the extension) and who checked it. */
export type CheckedResult = VerifyResult & { checkedBy: CheckedBy };

/** A URL that could not be checked now (the API unreachable, too slow, or its answer malformed). */
export interface UncheckedUrl {
  url: string;
  failure: VerifyFailure;
}

/**
 * One answer per URL asked, in order: a result, or why there is none. A badge checked in the
 * browser does not wait for the API, nor fail with it. `freshUntil`: until when (epoch ms, the
 * browser's clock) the background would answer the same results from its cache, so a content
 * script may reuse them without asking again.
 */
export type BadgeAnswer = CheckedResult | UncheckedUrl;
export type VerifyBadgesReply = { ok: true; results: BadgeAnswer[]; freshUntil: number } | { ok: false; error: VerifyFailure };

/** Images travel as data: URLs so that the page's CSP (img-src) cannot block them. */
export const BADGE_IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

/** `dataUrl` matches BADGE_IMAGE_DATA_URL (checked by the background). */
export type BadgeImageReply = { ok: true; dataUrl: string } | { ok: false };
