// What verifying one item comes to, before it is addressed to a URL or an inline credential.
import type { VerifiedBadge, VerifyFormat, VerifyPlatform, VerifySource, VerifyStatus } from '../../../shared/schemas/verify';
import { oneLine } from './json';

/**
 * Whom a badge names as its recipient, as its issuer wrote it (an email, hashed with a salt or plain).
 * Only for importing a badge into an earner's portfolio: never part of a verify answer, never cached.
 */
export interface RecipientClaim {
  identity: string;
  hashed: boolean;
  salt: string | null;
}

export interface Verdict {
  status: VerifyStatus;
  badge?: VerifiedBadge;
  /** Why, for `invalid` and `unverifiable` (one line for people). */
  reason?: string;
  source?: VerifySource;
  /** How long the source allows its answer to be reused (Cache-Control), when it says. */
  maxAgeMs?: number | null;
  /** The email identities the verified document names (OB 2.0 recipient, OB 3.0 credentialSubject). */
  recipients?: RecipientClaim[];
}

/** A verdict with the time of its check: what the result cache keeps (without `recipients`). */
export interface Outcome extends Omit<Verdict, 'maxAgeMs'> {
  checkedAt: string;
}

/** The outcome as it may leave the verifier (answers, cache): without the recipients it names. */
export function withoutRecipients(outcome: Outcome): Outcome {
  if (outcome.recipients === undefined) return outcome;
  const { recipients: _recipients, ...rest } = outcome;
  return rest;
}

export function sourceOf(platform: VerifyPlatform, format: VerifyFormat | null, checkedUrl: string | null): VerifySource {
  return { platform, format, checkedUrl };
}

export function invalid(reason: string, source?: VerifySource): Verdict {
  return { status: 'invalid', reason: oneLine(reason), ...(source ? { source } : {}) };
}

export function unverifiable(reason: string, source?: VerifySource): Verdict {
  return { status: 'unverifiable', reason: oneLine(reason), ...(source ? { source } : {}) };
}

export function notFound(source?: VerifySource): Verdict {
  return { status: 'not_found', ...(source ? { source } : {}) };
}
