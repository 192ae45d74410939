// What an overlay says, as plain data: the chips for one entry, its source line, and the
// profile's summary. The same words everywhere (LinkedIn and job sites, this server's badges and
// other sites'): "Verified" only ever on a valid badge.
import type { CheckedResult, VerifyFailure } from '../../shared/schemas/messages';
import { compareNames, type NameCheck } from '../../shared/names';
import { formatDate, plural, t } from '../common/i18n';

export type OverlayState =
  | { kind: 'checking' }
  | { kind: 'failed'; failure: VerifyFailure }
  | { kind: 'checked'; result: CheckedResult; nameCheck: NameCheck };

export type ChipTone = 'verified' | 'warning' | 'danger' | 'neutral';

export interface Chip {
  tone: ChipTone;
  label: string;
  /** A short explanation shown next to the label (a revocation reason, a date). */
  detail?: string;
}

export function checkedState(result: CheckedResult, profileName: string | null): OverlayState {
  // A badge that publishes no recipient name cannot be matched to the profile.
  const nameCheck = result.badge?.recipientName && profileName ? compareNames(result.badge.recipientName, profileName) : 'unknown';
  return { kind: 'checked', result, nameCheck };
}

/** What a link not known to be a badge by its address may turn out to be without being one. */
const NOT_SHOWN_WHEN_QUIET = new Set(['unsupported', 'unverifiable', 'not_found']);

/**
 * Entries left untouched: links that are not badges (the API answered `unsupported`), and links
 * not known to be badges by their address (`quiet`: any other link in a "Show credential"
 * position) until their check shows they are badges. A quiet link that could not be read, or
 * leads nowhere, was never shown to be a badge: it gets no chip either.
 */
export function isUntouched(state: OverlayState, quiet = false): boolean {
  if (state.kind !== 'checked') return quiet;
  return quiet ? NOT_SHOWN_WHEN_QUIET.has(state.result.status) : state.result.status === 'unsupported';
}

export function chipsFor(state: OverlayState, format: (iso: string) => string = formatShortDate): Chip[] {
  if (state.kind === 'checking') return [{ tone: 'neutral', label: t('overlayChecking') }];
  if (state.kind === 'failed') return [{ tone: 'neutral', label: t('overlayUnverifiable') }];
  const { result, nameCheck } = state;
  const badge = result.badge;
  const mismatch: Chip[] =
    nameCheck === 'mismatch' && badge?.recipientName ? [{ tone: 'warning', label: t('overlayNameMismatch'), detail: t('overlayIssuedTo', badge.recipientName) }] : [];
  // Said instead of a name check that cannot be made (most badges of other sites carry a hashed email only).
  const noName: Chip[] = badge && !badge.recipientName ? [{ tone: 'neutral', label: t('overlayNoName') }] : [];
  switch (result.status) {
    case 'valid':
      return mismatch.length > 0 ? mismatch : [{ tone: 'verified', label: t('overlayVerified') }, ...noName];
    case 'expired':
      return [{ tone: 'neutral', label: t('overlayExpired'), ...(badge?.expires ? { detail: format(badge.expires) } : {}) }, ...mismatch, ...noName];
    case 'revoked': {
      const reason = badge?.revocationReason ?? result.reason;
      return [{ tone: 'danger', label: t('overlayRevoked'), ...(reason ? { detail: reason } : {}) }, ...mismatch];
    }
    case 'not_found':
      return [{ tone: 'danger', label: t('overlayNotFound'), detail: t('overlayNotFoundDetail') }];
    case 'unsupported':
      return [];
    case 'invalid':
      return [{ tone: 'danger', label: t('overlayInvalid'), ...(result.reason ? { detail: result.reason } : {}) }];
    case 'unverifiable':
      return [{ tone: 'neutral', label: t('overlayUnverifiable') }];
    case 'self_claimed':
      return [{ tone: 'neutral', label: t('overlaySelfClaimed') }, ...noName];
  }
}

/**
 * The line under the chips: who vouches for the badge ("Verified by credly.com · issued by Acme
 * Training" for a valid one, "Issued by …" otherwise), and "Checked in your browser" when this
 * browser checked it (trustless mode). Null when there is nothing to say.
 */
export function sourceLine(state: OverlayState): string | null {
  if (state.kind !== 'checked' || state.result.status === 'unsupported') return null;
  const { badge, checkedBy, status } = state.result;
  const parts: string[] = [];
  if (badge) {
    const issuer = badge.issuer.name || badge.issuer.id;
    const domain = badge.issuer.domain;
    if (status === 'self_claimed') parts.push(t('overlaySelfClaimedOf', issuer));
    else parts.push(status !== 'valid' ? t('overlayIssuedBy', issuer) : domain ? t('overlayVerifiedBy', domain, issuer) : t('overlayIssuedByKey', issuer));
  }
  if (checkedBy.kind === 'browser') parts.push(t('overlayCheckedInBrowser'));
  return parts.length > 0 ? parts.join(t('summarySeparator')) : null;
}

/** Whether the overlay offers Retry: the check could not be made now. */
export function mayRetry(state: OverlayState): boolean {
  return state.kind === 'failed' || (state.kind === 'checked' && state.result.status === 'unverifiable');
}

export interface Summary {
  verified: number;
  problems: number;
  selfClaimed: number;
  checking: number;
  /** Not checked: the check could not be made (unreachable, or the badge's source could not be read). */
  failed: number;
}

export function summarize(states: Iterable<OverlayState>): Summary {
  const summary: Summary = { verified: 0, problems: 0, selfClaimed: 0, checking: 0, failed: 0 };
  for (const state of states) {
    if (state.kind === 'checking') summary.checking += 1;
    else if (state.kind === 'failed' || state.result.status === 'unverifiable') summary.failed += 1;
    else if (state.result.status === 'unsupported') continue;
    else if (state.result.status === 'self_claimed') summary.selfClaimed += 1;
    else if (state.result.status === 'valid' && state.nameCheck !== 'mismatch') summary.verified += 1;
    else summary.problems += 1;
  }
  return summary;
}

/** The pill's text, or null when the page has no badge at all. */
export function summaryText(summary: Summary): string | null {
  const { verified, problems, selfClaimed, checking, failed } = summary;
  if (verified + problems + selfClaimed + checking + failed === 0) return null;
  const parts: string[] = [];
  if (verified > 0 || problems === 0) parts.push(plural(verified, { one: () => t('summaryVerifiedOne', verified), other: () => t('summaryVerifiedOther', verified) }));
  if (problems > 0) parts.push(plural(problems, { one: () => t('summaryProblemsOne', problems), other: () => t('summaryProblemsOther', problems) }));
  if (selfClaimed > 0) parts.push(t('summarySelfClaimed', selfClaimed));
  if (checking > 0) parts.push(t('summaryChecking', checking));
  if (failed > 0) parts.push(t('summaryNotChecked', failed));
  return parts.join(t('summarySeparator'));
}

/** The pill's colour: a warning when any badge has a problem. */
export function summaryTone(summary: Summary): 'verified' | 'warning' | 'neutral' {
  return summary.problems > 0 ? 'warning' : summary.verified > 0 ? 'verified' : 'neutral';
}

/**
 * A badge date in the page's language ("Mar 1, 2025" on an English page), UTC. The formatter is
 * made on the first date shown (a profile whose badges are all current needs none).
 */
export function formatShortDate(iso: string): string {
  return formatDate(iso, 'day');
}
