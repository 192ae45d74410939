// What an overlay says, as plain data: the chips for one entry and the profile's summary.
import type { VerifyFailure } from '../../shared/schemas/messages';
import type { VerifyResult } from '../../shared/schemas/verify';
import { compareNames, type NameCheck } from '../../shared/names';

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

export function chipsFor(state: OverlayState, formatDate: (iso: string) => string = formatShortDate): Chip[] {
  if (state.kind === 'checking') return [{ tone: 'neutral', label: 'Checking…' }];
  if (state.kind === 'failed') return [{ tone: 'neutral', label: 'Couldn’t check' }];
  const { result, nameCheck } = state;
  const badge = result.badge;
  const mismatch: Chip[] =
    nameCheck === 'mismatch' && badge ? [{ tone: 'warning', label: 'Name mismatch', detail: `issued to ${badge.recipientName}` }] : [];
  switch (result.status) {
    case 'valid':
      return mismatch.length > 0 ? mismatch : [{ tone: 'verified', label: 'Verified' }];
    case 'expired':
      return [{ tone: 'neutral', label: 'Expired', ...(badge?.expires ? { detail: formatDate(badge.expires) } : {}) }, ...mismatch];
    case 'revoked':
      return [{ tone: 'danger', label: 'Revoked', ...(badge?.revocationReason ? { detail: badge.revocationReason } : {}) }, ...mismatch];
    case 'not_found':
      return [{ tone: 'danger', label: 'Not found' }];
    case 'unsupported':
      return [];
    case 'invalid':
      return [{ tone: 'danger', label: 'Invalid', ...(result.reason ? { detail: result.reason } : {}) }];
    case 'unverifiable':
      return [{ tone: 'neutral', label: 'Couldn’t check right now' }];
    case 'self_claimed':
      return [{ tone: 'neutral', label: 'Self-claimed' }];
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
  if (verified > 0 || problems === 0) parts.push(`${verified} verified ${verified === 1 ? 'badge' : 'badges'}`);
  if (problems > 0) parts.push(`${problems} with ${problems === 1 ? 'a problem' : 'problems'}`);
  if (checking > 0) parts.push(`${checking} being checked`);
  if (failed > 0) parts.push(`${failed} not checked`);
  return parts.join(' · ');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 1, 2025" (UTC). By hand: an Intl.DateTimeFormat costs ~15 ms to create in a content script. */
export function formatShortDate(iso: string): string {
  const date = new Date(iso);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}
