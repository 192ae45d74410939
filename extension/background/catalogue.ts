// The background's job-posting matcher for the job-site panel. It keeps the catalogue's skill vocabulary
// (GET /api/v1/skills), downloaded once and refreshed daily with a conditional GET (If-None-Match), and
// matches postings against it here, in the browser: the posting's text comes by message from the content
// script and never leaves. Two requests, neither with page data, cookies or referrer: the vocabulary's,
// and the ids of the matched badges (GET /api/v1/match/related) for the roles and courses related to them.
import { z } from 'zod';
import { MAX_PANEL_BADGES, matchPostingMessageSchema, type MatchedBadge, type MatchPostingReply, type RelatedOpportunities } from '../../shared/schemas/jobsites';
import { MAX_RELATED_ITEMS } from '../../shared/matching/related';
import { relatedResponseSchema } from '../../shared/schemas/matching';
import { skillVocabularySchema, type SkillVocabulary } from '../../shared/schemas/skills';
import { createPostingMatcher, type PostingText } from '../../shared/skills';
import { apiOrigin } from '../common/settings';

/** The vocabulary is downloaded again (conditionally) once it is older than this. */
export const VOCABULARY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const storedVocabularySchema = z.object({
  apiOrigin: z.string(),
  etag: z.string().nullable(),
  fetchedAt: z.number(),
  vocabulary: skillVocabularySchema,
});
export type StoredVocabulary = z.infer<typeof storedVocabularySchema>;

export interface JobBadgesOptions {
  fetch: typeof fetch;
  apiBaseUrl: () => Promise<string>;
  /** The signed-in earner's last-known badges (null when signed out). */
  earnerBadges: () => Promise<unknown>;
  /** Where the vocabulary is kept between service-worker runs. */
  vocabularyStore: { load: () => Promise<unknown>; save: (stored: StoredVocabulary) => Promise<void> };
  now?: () => number;
  timeoutMs?: number;
}

const httpUrlSchema = z.string().refine((value) => /^https?:\/\//.test(value));

/** The part of the popup's stored badge snapshot (extension/earner/storage.ts) this matcher reads. */
const heldBadgesSchema = z.object({
  apiBaseUrl: z.string(),
  badges: z.array(
    z.object({
      name: z.string(),
      issuer: z.object({ name: z.string() }),
      claimState: z.string(),
      status: z.string(),
    }),
  ),
});
type HeldBadges = z.infer<typeof heldBadgesSchema>;

/** Badges are matched to catalogue entries by issuer and name: the earner's list names no badge class. */
function holdingKey(issuerName: string, badgeName: string): string {
  return `${issuerName}\n${badgeName}`.toLowerCase();
}

function heldKeys(snapshot: HeldBadges | null, apiBaseUrl: string): Set<string> | null {
  if (!snapshot || apiOrigin(snapshot.apiBaseUrl) !== apiOrigin(apiBaseUrl)) return null;
  return new Set(
    snapshot.badges
      .filter((badge) => badge.claimState === 'accepted' && badge.status === 'valid')
      .map((badge) => holdingKey(badge.issuer.name, badge.name)),
  );
}

type Failure = Extract<MatchPostingReply, { ok: false }>;

const NO_RELATED: RelatedOpportunities = { roles: [], courses: [] };

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The first http(s) link of those given (the posting or course itself, else the organisation's page). */
function firstHttpLink(...links: (string | null)[]): string | null {
  return links.find((link): link is string => link !== null && httpUrlSchema.safeParse(link).success) ?? null;
}

export function createJobBadges(options: JobBadgesOptions) {
  const timeoutMs = options.timeoutMs ?? 8_000;
  const now = options.now ?? Date.now;
  let compiled: { vocabulary: SkillVocabulary; match: ReturnType<typeof createPostingMatcher> } | null = null;
  let refreshing: Promise<SkillVocabulary | Failure> | null = null;

  async function download(origin: string, stored: StoredVocabulary | null): Promise<SkillVocabulary | Failure> {
    const reusable = stored && stored.apiOrigin === origin ? stored : null;
    let response: Response;
    try {
      response = await options.fetch(new URL('/api/v1/skills', origin), {
        headers: { accept: 'application/json', ...(reusable?.etag ? { 'if-none-match': reusable.etag } : {}) },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        // The stored copy is the cache: a download always asks the server (conditionally), never the HTTP cache.
        cache: 'no-cache',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (reusable) return reusable.vocabulary; // yesterday's words beat none
      return { ok: false, error: (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
    if (response.status === 304 && reusable) {
      await options.vocabularyStore.save({ ...reusable, fetchedAt: now() });
      return reusable.vocabulary;
    }
    if (!response.ok) return reusable?.vocabulary ?? { ok: false, error: response.status >= 500 ? 'unreachable' : 'bad_request' };
    const parsed = skillVocabularySchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return reusable?.vocabulary ?? { ok: false, error: 'bad_response' };
    await options.vocabularyStore.save({ apiOrigin: origin, etag: response.headers.get('etag'), fetchedAt: now(), vocabulary: parsed.data });
    return parsed.data;
  }

  /** The vocabulary of the configured server: the stored one while it is fresh, else downloaded (once at a time). */
  async function vocabulary(origin: string): Promise<SkillVocabulary | Failure> {
    const stored = storedVocabularySchema.safeParse(await options.vocabularyStore.load().catch(() => null));
    const current = stored.success ? stored.data : null;
    if (current && current.apiOrigin === origin && now() - current.fetchedAt < VOCABULARY_MAX_AGE_MS) return current.vocabulary;
    refreshing ??= download(origin, current).finally(() => (refreshing = null));
    return refreshing;
  }

  /** Roles and courses related to the badges; none when the server can't say (the badges still show). */
  async function related(origin: string, badgeIds: readonly string[]): Promise<RelatedOpportunities> {
    if (badgeIds.length === 0) return NO_RELATED;
    const url = new URL('/api/v1/match/related', origin);
    // Sorted, so that the same badges make the same (cacheable) request; the panel lists them in the posting's order.
    url.searchParams.set('badges', [...badgeIds].sort().join(','));
    const postingOrder = (ids: string[]) => badgeIds.filter((id) => ids.includes(id));
    try {
      const response = await options.fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(timeoutMs) });
      const parsed = relatedResponseSchema.safeParse(response.ok ? await response.json() : undefined);
      if (!parsed.success) return NO_RELATED;
      const roles = parsed.data.roles.slice(0, MAX_RELATED_ITEMS).flatMap(({ id, title, location, organisation, organisationUrl, postingUrl, badgeIds: asksFor }) => {
        const link = firstHttpLink(postingUrl, organisationUrl);
        return link ? [{ id, title, location, organisation, link, badgeIds: postingOrder(asksFor) }] : [];
      });
      const courses = parsed.data.courses.slice(0, MAX_RELATED_ITEMS).flatMap(({ id, title, format, location, startsOn, organisation, organisationUrl, url: courseUrl, badgeIds: leadsTo }) => {
        const link = firstHttpLink(courseUrl, organisationUrl);
        // The panel formats the date: one it can't read is left out rather than breaking the panel.
        const start = startsOn !== null && isoDateSchema.safeParse(startsOn).success && !Number.isNaN(Date.parse(startsOn)) ? startsOn : null;
        return link ? [{ id, title, format, location, startsOn: start, organisation, link, badgeIds: postingOrder(leadsTo) }] : [];
      });
      return { roles, courses };
    } catch {
      return NO_RELATED;
    }
  }

  async function match(posting: PostingText): Promise<MatchPostingReply> {
    const apiBaseUrl = await options.apiBaseUrl();
    const origin = apiOrigin(apiBaseUrl);
    if (!origin) return { ok: false, error: 'unreachable' };
    const current = await vocabulary(origin);
    if ('ok' in current) return current;
    if (compiled?.vocabulary !== current) compiled = { vocabulary: current, match: createPostingMatcher(current.skills) };

    const snapshot = heldBadgesSchema.safeParse(await options.earnerBadges().catch(() => null));
    const held = heldKeys(snapshot.success ? snapshot.data : null, apiBaseUrl);
    const badgesById = new Map(current.badges.map((badge) => [badge.id, badge]));
    const badges: MatchedBadge[] = [];
    for (const { badgeId } of compiled.match(posting)) {
      const badge = badgesById.get(badgeId);
      if (!badge || !httpUrlSchema.safeParse(badge.url).success) continue;
      badges.push({
        id: badge.id,
        name: badge.name,
        category: badge.category,
        pageUrl: badge.url,
        issuerName: badge.issuer.name,
        requirements: badge.requirements.map((requirement) => ({
          kind: requirement.kind,
          title: requirement.title,
          ...(requirement.url && httpUrlSchema.safeParse(requirement.url).success ? { url: requirement.url } : {}),
        })),
        held: held?.has(holdingKey(badge.issuer.name, badge.name)) ?? false,
      });
      if (badges.length === MAX_PANEL_BADGES) break;
    }
    return { ok: true, badges, signedIn: held !== null, related: await related(origin, badges.map((badge) => badge.id)) };
  }

  /** The runtime.onMessage handler: undefined for messages that are not a posting to match. */
  function handle(message: unknown): Promise<MatchPostingReply> | undefined {
    if ((message as { type?: unknown } | null)?.type !== 'match-posting') return undefined;
    const parsed = matchPostingMessageSchema.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'bad_request' });
    return match(parsed.data.posting);
  }

  return { match, handle };
}

/** A listener for runtime.onMessage (Chrome answers through sendResponse, Firefox takes the promise). */
export function createJobBadgesMessageListener(jobBadges: ReturnType<typeof createJobBadges>) {
  return (message: unknown, _sender: unknown, sendResponse?: (reply: MatchPostingReply) => void): true | Promise<MatchPostingReply> | undefined => {
    const reply = jobBadges.handle(message);
    if (!reply) return undefined;
    if (typeof sendResponse === 'function') {
      void reply.then(sendResponse);
      return true;
    }
    return reply;
  };
}
