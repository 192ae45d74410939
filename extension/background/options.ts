// The background's side of the options page: clearing the verification cache. Like the earner
// messages, only the extension's own pages are answered.
import { clearVerificationCacheMessageSchema, type ClearVerificationCacheReply } from '../../shared/schemas/popup';

interface Sender {
  url?: string;
}

export function createOptionsMessageListener(cache: { clear(): Promise<void> }, extensionOrigin: string) {
  return (
    message: unknown,
    sender: Sender | undefined,
    sendResponse?: (reply: ClearVerificationCacheReply) => void,
  ): true | Promise<ClearVerificationCacheReply> | undefined => {
    if (!clearVerificationCacheMessageSchema.safeParse(message).success) return undefined;
    if (sender?.url !== undefined && !sender.url.startsWith(extensionOrigin)) return undefined;
    const reply = cache.clear().then(() => ({ ok: true as const }));
    if (typeof sendResponse === 'function') {
      void reply.then(sendResponse);
      return true;
    }
    return reply;
  };
}
