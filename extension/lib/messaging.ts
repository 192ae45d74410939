// The content script's side: ask the background, and trust nothing it answers without a schema.
import { browser } from 'wxt/browser';
import {
  badgeImageReplySchema,
  verifyBadgesReplySchema,
  type BadgeImageMessage,
  type BadgeImageReply,
  type VerifyBadgesMessage,
  type VerifyBadgesReply,
} from '../../shared/schemas/messages';

export async function requestVerification(urls: string[], fresh = false): Promise<VerifyBadgesReply> {
  const message: VerifyBadgesMessage = { type: 'verify-badges', urls, ...(fresh ? { fresh } : {}) };
  try {
    const parsed = verifyBadgesReplySchema.safeParse(await browser.runtime.sendMessage(message));
    return parsed.success ? parsed.data : { ok: false, error: 'bad_response' };
  } catch {
    return { ok: false, error: 'unreachable' };
  }
}

export async function requestBadgeImage(url: string): Promise<BadgeImageReply> {
  const message: BadgeImageMessage = { type: 'badge-image', url };
  try {
    const parsed = badgeImageReplySchema.safeParse(await browser.runtime.sendMessage(message));
    return parsed.success ? parsed.data : { ok: false };
  } catch {
    return { ok: false };
  }
}
