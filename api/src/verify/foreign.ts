// Verifying what this server did not issue: badge URLs of other platforms and inline credentials.
// Every outbound request goes through the SSRF-safe fetcher; results are cached (ResultCache);
// concurrent requests for one item share one verification (single-flight); every item of a batch
// has the same deadline, so a slow host costs only its own results.
import { createHash } from 'node:crypto';
import type { VerifyPlatform } from '../../../shared/schemas/verify';
import type { SafeFetch } from '../fetch';
import type { ItemContext } from './context';
import { BADGE_JSON_TYPES, BADGE_PAGE_TYPES, DocumentCache, fetchAnswer, type Answer, type Deadline } from './fetching';
import type { JsonObject } from './json';
import { isOb2Assertion, missingVerdict, verifyAssertionObject, verifyHostedAssertion } from './ob2Hosted';
import { isCredential, verifyCredentialDocument, verifyCredentialJwt } from './ob3';
import { sourceOf, unverifiable, withoutRecipients, type Outcome, type Verdict } from './outcome';
import { badgeSourceFor, linkedBadgeDocument, platformOfUrl, type BadgeSource } from './platforms';
import { expiryOf, type ResultCache } from './resultCache';
import { SingleFlight } from './singleFlight';

/** The time a batch's foreign items have, within the 5 s the API promises for a whole request. */
export const FOREIGN_BUDGET_MS = 4_500;
/** Fetches stop at the deadline by themselves; this much later an item still under way is given up. */
const DEADLINE_GRACE_MS = 250;

export type ForeignItem =
  | { kind: 'url'; key: string; source: BadgeSource }
  | { kind: 'credential'; key: string; credential: JsonObject | string };

export interface ForeignVerifierOptions {
  safeFetch: SafeFetch;
  /** Where results are kept (databaseResultCache on the server). */
  cache: ResultCache;
  /** Default FOREIGN_BUDGET_MS; tests use a short one. */
  budgetMs?: number;
}

export interface ForeignVerifier {
  readonly budgetMs: number;
  /** The fresh cached outcomes of these items, by item key (one database read for all). */
  cached(items: readonly ForeignItem[], now: Date): Promise<Map<string, Outcome>>;
  /** Verifies an item (or joins the verification under way), answering by `deadline` (performance.now() time) at the latest. */
  verify(item: ForeignItem, now: Date, deadline: Deadline): Promise<Outcome>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The foreign item for a badge URL (already unwrapped, not of this server). */
export function urlItem(url: URL): ForeignItem {
  const source = badgeSourceFor(url);
  return { kind: 'url', key: `url ${source.fetchUrl}`, source };
}

/** The foreign item for an inline credential: keyed by its content, so the same credential handed in twice is verified once. */
export function credentialItem(credential: JsonObject | string): ForeignItem {
  const key = typeof credential === 'string' ? `jwt ${sha256(credential)}` : `credential ${sha256(JSON.stringify(credential))}`;
  return { kind: 'credential', key, credential };
}

/** The verdict for the answer of a badge URL (after a page's link was followed). */
async function verdictOfAnswer(answer: Answer, ctx: ItemContext): Promise<Verdict> {
  switch (answer.kind) {
    case 'json':
      if (isCredential(answer.json)) return verifyCredentialDocument(answer.json, ctx, answer.url, answer.maxAgeMs);
      if (isOb2Assertion(answer.json)) return verifyHostedAssertion(answer, ctx);
      return { status: 'unsupported' };
    case 'missing':
      return missingVerdict(answer, ctx);
    case 'html':
      return unverifiable(`${new URL(answer.url).host} answered a web page, not a badge document`, sourceOf(ctx.platformOf(answer.url), null, answer.url));
    case 'failed':
      return unverifiable(answer.reason, sourceOf(ctx.platformOf(answer.url), null, answer.url));
  }
}

export function createForeignVerifier(options: ForeignVerifierOptions): ForeignVerifier {
  const { safeFetch } = options;
  const { cache } = options;
  const documents = new DocumentCache(safeFetch);
  const flights = new SingleFlight<Outcome>();
  const budgetMs = options.budgetMs ?? FOREIGN_BUDGET_MS;

  function contextFor(now: Date, deadline: Deadline, platform: VerifyPlatform | null): ItemContext {
    return {
      now,
      fetchDocument: (url, accept) => documents.fetch(url, accept, deadline),
      platformOf: (checkedUrl) => platform ?? (checkedUrl ? platformOfUrl(checkedUrl) : 'openbadges'),
    };
  }

  async function verdictOf(item: ForeignItem, now: Date, deadline: Deadline): Promise<Verdict> {
    if (item.kind === 'url') {
      const { source } = item;
      const ctx = contextFor(now, deadline, source.platform);
      let answer = await fetchAnswer(safeFetch, source.fetchUrl, source.answer === 'page' ? BADGE_PAGE_TYPES : BADGE_JSON_TYPES, deadline);
      if (answer.kind === 'html') {
        const linked = linkedBadgeDocument(answer.html, answer.url);
        if (!linked) return { status: 'unsupported' };
        answer = await fetchAnswer(safeFetch, linked, BADGE_JSON_TYPES, deadline);
      }
      return verdictOfAnswer(answer, ctx);
    }
    const ctx = contextFor(now, deadline, null);
    const { credential } = item;
    if (typeof credential === 'string') return verifyCredentialJwt(credential, ctx);
    if (isCredential(credential)) return verifyCredentialDocument(credential, ctx, null);
    if (isOb2Assertion(credential)) return verifyAssertionObject(credential, ctx, (url) => fetchAnswer(safeFetch, url, BADGE_JSON_TYPES, deadline));
    return { status: 'unsupported' };
  }

  async function verifyAndKeep(item: ForeignItem, now: Date, deadline: Deadline): Promise<Outcome> {
    let verdict: Verdict;
    try {
      verdict = await verdictOf(item, now, deadline);
    } catch (error) {
      // A library failing on hostile input must cost this item only.
      console.error('foreign verification failed', item.key, error);
      verdict = unverifiable('the check failed on this server');
    }
    const { maxAgeMs, ...rest } = verdict;
    const outcome: Outcome = { ...rest, checkedAt: now.toISOString() };
    const expiresAt = expiryOf(outcome, maxAgeMs, now);
    if (expiresAt) await cache.put(item.key, withoutRecipients(outcome), expiresAt).catch((error: unknown) => console.error('result cache', error));
    return outcome;
  }

  return {
    budgetMs,
    cached: (items, now) =>
      cache.getMany(items.map((item) => item.key), now).catch((error: unknown) => {
        console.error('result cache', error);
        return new Map<string, Outcome>();
      }),
    verify(item, now, deadline) {
      const shared = flights.run(item.key, () => verifyAndKeep(item, now, deadline));
      return beforeDeadline(shared, deadline, () => ({
        ...unverifiable('the check took longer than this request may wait; try again shortly'),
        checkedAt: now.toISOString(),
      }));
    },
  };
}

/** The promise's value, or the fallback's when `deadline` (performance.now() time) passes first. */
function beforeDeadline<T>(promise: Promise<T>, deadline: Deadline, fallback: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), Math.max(0, deadline + DEADLINE_GRACE_MS - performance.now()));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
