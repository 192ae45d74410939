import { shareLinks } from '../../../shared/links';
import type { ShareResponse } from '../../../shared/schemas/sharing';
import { emailSignatureHtml, emailSignatureText, markdownLine, resumeCardHtml } from '../../../shared/snippets';
import type { AssertionRecord } from '../db/assertions';
import { publicUrls } from '../lib/urls';
import { credentialUrls } from '../credentials/urls';
import { certificateUrl, isPubliclyVisible, shareableBadge, trackedShareLinks } from './shareable';

/** Every link, snippet and download for one badge: the body of GET /api/v1/assertions/:id/share. */
export function sharePayload(record: AssertionRecord, publicUrl: string): ShareResponse {
  const badge = shareableBadge(record, publicUrl);
  const urls = publicUrls(publicUrl);
  const id = record.assertion.id;
  const text = emailSignatureText(badge);
  return {
    badgeUrl: badge.badgeUrl,
    links: trackedShareLinks(publicUrl, id),
    directLinks: shareLinks(badge),
    signature: {
      small: { html: emailSignatureHtml(badge, { size: 'small' }), text },
      large: { html: emailSignatureHtml(badge, { size: 'large' }), text },
    },
    resume: { html: resumeCardHtml(badge), markdown: markdownLine(badge) },
    downloads: {
      bakedPng: urls.bakedPng(id),
      bakedSvg: urls.bakedSvg(id),
      certificatePdf: record.badgeClass.offersCertificate ? certificateUrl(publicUrl, id) : null,
      credential: credentialUrls(publicUrl).credentialDownload(id),
    },
    credentialUrl: credentialUrls(publicUrl).credential(id),
  };
}

/** Why a badge's share kit is refused, or null when it can be shared. */
export function payloadNotShareableReason(record: AssertionRecord): 'revoked' | 'private' | null {
  if (record.assertion.revoked) return 'revoked';
  if (!isPubliclyVisible(record)) return 'private';
  return null;
}
