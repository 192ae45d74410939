// What verifying one item comes to, before it is addressed to a URL or an inline credential.
import type { VerifiedBadge, VerifyFormat, VerifyPlatform, VerifySource, VerifyStatus } from '../../../shared/schemas/verify';
import { oneLine } from './json';

export interface Verdict {
  status: VerifyStatus;
  badge?: VerifiedBadge;
  /** Why, for `invalid` and `unverifiable` (one line for people). */
  reason?: string;
  source?: VerifySource;
  /** How long the source allows its answer to be reused (Cache-Control), when it says. */
  maxAgeMs?: number | null;
}

/** A verdict with the time of its check: what the result cache keeps. */
export interface Outcome extends Omit<Verdict, 'maxAgeMs'> {
  checkedAt: string;
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
