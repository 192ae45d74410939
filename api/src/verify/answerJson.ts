// The verify answer as JSON text, with the badges (and their sources) of this server written from fragments
// serialized once (local.ts keeps them while their database rows are unchanged): the same text JSON.stringify writes.
import type { VerifyItemResult } from '../../../shared/schemas/verify';

/** Objects whose JSON text is already known (each frozen all the way down: its text cannot go stale). */
const fragments = new WeakMap<object, string>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}

/** The object (a new one of the caller's), frozen, with its JSON text remembered for verifyAnswerJson. */
export function withFragment<T extends object>(value: T): T {
  deepFreeze(value);
  fragments.set(value, JSON.stringify(value));
  return value;
}

function itemJson(result: VerifyItemResult): string {
  if (result.badge === undefined || !fragments.has(result.badge)) return JSON.stringify(result);
  let json = '';
  for (const key in result) {
    const value = result[key as keyof VerifyItemResult];
    if (value === undefined) continue;
    const fragment = typeof value === 'object' && value !== null ? fragments.get(value) : undefined;
    json += `${json ? ',' : '{'}${JSON.stringify(key)}:${fragment ?? JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/** `{"results":[…]}`, as JSON.stringify({ results }) writes it. */
export function verifyAnswerJson(results: readonly VerifyItemResult[]): string {
  return `{"results":[${results.map(itemJson).join(',')}]}`;
}
