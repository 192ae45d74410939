// The verify answer as JSON text, with the badges of this server written from fragments serialized once
// (local.ts keeps them while their database rows are unchanged): the same text JSON.stringify writes.
import type { VerifiedBadge, VerifyItemResult } from '../../../shared/schemas/verify';

/** Badge objects whose JSON text is already known (each object is frozen: its text cannot go stale). */
const fragments = new WeakMap<VerifiedBadge, string>();

/** The badge (a new object of the caller's), frozen, with its JSON text remembered for verifyAnswerJson. */
export function withFragment(badge: VerifiedBadge): VerifiedBadge {
  Object.freeze(badge.issuer);
  if (badge.attribute) Object.freeze(badge.attribute);
  fragments.set(Object.freeze(badge), JSON.stringify(badge));
  return badge;
}

function itemJson(result: VerifyItemResult): string {
  const fragment = result.badge && fragments.get(result.badge);
  if (fragment === undefined) return JSON.stringify(result);
  let json = '';
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined) continue;
    json += `${json ? ',' : '{'}${JSON.stringify(key)}:${key === 'badge' ? fragment : JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/** `{"results":[…]}`, as JSON.stringify({ results }) writes it. */
export function verifyAnswerJson(results: readonly VerifyItemResult[]): string {
  return `{"results":[${results.map(itemJson).join(',')}]}`;
}
