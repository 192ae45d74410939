// What an overlay says, as plain data: the chips for one entry and the profile's summary.
import type { VerifyFailure } from '../../shared/schemas/messages';
import type { VerifyResult } from '../../shared/schemas/verify';
import { compareNames, type NameCheck } from '../../shared/names';
import { formatDate, plural, t } from '../common/i18n';

export type OverlayState =
  | { kind: 'checking' }
  | { kind: 'failed'; failure: VerifyFailure }
  | { kind: 'checked'; result: VerifyResult; nameCheck: NameCheck };

export type ChipTone = 'verified' | 'warning' | 'danger' | 'neutral';

export interface Chip {
  tone: ChipTone;
  label: string;
  /** A short explanation shown next to the label (a revocation reason, a date). */
  detail?: string;
}

export function checkedState(result: VerifyResult, profileName: string | null): OverlayState {
  // A badge that publishes no recipient name cannot be matched to the profile.
  const nameCheck = result.badge?.recipientName && profileName ? compareNames(result.badge.recipientName, profileName) : 'unknown';
  return { kind: 'checked', result, nameCheck };
}

/** Entries whose link is not a badge this server knows are left untouched. */
export function isUntouched(state: OverlayState): boolean {
  return state.kind === 'checked' && state.result.status === 'unsupported';
}

export function chipsFor(state: OverlayState, format: (iso: string) => string = formatShortDate): Chip[] {
  if (state.kind === 'checking') return [{ tone: 'neutral', label: t('overlayChecking') }];
  if (state.kind === 'failed') return [{ tone: 'neutral', label: t('overlayCouldNotCheck') }];
  const { result, nameCheck } = state;
  const badge = result.badge;
  const mismatch: Chip[] =
    nameCheck === 'mismatch' && badge?.recipientName ? [{ tone: 'warning', label: t('overlayNameMismatch'), detail: t('overlayIssuedTo', badge.recipientName) }] : [];
  switch (result.status) {
    case 'valid':
      return mismatch.length > 0 ? mismatch : [{ tone: 'verified', label: t('overlayVerified') }];
    case 'expired':
      return [{ tone: 'neutral', label: t('overlayExpired'), ...(badge?.expires ? { detail: format(badge.expires) } : {}) }, ...mismatch];
    case 'revoked':
      return [{ tone: 'danger', label: t('overlayRevoked'), ...(badge?.revocationReason ? { detail: badge.revocationReason } : {}) }, ...mismatch];
    case 'not_found':
      return [{ tone: 'danger', label: t('overlayNotFound'), detail: t('overlayNotFoundDetail') }];
    case 'unsupported':
      return [];
    case 'invalid':
      return [{ tone: 'danger', label: t('overlayInvalid'), ...(result.reason ? { detail: result.reason } : {}) }];
    case 'unverifiable':
      return [{ tone: 'neutral', label: t('overlayUnverifiable') }];
    case 'self_claimed':
      return [{ tone: 'neutral', label: t('overlaySelfClaimed') }];
  }
}

export interface Summary {
  verified: number;
  problems: number;
  checking: number;
  failed: number;
}

export function summarize(states: Iterable<OverlayState>): Summary {
  const summary: Summary = { verified: 0, problems: 0, checking: 0, failed: 0 };
  for (const state of states) {
    if (state.kind === 'checking') summary.checking += 1;
    else if (state.kind === 'failed') summary.failed += 1;
    else if (state.result.status === 'unsupported') continue;
    else if (state.result.status === 'valid' && state.nameCheck !== 'mismatch') summary.verified += 1;
    else summary.problems += 1;
  }
  return summary;
}

/** The pill's text, or null when the profile has no BadgeLens badge at all. */
export function summaryText(summary: Summary): string | null {
  const { verified, problems, checking, failed } = summary;
  if (verified + problems + checking + failed === 0) return null;
  const parts: string[] = [];
  if (verified > 0 || problems === 0) parts.push(plural(verified, { one: () => t('summaryVerifiedOne', verified), other: () => t('summaryVerifiedOther', verified) }));
  if (problems > 0) parts.push(plural(problems, { one: () => t('summaryProblemsOne', problems), other: () => t('summaryProblemsOther', problems) }));
  if (checking > 0) parts.push(t('summaryChecking', checking));
  if (failed > 0) parts.push(t('summaryNotChecked', failed));
  return parts.join(t('summarySeparator'));
}

/**
 * A badge date in the page's language ("Mar 1, 2025" on an English page), UTC. The formatter is
 * made on the first date shown (a profile whose badges are all current needs none).
 */
export function formatShortDate(iso: string): string {
  return formatDate(iso, 'day');
}
