import type { Assertion } from '../db/assertions';

export type AssertionStatus = 'valid' | 'expired' | 'revoked';

/** Revocation wins over expiry; a badge expires at the instant in `expires`. */
export function assertionStatus(assertion: Pick<Assertion, 'revoked' | 'expires'>, now: Date): AssertionStatus {
  if (assertion.revoked) return 'revoked';
  if (assertion.expires && Date.parse(assertion.expires) <= now.getTime()) return 'expired';
  return 'valid';
}
