// Messages of the job-site features: a content script asks the background for the catalogue
// badges that match a posting's skill phrases. Only those phrases travel: never the posting's
// text or the page's URL. zod/mini, like ./messages, to keep the content script small.
import * as z from 'zod/mini';

/** Same limits as the catalogue query (`skills=` in ./badges). */
export const MAX_SEARCH_SKILLS = 30;
export const MAX_SKILL_CHARS = 80;
/** The panel shows at most this many badges. */
export const MAX_PANEL_BADGES = 8;

const REQUIREMENT_KINDS = ['course', 'seminar', 'quiz', 'conference', 'other'] as const;
const CATEGORIES = ['knowledge', 'skill', 'certification', 'career', 'education', 'membership'] as const;

export const searchCatalogueMessageSchema = z.object({
  type: z.literal('search-catalogue'),
  skills: z.array(z.string().check(z.minLength(1), z.maxLength(MAX_SKILL_CHARS))).check(z.minLength(1), z.maxLength(MAX_SEARCH_SKILLS)),
});
export type SearchCatalogueMessage = z.infer<typeof searchCatalogueMessageSchema>;

const httpUrl = z.url({ protocol: /^https?$/ });

export const matchedBadgeSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  /** The badge class page: what it is and how to earn it. */
  pageUrl: httpUrl,
  issuerName: z.string(),
  requirements: z.array(z.object({ kind: z.enum(REQUIREMENT_KINDS), title: z.string(), url: z.optional(httpUrl) })),
  /** The signed-in earner holds it (accepted, still valid). */
  held: z.boolean(),
});
export type MatchedBadge = z.infer<typeof matchedBadgeSchema>;

export const CATALOGUE_FAILURES = ['unreachable', 'timeout', 'bad_response', 'bad_request'] as const;

export const searchCatalogueReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), badges: z.array(matchedBadgeSchema), signedIn: z.boolean() }),
  z.object({ ok: z.literal(false), error: z.enum(CATALOGUE_FAILURES) }),
]);
export type SearchCatalogueReply = z.infer<typeof searchCatalogueReplySchema>;
