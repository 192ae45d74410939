// Limits of the messages between the extension's content scripts and its background. Free of
// zod on purpose: content scripts import these values, and the schemas that enforce them
// (./schemas/messages, ./schemas/jobsites) run only in the background.

/** URLs in one verify message; the same as MAX_VERIFY_URLS of the API (checked by messages.test.ts). */
export const MAX_MESSAGE_URLS = 100;
/** A posting's text as the content script gives it to the background, cut to these sizes. */
export const MAX_POSTING_TITLE_CHARS = 300;
export const MAX_POSTING_SECTIONS = 20;
export const MAX_POSTING_SECTION_CHARS = 20_000;
