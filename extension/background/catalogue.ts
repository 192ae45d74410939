// The background's catalogue search for the job-site panel: skill phrases in, the matching
// catalogue badges out, each marked when the signed-in earner already holds it. Only the skill
// phrases reach the API (as `skills=`); the posting and the page's address never leave the browser.
import { z } from 'zod';
import { catalogueResponseSchema } from '../../shared/schemas/issuerApi';
import { MAX_PANEL_BADGES, searchCatalogueMessageSchema, type MatchedBadge, type SearchCatalogueReply } from '../../shared/schemas/jobsites';
import { apiOrigin } from '../common/settings';

export interface CatalogueSearchOptions {
  fetch: typeof fetch;
  apiBaseUrl: () => Promise<string>;
  /** The signed-in earner's last-known badges (null when signed out). */
  earnerBadges: () => Promise<unknown>;
  timeoutMs?: number;
}

const httpUrlSchema = z.string().refine((value) => /^https?:\/\//.test(value));

/** The part of the popup's stored badge snapshot (extension/earner/storage.ts) this search reads. */
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

export function createCatalogueSearch(options: CatalogueSearchOptions) {
  const timeoutMs = options.timeoutMs ?? 8_000;

  async function search(skills: string[]): Promise<SearchCatalogueReply> {
    const apiBaseUrl = await options.apiBaseUrl();
    const origin = apiOrigin(apiBaseUrl);
    if (!origin) return { ok: false, error: 'unreachable' };
    const url = new URL('/api/v1/badges', origin);
    url.searchParams.set('skills', skills.map((skill) => skill.replace(/,/g, ' ')).join(','));
    let response: Response;
    try {
      response = await options.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return { ok: false, error: (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
    if (response.status >= 500) return { ok: false, error: 'unreachable' };
    if (!response.ok) return { ok: false, error: 'bad_request' };
    const parsed = catalogueResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return { ok: false, error: 'bad_response' };

    const snapshot = heldBadgesSchema.safeParse(await options.earnerBadges().catch(() => null));
    const held = heldKeys(snapshot.success ? snapshot.data : null, apiBaseUrl);
    const badges: MatchedBadge[] = [];
    for (const item of parsed.data.items.slice(0, MAX_PANEL_BADGES)) {
      if (!httpUrlSchema.safeParse(item.url).success) continue;
      badges.push({
        id: item.id,
        name: item.name,
        category: item.category,
        pageUrl: item.url,
        issuerName: item.issuer.name,
        requirements: item.requirements.map((requirement) => ({
          kind: requirement.kind,
          title: requirement.title,
          ...(requirement.url && httpUrlSchema.safeParse(requirement.url).success ? { url: requirement.url } : {}),
        })),
        held: held?.has(holdingKey(item.issuer.name, item.name)) ?? false,
      });
    }
    return { ok: true, badges, signedIn: held !== null };
  }

  /** The runtime.onMessage handler: undefined for messages that are not a catalogue search. */
  function handle(message: unknown): Promise<SearchCatalogueReply> | undefined {
    if ((message as { type?: unknown } | null)?.type !== 'search-catalogue') return undefined;
    const parsed = searchCatalogueMessageSchema.safeParse(message);
    if (!parsed.success) return Promise.resolve({ ok: false, error: 'bad_request' });
    return search(parsed.data.skills);
  }

  return { search, handle };
}

/** A listener for runtime.onMessage (Chrome answers through sendResponse, Firefox takes the promise). */
export function createCatalogueMessageListener(catalogue: ReturnType<typeof createCatalogueSearch>) {
  return (message: unknown, _sender: unknown, sendResponse?: (reply: SearchCatalogueReply) => void): true | Promise<SearchCatalogueReply> | undefined => {
    const reply = catalogue.handle(message);
    if (!reply) return undefined;
    if (typeof sendResponse === 'function') {
      void reply.then(sendResponse);
      return true;
    }
    return reply;
  };
}
