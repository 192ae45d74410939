import type { Assertion } from '../db/assertions';

export type AssertionStatus = 'valid' | 'expired' | 'revoked';

/** Revocation wins over expiry; a badge expires at the instant in `expires`. */
export function assertionStatus(assertion: Pick<Assertion, 'revoked' | 'expires'>, now: Date): AssertionStatus {
  return statusAt(assertion.revoked, assertion.expires ? Date.parse(assertion.expires) : null, now.getTime());
}

/** assertionStatus with the expiry already read, in milliseconds (for a badge checked again and again). */
export function statusAt(revoked: boolean, expiresAtMs: number | null, nowMs: number): AssertionStatus {
  if (revoked) return 'revoked';
  if (expiresAtMs !== null && expiresAtMs <= nowMs) return 'expired';
  return 'valid';
}
