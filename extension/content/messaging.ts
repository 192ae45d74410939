// The content script's side of the messages: ask the background, which alone talks to the API and
// validates every answer it gets against the API's schemas before replying. Replies come from the
// extension's own background, so they are typed data, not input to validate again; they are only
// checked to be a reply at all (no listener, or an older background during an update, answers
// nothing or something else).
import { browser } from 'wxt/browser';
import type { BadgeImageMessage, BadgeImageReply, VerifyBadgesMessage, VerifyBadgesReply } from '../../shared/schemas/messages';
import type { MatchPostingMessage, MatchPostingReply } from '../../shared/schemas/jobsites';
import { MAX_POSTING_SECTION_CHARS, MAX_POSTING_SECTIONS, MAX_POSTING_TITLE_CHARS } from '../../shared/limits';
import type { PostingText } from '../../shared/skills';

type Reply = { ok: true } | { ok: false };

/** Sends a message; a reply that is not one (`isAnswer` false) or a failed send becomes `failure`. */
async function ask<T extends Reply>(message: unknown, isAnswer: (reply: T) => boolean, failure: { bad: T; unreachable: T }): Promise<T> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch {
    return failure.unreachable;
  }
  const candidate = reply as T | null | undefined;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.ok !== 'boolean') return failure.bad;
  return candidate.ok && !isAnswer(candidate) ? failure.bad : candidate;
}

export function requestVerification(urls: string[], fresh = false): Promise<VerifyBadgesReply> {
  const message: VerifyBadgesMessage = { type: 'verify-badges', urls, ...(fresh ? { fresh } : {}) };
  return ask<VerifyBadgesReply>(message, (reply) => reply.ok && Array.isArray(reply.results), {
    bad: { ok: false, error: 'bad_response' },
    unreachable: { ok: false, error: 'unreachable' },
  });
}

export function requestBadgeImage(url: string): Promise<BadgeImageReply> {
  const message: BadgeImageMessage = { type: 'badge-image', url };
  return ask<BadgeImageReply>(message, (reply) => reply.ok && typeof reply.dataUrl === 'string', { bad: { ok: false }, unreachable: { ok: false } });
}

/**
 * The catalogue badges related to a posting. Its text goes to the extension's own background only, which
 * matches it against the skill vocabulary locally: nothing of the posting reaches any server.
 */
export function requestPostingBadges(posting: PostingText): Promise<MatchPostingReply> {
  const message: MatchPostingMessage = {
    type: 'match-posting',
    posting: {
      title: posting.title.slice(0, MAX_POSTING_TITLE_CHARS),
      sections: posting.sections.slice(0, MAX_POSTING_SECTIONS).map((section) => section.slice(0, MAX_POSTING_SECTION_CHARS)),
    },
  };
  return ask<MatchPostingReply>(message, (reply) => reply.ok && Array.isArray(reply.badges), {
    bad: { ok: false, error: 'bad_response' },
    unreachable: { ok: false, error: 'unreachable' },
  });
}
