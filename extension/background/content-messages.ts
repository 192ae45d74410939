// The background's side of the content-script messages: validate, then answer.
import { contentMessageSchema, type BadgeImageReply, type VerifyBadgesReply } from '../../shared/schemas/messages';
import type { Verifier } from './verifier';

type Reply = VerifyBadgesReply | BadgeImageReply;

export function handleContentMessage(verifier: Verifier, message: unknown): Promise<Reply> | undefined {
  const parsed = contentMessageSchema.safeParse(message);
  if (!parsed.success) {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'verify-badges') return Promise.resolve({ ok: false, error: 'bad_request' });
    if (type === 'badge-image') return Promise.resolve({ ok: false });
    return undefined; // not ours
  }
  const request = parsed.data;
  switch (request.type) {
    case 'verify-badges':
      return verifier.verify(request.urls, { fresh: request.fresh });
    case 'badge-image':
      return verifier.image(request.url);
  }
}

/**
 * A runtime.onMessage listener that works everywhere: Chrome answers through sendResponse
 * (return true keeps the channel open), Firefox and WXT's fake browser take the promise.
 */
export function createMessageListener(verifier: Verifier) {
  return (message: unknown, _sender: unknown, sendResponse?: (reply: Reply) => void): true | Promise<Reply> | undefined => {
    const reply = handleContentMessage(verifier, message);
    if (!reply) return undefined;
    if (typeof sendResponse === 'function') {
      void reply.then(sendResponse);
      return true;
    }
    return reply;
  };
}
