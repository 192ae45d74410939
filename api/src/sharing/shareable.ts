import { shareLinks, type ShareableBadge, type ShareLinks } from '../../../shared/links';
import type { ShareChannel } from '../../../shared/schemas/sharing';
import type { AssertionRecord } from '../db/assertions';
import { publicUrls } from '../lib/urls';

/** The shared builders' view of one stored badge; every URL absolute, built from the public base. */
export function shareableBadge(record: AssertionRecord, publicUrl: string): ShareableBadge {
  const urls = publicUrls(publicUrl);
  const { assertion, badgeClass, issuer } = record;
  return {
    assertionId: assertion.id,
    badgeUrl: urls.assertion(assertion.id),
    imageUrl: urls.assertionImagePng(assertion.id),
    badgeName: badgeClass.name,
    issuerName: issuer.name,
    issuerLinkedInOrgId: issuer.linkedInOrganizationId,
    issuedOn: assertion.issuedOn,
    expires: assertion.expires,
    recipientName: assertion.recipientName,
  };
}

const LINK_KEY: Record<ShareChannel, keyof ShareLinks> = {
  linkedin: 'linkedin',
  'linkedin-profile': 'linkedinProfile',
  x: 'x',
  facebook: 'facebook',
  email: 'email',
};

/** Where a tracked link of `channel` sends people: exactly the shared builder's URL. */
export function channelUrl(badge: ShareableBadge, channel: ShareChannel): string {
  return shareLinks(badge)[LINK_KEY[channel]];
}

/** The tracked (counted) link `/s/:assertionId/:channel` on this server. */
export function trackedShareUrl(publicUrl: string, assertionId: string, channel: ShareChannel): string {
  return `${publicUrl}/s/${encodeURIComponent(assertionId)}/${channel}`;
}

/** Every tracked link, keyed like the shared builders' ShareLinks. */
export function trackedShareLinks(publicUrl: string, assertionId: string): ShareLinks {
  const link = (channel: ShareChannel) => trackedShareUrl(publicUrl, assertionId, channel);
  return {
    linkedinProfile: link('linkedin-profile'),
    linkedin: link('linkedin'),
    x: link('x'),
    facebook: link('facebook'),
    email: link('email'),
  };
}

/** The printable certificate's URL (only meaningful when the badge class offers one). */
export function certificateUrl(publicUrl: string, assertionId: string, size?: 'a4' | 'letter'): string {
  const base = `${publicUrls(publicUrl).assertion(assertionId)}/certificate.pdf`;
  return size ? `${base}?size=${size}` : base;
}

/** Public badges that may be shown, shared and printed: the earner has not hidden or declined them. */
export function isPubliclyVisible(record: AssertionRecord): boolean {
  return record.assertion.isPublic && record.assertion.claimState !== 'declined';
}
