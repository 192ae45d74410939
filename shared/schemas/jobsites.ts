// Messages of the job-site features: a content script gives the background the posting's text (inside
// the browser only); the background matches it locally against the skill vocabulary it downloaded
// (GET /api/v1/skills, no page data) and answers with the related badges. The background validates the
// message; its reply is typed data it built from the vocabulary it validated (./skills).
import { z } from 'zod';
import { MAX_POSTING_SECTION_CHARS, MAX_POSTING_SECTIONS, MAX_POSTING_TITLE_CHARS } from '../limits';
import type { REQUIREMENT_KINDS } from './badges';
import type { BadgeCategory } from './verify';

/** The panel names at most this many related badges, all of them visible at once. */
export const MAX_PANEL_BADGES = 24;

export const matchPostingMessageSchema = z.object({
  type: z.literal('match-posting'),
  posting: z.object({
    title: z.string().max(MAX_POSTING_TITLE_CHARS),
    sections: z.array(z.string().max(MAX_POSTING_SECTION_CHARS)).max(MAX_POSTING_SECTIONS),
  }),
});
export type MatchPostingMessage = z.infer<typeof matchPostingMessageSchema>;

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

/** Published companies' roles asking for the matched badges and schools' courses leading to them (GET /api/v1/match/related). */
export interface RelatedOpportunities {
  roles: Array<{ id: string; title: string; location: string; organisation: string; link: string; badgeIds: string[] }>;
  courses: Array<{ id: string; title: string; format: 'online' | 'in_person'; location: string; startsOn: string | null; organisation: string; link: string; badgeIds: string[] }>;
}

export type MatchPostingReply =
  | { ok: true; badges: MatchedBadge[]; signedIn: boolean; related: RelatedOpportunities }
  | { ok: false; error: (typeof CATALOGUE_FAILURES)[number] };
