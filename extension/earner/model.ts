// Pure helpers of the earner's popup: ordering, search, labels, error wording, and which badges
// a LinkedIn profile already links to.
import type { MeBadge } from '../../shared/schemas/earners';
import type { EarnerFailure } from '../../shared/schemas/popup';
import { namesMatch } from '../../shared/names';
import { formatAgo, formatDate, t } from '../common/i18n';
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

export { toShareable } from '../../shared/links';

export type BadgeTone = 'good' | 'waiting' | 'bad' | 'muted';

/** The state shown beside a badge: claim first (pending, declined), then validity. */
export function badgeState(badge: MeBadge): { label: string; tone: BadgeTone } {
  if (badge.status === 'revoked') return { label: t('stateRevoked'), tone: 'bad' };
  if (badge.status === 'self_claimed') return { label: t('stateSelfClaimed'), tone: 'muted' };
  if (badge.claimState === 'pending') return { label: t('statePending'), tone: 'waiting' };
  if (badge.claimState === 'declined') return { label: t('stateDeclined'), tone: 'muted' };
  if (badge.status === 'expired') return { label: t('stateExpired'), tone: 'bad' };
  return { label: badge.isPublic ? t('stateValid') : t('stateValidPrivate'), tone: 'good' };
}

// Names of the sites an imported badge comes from: proper names, the same in every language.
const PLATFORM_NAMES: Record<NonNullable<MeBadge['source']>['platform'], string> = {
  badgelens: 'BadgeLens',
  credly: 'Credly',
  accredible: 'Accredible',
  badgr: 'Badgr',
  openbadges: 'Open Badges',
};

/** The site an imported badge was verified at, as people know it ("Credly"). */
export function platformName(platform: NonNullable<MeBadge['source']>['platform']): string {
  return PLATFORM_NAMES[platform];
}

/**
 * Accepted, public, not revoked and issued (not self-claimed): the badges that can be shared and added to
 * LinkedIn. A LinkedIn certification names the organisation that issued it; a self-claim has none.
 */
export function isShareable(badge: MeBadge): boolean {
  return badge.claimState === 'accepted' && badge.status !== 'revoked' && badge.status !== 'self_claimed' && badge.isPublic;
}

/** "Issued March 2025 · valid until March 2028", months in the browser's language. */
export function issuedLabel(badge: MeBadge): string {
  const issued = formatDate(badge.issuedOn, 'month');
  if (badge.status === 'self_claimed') return t('badgeSelfClaimedOn', issued);
  if (!badge.expires) return t('badgeIssued', issued);
  const expires = formatDate(badge.expires, 'month');
  return badge.status === 'expired' ? t('badgeIssuedExpired', issued, expires) : t('badgeIssuedValidUntil', issued, expires);
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

/** What happened and what to do, for every failure the background reports (the server's own words when it gives some). */
export function failureText(error: EarnerFailure, apiBaseUrl: string, apiMessage?: string): FailureText {
  switch (error) {
    case 'signed_out':
      return { title: t('failureSignedOutTitle'), advice: t('failureSignedOutAdvice') };
    case 'session_expired':
      return { title: t('failureSessionExpiredTitle'), advice: t('failureSessionExpiredAdvice') };
    case 'invalid_credentials':
      return { title: t('failureInvalidCredentialsTitle'), advice: t('failureInvalidCredentialsAdvice') };
    case 'locked':
      // Not the server's words: they repeat the title, and the popup has its own reset link.
      return { title: t('failureLockedTitle'), advice: t('failureLockedAdvice') };
    case 'unconfirmed':
      return { title: t('failureUnconfirmedTitle'), advice: apiMessage ?? t('failureUnconfirmedAdvice') };
    case 'rate_limited':
      return { title: t('failureRateLimitedTitle'), advice: apiMessage ?? t('failureRateLimitedAdvice') };
    case 'not_found':
      return { title: t('failureNotFoundTitle'), advice: t('failureNotFoundAdvice') };
    case 'revoked':
      return { title: t('failureRevokedTitle'), advice: apiMessage ?? t('failureRevokedAdvice') };
    case 'private':
      return { title: t('failurePrivateTitle'), advice: t('failurePrivateAdvice') };
    case 'unreachable':
      return { title: t('failureUnreachableTitle', apiBaseUrl), advice: t('failureUnreachableAdvice') };
    case 'bad_response':
      return { title: t('failureBadResponseTitle', apiBaseUrl), advice: t('failureBadResponseAdvice') };
    case 'bad_request':
      return { title: t('failureBadRequestTitle'), advice: apiMessage ?? t('failureBadRequestAdvice') };
  }
}

/** "just now", "5 minutes ago", "3 hours ago", or "on Mar 1, 2025", in the browser's language: how old the shown list is. */
export function ageLabel(fetchedAt: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(fetchedAt)) / 60_000);
  if (!(minutes >= 1)) return t('ageJustNow');
  const hours = Math.floor(minutes / 60);
  if (hours >= 24) return t('ageOnDate', formatDate(fetchedAt, 'day'));
  return minutes < 60 ? formatAgo(minutes, 'minute') : formatAgo(hours, 'hour');
}
