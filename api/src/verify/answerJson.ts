// The verify answer as JSON text, with the badges (and their sources) of this server written from fragments
// serialized once (local.ts keeps them while their database rows are unchanged): the same text JSON.stringify writes.
import { VERIFY_STATUSES, type VerifyCredentialResult, type VerifyItemResult, type VerifyResult, type VerifyStatus } from '../../../shared/schemas/verify';
import { deepFreeze } from '../lib/deepFreeze';

/** Objects whose JSON text is already known (each frozen all the way down: its text cannot go stale). */
const fragments = new WeakMap<object, string>();

/** The object (a new one of the caller's), frozen, with its JSON text remembered for verifyAnswerJson. */
export function withFragment<T extends object>(value: T): T {
  deepFreeze(value);
  fragments.set(value, JSON.stringify(value));
  return value;
}

/** Every field a result may have: a field added to the schema fails to compile here until itemJson writes it. */
const RESULT_FIELDS: Record<keyof VerifyResult | keyof VerifyCredentialResult, true> = {
  url: true, credential: true, status: true, badge: true, source: true, reason: true, checkedAt: true,
};
void RESULT_FIELDS;

const STATUS_JSON = Object.fromEntries(VERIFY_STATUSES.map((status) => [status, JSON.stringify(status)])) as Record<VerifyStatus, string>;

/** The JSON text of an answer's time, the same for every result: written once. */
interface Shared {
  checkedAt: string;
  checkedAtJson: string;
}

/**
 * A result with a remembered badge is written field by field, in the order verifyBatch builds this server's
 * results in (the tests compare the text with JSON.stringify's): about half the time of walking its keys.
 */
function itemJson(result: VerifyItemResult, shared: Shared): string {
  const badge = result.badge && fragments.get(result.badge);
  if (badge === undefined || result.reason !== undefined) return JSON.stringify(result);
  const head = 'url' in result ? `{"url":${JSON.stringify(result.url)}` : `{"credential":${JSON.stringify(result.credential)}`;
  const source = result.source ? `,"source":${fragments.get(result.source) ?? JSON.stringify(result.source)}` : '';
  return `${head},"status":${STATUS_JSON[result.status]},"badge":${badge}${source},"checkedAt":${checkedAtJson(shared, result.checkedAt)}}`;
}

/** Every result of a batch carries the batch's time: its text is written once. */
function checkedAtJson(shared: Shared, checkedAt: string): string {
  if (checkedAt !== shared.checkedAt) {
    shared.checkedAt = checkedAt;
    shared.checkedAtJson = JSON.stringify(checkedAt);
  }
  return shared.checkedAtJson;
}

/** `{"results":[…]}`, as JSON.stringify({ results }) writes it. */
export function verifyAnswerJson(results: readonly VerifyItemResult[]): string {
  const shared: Shared = { checkedAt: '', checkedAtJson: '""' };
  return `{"results":[${results.map((result) => itemJson(result, shared)).join(',')}]}`;
}
