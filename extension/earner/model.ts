// Pure helpers of the earner's popup: ordering, search, labels, error wording, and which badges
// a LinkedIn profile already links to.
import type { MeBadge } from '../../shared/schemas/earners';
import type { EarnerFailure } from '../../shared/schemas/popup';
import type { ShareableBadge } from '../../shared/links';
import { formatMonthYearUtc } from '../../shared/snippets';
import { namesMatch } from '../../shared/names';
import { unwrapLinkedinRedirect } from '../sites/linkedin/page';

/** Above this many badges the popup offers a search box. */
export const SEARCH_THRESHOLD = 6;

export function newestFirst(badges: readonly MeBadge[]): MeBadge[] {
  return [...badges].sort((a, b) => Date.parse(b.issuedOn) - Date.parse(a.issuedOn) || a.id.localeCompare(b.id));
}

/** Badges whose name or issuer contains every word of the query (case- and accent-insensitive). */
export function filterBadges(badges: readonly MeBadge[], query: string): MeBadge[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...badges];
  return badges.filter((badge) => {
    const haystack = fold(`${badge.name} ${badge.issuer.name}`);
    return words.every((word) => haystack.includes(word));
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function toShareable(badge: MeBadge): ShareableBadge {
  return {
    assertionId: badge.id,
    badgeUrl: badge.url,
    imageUrl: badge.imageUrl,
    badgeName: badge.name,
    issuerName: badge.issuer.name,
    issuedOn: badge.issuedOn,
    expires: badge.expires,
    recipientName: badge.recipientName,
  };
}

export type BadgeTone = 'good' | 'waiting' | 'bad' | 'muted';

/** The state shown beside a badge: claim first (pending, declined), then validity. */
export function badgeState(badge: MeBadge): { label: string; tone: BadgeTone } {
  if (badge.status === 'revoked') return { label: 'Revoked', tone: 'bad' };
  if (badge.claimState === 'pending') return { label: 'Pending', tone: 'waiting' };
  if (badge.claimState === 'declined') return { label: 'Declined', tone: 'muted' };
  if (badge.status === 'expired') return { label: 'Expired', tone: 'bad' };
  return { label: badge.isPublic ? 'Valid' : 'Valid · private', tone: 'good' };
}

/** Accepted, public and not revoked: the badges that can be shared and added to LinkedIn. */
export function isShareable(badge: MeBadge): boolean {
  return badge.claimState === 'accepted' && badge.status !== 'revoked' && badge.isPublic;
}

export function issuedLabel(badge: MeBadge): string {
  const issued = `Issued ${formatMonthYearUtc(badge.issuedOn)}`;
  if (!badge.expires) return issued;
  return `${issued} · ${badge.status === 'expired' ? 'expired' : 'valid until'} ${formatMonthYearUtc(badge.expires)}`;
}

/** A badge URL without query, fragment or trailing slash: how LinkedIn may show the same link. */
function canonical(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Which shareable badges a profile page links to (directly or through LinkedIn's redirect), and which it lacks. */
export function profileCoverage(badges: readonly MeBadge[], links: readonly string[]): { present: MeBadge[]; missing: MeBadge[] } {
  const linked = new Set<string>();
  for (const link of links) {
    const target = unwrapLinkedinRedirect(link);
    const key = target && canonical(target);
    if (key) linked.add(key);
  }
  const present: MeBadge[] = [];
  const missing: MeBadge[] = [];
  for (const badge of badges) {
    if (!isShareable(badge)) continue;
    (linked.has(canonical(badge.url) ?? '') ? present : missing).push(badge);
  }
  return { present, missing };
}

/**
 * Whether a LinkedIn profile is the earner's own: it links to one of their badges (a credential
 * link belongs to its recipient), or its name fits the name their badges were issued to.
 */
export function isOwnProfile(badges: readonly MeBadge[], page: { links: readonly string[]; name: string | null }): boolean {
  if (profileCoverage(badges, page.links).present.length > 0) return true;
  const name = page.name;
  return name !== null && badges.some((badge) => badge.claimState === 'accepted' && namesMatch(badge.recipientName, name));
}

export interface FailureText {
  title: string;
  advice: string;
}

/** What happened and what to do, for every failure the background reports. */
export function failureText(error: EarnerFailure, apiBaseUrl: string, apiMessage?: string): FailureText {
  switch (error) {
    case 'signed_out':
      return { title: 'You are signed out.', advice: 'Sign in to see your badges.' };
    case 'session_expired':
      return { title: 'Your session has ended.', advice: 'Sign in again to see your badges.' };
    case 'invalid_credentials':
      return { title: 'The email address or the password is not right.', advice: 'Check them, or reset your password.' };
    case 'locked':
      return {
        title: 'This account is locked.',
        advice: apiMessage ?? 'It was locked after too many failed sign-ins. Contact the organisation that issued your badges to unlock it.',
      };
    case 'unconfirmed':
      return { title: 'Please confirm your email address first.', advice: apiMessage ?? 'Open the link in the email BadgeLens sent you.' };
    case 'rate_limited':
      return { title: 'Too many attempts.', advice: apiMessage ?? 'Wait a minute, then try again.' };
    case 'not_found':
      return { title: 'This badge is no longer in your account.', advice: 'Refresh the list.' };
    case 'revoked':
      return { title: 'This badge was revoked.', advice: apiMessage ?? 'A revoked badge cannot be shared.' };
    case 'private':
      return { title: 'This badge is private.', advice: 'Make it public on your BadgeLens portfolio before sharing it.' };
    case 'unreachable':
      return {
        title: `Could not reach the BadgeLens server (${apiBaseUrl}).`,
        advice: 'Check your connection, or the server address in the options, then try again.',
      };
    case 'bad_response':
      return {
        title: `The BadgeLens server (${apiBaseUrl}) gave an answer this extension does not understand.`,
        advice: 'The server or the extension may need an update. Try again later.',
      };
    case 'bad_request':
      return { title: 'That request was not accepted.', advice: apiMessage ?? 'Check what you entered and try again.' };
  }
}

/** "just now", "5 minutes ago", "3 hours ago", or the date: how old the shown list is. */
export function ageLabel(fetchedAt: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(fetchedAt)) / 60_000);
  if (!(minutes >= 1)) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `on ${fetchedAt.slice(0, 10)}`;
}
