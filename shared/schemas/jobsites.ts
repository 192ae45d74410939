// Messages of the job-site features: a content script asks the background for the catalogue
// badges that match a posting's skill phrases. Only those phrases travel: never the posting's
// text or the page's URL. The background validates the message; its reply is typed data it built
// from the API answer it validated (./issuerApi's catalogue schema).
import { z } from 'zod';
import { MAX_SEARCH_SKILLS, MAX_SKILL_CHARS } from '../limits';
import type { REQUIREMENT_KINDS } from './badges';
import type { BadgeCategory } from './verify';

/** The panel shows at most this many badges. */
export const MAX_PANEL_BADGES = 8;

export const searchCatalogueMessageSchema = z.object({
  type: z.literal('search-catalogue'),
  skills: z.array(z.string().min(1).max(MAX_SKILL_CHARS)).min(1).max(MAX_SEARCH_SKILLS),
});
export type SearchCatalogueMessage = z.infer<typeof searchCatalogueMessageSchema>;

export interface MatchedBadge {
  id: string;
  name: string;
  category: BadgeCategory;
  /** The badge class page (http or https): what it is and how to earn it. */
  pageUrl: string;
  issuerName: string;
  requirements: Array<{ kind: (typeof REQUIREMENT_KINDS)[number]; title: string; url?: string }>;
  /** The signed-in earner holds it (accepted, still valid). */
  held: boolean;
}

export const CATALOGUE_FAILURES = ['unreachable', 'timeout', 'bad_response', 'bad_request'] as const;

export type SearchCatalogueReply =
  | { ok: true; badges: MatchedBadge[]; signedIn: boolean }
  | { ok: false; error: (typeof CATALOGUE_FAILURES)[number] };
