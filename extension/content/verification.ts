// Verification results, remembered for the life of the content script (one page load) for as long
// as the background would answer the same from its cache: LinkedIn moves between profiles without
// page loads, and coming back to one shows its chips at once, without a message round trip.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CheckedResult, VerifyBadgesReply, VerifyFailure } from '../../shared/schemas/messages';
import { requestVerification } from './messaging';

const MAX_REMEMBERED = 500;

export interface PageVerification {
  /** A result this page already has and may still show, or undefined. */
  remembered(url: string): CheckedResult | undefined;
  /** Asks the background (skipping every cache when `fresh`), and remembers the answer. */
  verify(urls: string[], fresh: boolean): Promise<VerifyBadgesReply>;
}

const byScript = new WeakMap<ContentScriptContext, PageVerification>();

/** The content script's memory of results, shared by its features and kept across SPA navigations. */
export function pageVerification(ctx: ContentScriptContext, now: () => number = Date.now): PageVerification {
  let memory = byScript.get(ctx);
  if (!memory) {
    memory = createPageVerification(now);
    byScript.set(ctx, memory);
  }
  return memory;
}

function createPageVerification(now: () => number): PageVerification {
  const results = new Map<string, { result: CheckedResult; freshUntil: number }>();
  return {
    remembered(url) {
      const entry = results.get(url);
      if (entry && entry.freshUntil > now()) return entry.result;
      if (entry) results.delete(url);
      return undefined;
    },
    async verify(urls, fresh) {
      const reply = await requestVerification(urls, fresh);
      if (reply.ok) {
        if (results.size + reply.results.length > MAX_REMEMBERED) results.clear();
        for (const result of reply.results) if (!('failure' in result)) results.set(result.url, { result, freshUntil: reply.freshUntil });
      }
      return reply;
    },
  };
}

/** What a reply says about one URL: its result, or why there is none. */
export function answerFor(reply: VerifyBadgesReply, url: string): CheckedResult | { failure: VerifyFailure } {
  if (!reply.ok) return { failure: reply.error };
  return reply.results.find((answer) => answer.url === url) ?? { failure: 'bad_response' };
}
