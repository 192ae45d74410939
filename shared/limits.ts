// Limits of the messages between the extension's content scripts and its background. Free of
// zod on purpose: content scripts import these values, and the schemas that enforce them
// (./schemas/messages, ./schemas/jobsites) run only in the background.

/** URLs in one verify message; the same as MAX_VERIFY_URLS of the API (checked by messages.test.ts). */
export const MAX_MESSAGE_URLS = 100;
/** Same limits as the catalogue query (`skills=` in ./schemas/badges). */
export const MAX_SEARCH_SKILLS = 30;
export const MAX_SKILL_CHARS = 80;
