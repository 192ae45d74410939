// POST /api/v1/verify: one batch of badge URLs and inline credentials, answered in order (urls
// first, then credentials). This server's badges come from the database (one read for the batch);
// everything else is verified by the foreign verifier, within the batch's time budget.
import type { VerifyItemResult, VerifyRequest } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import type { SigningDeps } from '../ob3/signing';
import { credentialUrls } from '../credentials/urls';
import { deepFreeze } from '../lib/deepFreeze';
import { createGenerationalCache, type GenerationalCache } from '../lib/generationalCache';
import { assertionIdOnThisServer, credentialIdOnThisServer, isOnThisServer, unwrapBadgeUrl, withoutTracking } from './badgeUrl';
import { credentialItem, urlItem, type ForeignItem, type ForeignVerifier } from './foreign';
import type { JsonObject } from './json';
import { localOutcomes } from './local';
import { sourceOf, unverifiable, withoutRecipients, type Outcome } from './outcome';
import { isOwnCredential, verifyOwnCredential } from './own';

export interface BatchContext {
  db: Db;
  publicUrl: string;
  now: Date;
  foreign: ForeignVerifier;
  /**
   * Asked once per batch with the number of foreign items not in the cache: how many of them (the
   * first ones, in order) the client may have checked now; the others get `unverifiable`.
   */
  allowForeign: (wanted: number) => Promise<number>;
  /** Reads this server's signing keys and status lists, to check its own credentials handed in inline. */
  signing: SigningDeps;
}

/** What to do for one item of the request. */
type Plan =
  | { kind: 'unsupported' }
  /** `credential`: the URL was the badge's Open Badges 3.0 credential, not its assertion. */
  | { kind: 'local'; id: string; credential: boolean }
  /** One of this server's credentials, handed in inline. */
  | { kind: 'own'; credential: JsonObject }
  /** `pageUrl`: where a person sees the badge (the URL given, unwrapped, without tracking). */
  | { kind: 'foreign'; item: ForeignItem; pageUrl: string | null };

function planUrl(input: string, publicUrl: string): Plan {
  const url = unwrapBadgeUrl(input);
  if (!url) return { kind: 'unsupported' };
  if (isOnThisServer(url, publicUrl)) {
    // This server's other URLs (badge classes, images, pages) are not badges, and it never fetches itself.
    const id = assertionIdOnThisServer(url, publicUrl);
    if (id) return { kind: 'local', id, credential: false };
    const credentialId = credentialIdOnThisServer(url, publicUrl);
    return credentialId ? { kind: 'local', id: credentialId, credential: true } : { kind: 'unsupported' };
  }
  return { kind: 'foreign', item: urlItem(url), pageUrl: withoutTracking(url).href };
}

/**
 * Plans of URL strings are kept: the same profiles' badge URLs come back again and again, and reading a URL
 * (LinkedIn's redirect, the query, another platform's URL forms) is most of what a known badge costs, ours or
 * a cached one of another site. A plan says where to look, never what is there. Strings longer than
 * MAX_KEPT_URL_LENGTH are not kept (page URLs are far shorter), so the whole stays under some 20 MB.
 */
export const PLAN_GENERATION_SIZE = 8192;
const MAX_KEPT_URL_LENGTH = 512;

/** Kept plans of each public base URL (a server has one; tests have a few). */
const keptPlans = new Map<string, GenerationalCache<Plan>>();

function keptPlansOf(publicUrl: string): GenerationalCache<Plan> {
  let kept = keptPlans.get(publicUrl);
  if (!kept) {
    if (keptPlans.size >= 16) keptPlans.clear();
    kept = createGenerationalCache(PLAN_GENERATION_SIZE);
    keptPlans.set(publicUrl, kept);
  }
  return kept;
}

function plannedUrl(input: string, publicUrl: string, kept: GenerationalCache<Plan>): Plan {
  const known = kept.get(input);
  if (known) return known;
  const plan = deepFreeze(planUrl(input, publicUrl));
  if (input.length <= MAX_KEPT_URL_LENGTH) kept.set(input, plan);
  return plan;
}

/** How many plans are kept for this base URL (for the test of the bound). */
export function keptPlanCount(publicUrl: string): number {
  return keptPlans.get(publicUrl)?.size ?? 0;
}

const RATE_LIMITED = 'too many badges from other sites were checked from your address in the last minute; try again shortly';

type ForeignPlan = Extract<Plan, { kind: 'foreign' }>;


/** Every foreign item: cached outcomes read at once, the others verified concurrently. */
async function foreignOutcomes(plans: readonly Plan[], context: BatchContext, deadline: number): Promise<(Outcome | null)[]> {
  const foreignPlans = plans.filter((plan): plan is ForeignPlan => plan.kind === 'foreign');
  if (foreignPlans.length === 0) return plans.map(() => null);
  const { foreign, now } = context;
  const cached = await foreign.cached(
    foreignPlans.map((plan) => plan.item),
    now,
  );
  // The same item twice in a batch is verified once (single-flight) and counted once.
  const uncached = [...new Set(foreignPlans.map((plan) => plan.item.key).filter((key) => !cached.has(key)))];
  const granted = new Set(uncached.slice(0, await context.allowForeign(uncached.length)));
  return Promise.all(
    plans.map((plan) => {
      if (plan.kind !== 'foreign') return null;
      const key = plan.item.key;
      if (cached.has(key)) return cached.get(key)!;
      if (!granted.has(key)) return { ...unverifiable(RATE_LIMITED), checkedAt: now.toISOString() };
      return foreign.verify(plan.item, now, deadline);
    }),
  );
}

/** A foreign badge's page is the URL it was found at, whichever form of it was verified first. */
function withPageUrl(outcome: Outcome, pageUrl: string | null): Outcome {
  return outcome.badge && pageUrl ? { ...outcome, badge: { ...outcome.badge, pageUrl } } : outcome;
}

/** A batch's answer, and the ids of this server's badges it found (for the verification counts), once per result. */
export interface VerifiedBatch {
  results: VerifyItemResult[];
  foundIds: string[];
}

type LocalPlan = Extract<Plan, { kind: 'local' }>;

export async function verifyBatch(request: VerifyRequest, context: BatchContext): Promise<VerifiedBatch> {
  const deadline = performance.now() + context.foreign.budgetMs;
  const urls = request.urls ?? [];
  const credentials = request.credentials ?? [];
  const kept = keptPlansOf(context.publicUrl);
  const plans: Plan[] = [
    ...urls.map((url) => plannedUrl(url, context.publicUrl, kept)),
    ...credentials.map((credential): Plan =>
      isOwnCredential(credential, context.publicUrl)
        ? { kind: 'own', credential }
        : { kind: 'foreign', item: credentialItem(credential), pageUrl: null },
    ),
  ];
  const localPlans = plans.filter((plan): plan is LocalPlan => plan.kind === 'local');
  const [local, foreign, own] = await Promise.all([
    localOutcomes(localPlans.map((plan) => plan.id), context),
    foreignOutcomes(plans, context, deadline),
    Promise.all(plans.map((plan) => (plan.kind === 'own' ? verifyOwnCredential(plan.credential, context.signing, context.now) : null))),
  ]);
  const checkedAt = context.now.toISOString();
  const foundIds: string[] = [];
  let nextLocal = 0;
  const localOutcome = (plan: LocalPlan): Outcome => {
    const outcome = local[nextLocal++];
    if (!plan.credential) return outcome;
    const source = sourceOf('badgelens', 'ob3', credentialUrls(context.publicUrl).credential(plan.id));
    // A self-claimed badge has no credential until an issuer verifies it.
    return outcome.status === 'self_claimed' ? { status: 'not_found', source, checkedAt: outcome.checkedAt } : { ...outcome, source };
  };
  const foundLocal = (plan: LocalPlan): Outcome => {
    const outcome = localOutcome(plan);
    if (outcome.badge) foundIds.push(plan.id);
    return outcome;
  };
  const results = plans.map((plan, index): VerifyItemResult => {
    const outcome: Outcome =
      plan.kind === 'local'
        ? foundLocal(plan)
        : plan.kind === 'own'
          ? own[index]!
          : plan.kind === 'foreign'
            ? withPageUrl(withoutRecipients(foreign[index]!), plan.pageUrl)
            : { status: 'unsupported', checkedAt };
    return index < urls.length ? { url: urls[index], ...outcome } : { credential: index - urls.length, ...outcome };
  });
  return { results, foundIds };
}
