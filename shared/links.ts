// Share-link builders: pure functions, no DOM, the same in Node and in browsers.
// Used by the API (share route, badge pages, issuance emails) and by the extension popup.
import { encodeQueryValue, requireHttpUrl } from './escape';
import type { MeBadge } from './schemas/earners';

export interface ShareableBadge {
  /** Url-safe assertion id, e.g. 'q3Jd8...'. */
  assertionId: string;
  /** Absolute public badge URL, e.g. https://badges.example.org/assertions/<id>. */
  badgeUrl: string;
  /** Absolute http(s) image URL, never relative. */
  imageUrl: string;
  badgeName: string;
  issuerName: string;
  /** Numeric LinkedIn organisation id when known. */
  issuerLinkedInOrgId?: string | null;
  /** ISO 8601 date-time. */
  issuedOn: string;
  /** ISO 8601 date-time, or null/absent when the badge never expires. */
  expires?: string | null;
  recipientName?: string;
}

/** One of the earner's own badges (GET /api/v1/me/badges) as the link and snippet builders take it. */
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

export interface ShareLinks {
  /** LinkedIn "Add to profile" (Licenses & certifications) form, pre-filled. */
  linkedinProfile: string;
  /** LinkedIn feed post sharing the badge page. */
  linkedin: string;
  x: string;
  facebook: string;
  /** mailto: link with a subject and body, no recipient. */
  email: string;
}

export interface UtcMonth {
  year: number;
  /** 1–12, not JavaScript's 0-based month. */
  month: number;
}

// A date, or a date-time with an explicit offset. Date.parse() reads an offset-less
// date-time (or its non-ISO fallbacks) in the machine's time zone, which would make the
// month depend on where the code runs.
const ISO_DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

/**
 * The UTC calendar month of an ISO 8601 date (read as UTC) or date-time with an offset
 * (`Z` or `±hh:mm`); throws a TypeError for anything else.
 */
export function utcMonthOf(isoDateTime: string, field = 'date'): UtcMonth {
  const time =
    typeof isoDateTime === 'string' && ISO_DATE_OR_DATE_TIME.test(isoDateTime) ? Date.parse(isoDateTime) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new TypeError(`${field} must be an ISO 8601 date-time, got ${JSON.stringify(isoDateTime)}`);
  }
  const date = new Date(time);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

function queryString(params: ReadonlyArray<readonly [string, string | number]>): string {
  return params.map(([key, value]) => `${key}=${encodeQueryValue(String(value))}`).join('&');
}

const LINKEDIN_ORG_ID = /^\d+$/;

/**
 * LinkedIn's "Add license or certification" URL, pre-filled with this badge.
 * Parameter order is fixed: name, organizationId|organizationName, issue date,
 * expiration date (only when the badge expires), certUrl, certId.
 */
export function linkedInAddToProfileUrl(badge: ShareableBadge): string {
  const certUrl = requireHttpUrl(badge.badgeUrl, 'badgeUrl');
  const issued = utcMonthOf(badge.issuedOn, 'issuedOn');
  const orgId = badge.issuerLinkedInOrgId?.trim() ?? '';

  const params: Array<readonly [string, string | number]> = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', badge.badgeName],
    LINKEDIN_ORG_ID.test(orgId) ? ['organizationId', orgId] : ['organizationName', badge.issuerName],
    ['issueYear', issued.year],
    ['issueMonth', issued.month],
  ];
  if (badge.expires) {
    const expires = utcMonthOf(badge.expires, 'expires');
    params.push(['expirationYear', expires.year], ['expirationMonth', expires.month]);
  }
  params.push(['certUrl', certUrl], ['certId', badge.assertionId]);

  return `https://www.linkedin.com/profile/add?${queryString(params)}`;
}

export function linkedInFeedShareUrl(url: string): string {
  return `https://www.linkedin.com/sharing/share-offsite/?${queryString([['url', requireHttpUrl(url, 'url')]])}`;
}

export function xShareUrl(text: string, url: string): string {
  return `https://twitter.com/intent/tweet?${queryString([['text', text], ['url', requireHttpUrl(url, 'url')]])}`;
}

export function facebookShareUrl(url: string): string {
  return `https://www.facebook.com/sharer/sharer.php?${queryString([['u', requireHttpUrl(url, 'url')]])}`;
}

/** Line breaks in `body` should be CRLF (RFC 6068); shareText() bodies already are. */
export function mailtoShareUrl(subject: string, body: string): string {
  return `mailto:?${queryString([['subject', subject], ['body', body]])}`;
}

/** The default sentence used in posts and emails: "I earned the <badge> badge from <issuer>". */
export function shareText(badge: Pick<ShareableBadge, 'badgeName' | 'issuerName'>): string {
  return `I earned the ${badge.badgeName} badge from ${badge.issuerName}`;
}

/** Every share link for one badge, with default texts. */
export function shareLinks(badge: ShareableBadge): ShareLinks {
  const badgeUrl = requireHttpUrl(badge.badgeUrl, 'badgeUrl');
  const text = shareText(badge);
  return {
    linkedinProfile: linkedInAddToProfileUrl(badge),
    linkedin: linkedInFeedShareUrl(badgeUrl),
    x: xShareUrl(text, badgeUrl),
    facebook: facebookShareUrl(badgeUrl),
    email: mailtoShareUrl(text, `${text}.\r\n\r\nSee and verify it here: ${badgeUrl}`),
  };
}
