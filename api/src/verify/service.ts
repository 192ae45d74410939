// POST /api/v1/verify: one batch of badge URLs and inline credentials, answered in order (urls
// first, then credentials). This server's badges come from the database (one read for the batch);
// everything else is verified by the foreign verifier, within the batch's time budget.
import type { VerifyItemResult, VerifyRequest } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import { assertionIdOnThisServer, isOnThisServer, unwrapBadgeUrl, withoutTracking } from './badgeUrl';
import { credentialItem, urlItem, type ForeignItem, type ForeignVerifier } from './foreign';
import { localOutcomes } from './local';
import { unverifiable, type Outcome } from './outcome';

export interface BatchContext {
  db: Db;
  publicUrl: string;
  now: Date;
  foreign: ForeignVerifier;
  /**
   * Asked once for every foreign item that is not in the cache, in order: false when the client
   * may not have more foreign badges checked right now (it gets `unverifiable` for it).
   */
  allowForeign: () => boolean;
}

/** What to do for one item of the request. */
type Plan =
  | { kind: 'unsupported' }
  | { kind: 'local'; id: string }
  /** `pageUrl`: where a person sees the badge (the URL given, unwrapped, without tracking). */
  | { kind: 'foreign'; item: ForeignItem; pageUrl: string | null };

function planUrl(input: string, publicUrl: string): Plan {
  const url = unwrapBadgeUrl(input);
  if (!url) return { kind: 'unsupported' };
  if (isOnThisServer(url, publicUrl)) {
    // This server's other URLs (badge classes, images, pages) are not badges, and it never fetches itself.
    const id = assertionIdOnThisServer(url, publicUrl);
    return id ? { kind: 'local', id } : { kind: 'unsupported' };
  }
  return { kind: 'foreign', item: urlItem(url), pageUrl: withoutTracking(url).href };
}

const RATE_LIMITED = 'too many badges from other sites were checked from your address in the last minute; try again shortly';

async function foreignOutcome(plan: Extract<Plan, { kind: 'foreign' }>, context: BatchContext, deadline: number): Promise<Outcome> {
  const { foreign, now } = context;
  const cached = await foreign.cached(plan.item, now);
  if (cached) return cached;
  if (!context.allowForeign()) return { ...unverifiable(RATE_LIMITED), checkedAt: now.toISOString() };
  return foreign.verify(plan.item, now, deadline);
}

/** A foreign badge's page is the URL it was found at, whichever form of it was verified first. */
function withPageUrl(outcome: Outcome, pageUrl: string | null): Outcome {
  return outcome.badge && pageUrl ? { ...outcome, badge: { ...outcome.badge, pageUrl } } : outcome;
}

export async function verifyBatch(request: VerifyRequest, context: BatchContext): Promise<VerifyItemResult[]> {
  const deadline = performance.now() + context.foreign.budgetMs;
  const urls = request.urls ?? [];
  const credentials = request.credentials ?? [];
  const plans: Plan[] = [
    ...urls.map((url) => planUrl(url, context.publicUrl)),
    ...credentials.map((credential): Plan => ({ kind: 'foreign', item: credentialItem(credential), pageUrl: null })),
  ];
  const localIds = plans.flatMap((plan) => (plan.kind === 'local' ? [plan.id] : []));
  const [local, foreign] = await Promise.all([
    localOutcomes(localIds, context),
    Promise.all(plans.map((plan) => (plan.kind === 'foreign' ? foreignOutcome(plan, context, deadline) : null))),
  ]);
  const checkedAt = context.now.toISOString();
  return plans.map((plan, index): VerifyItemResult => {
    const outcome: Outcome =
      plan.kind === 'local' ? local.get(plan.id)! : plan.kind === 'foreign' ? withPageUrl(foreign[index]!, plan.pageUrl) : { status: 'unsupported', checkedAt };
    return index < urls.length ? { url: urls[index], ...outcome } : { credential: index - urls.length, ...outcome };
  });
}
