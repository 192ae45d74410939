// Sharing an imported badge like the others: the same share links and snippets (shared/links.ts,
// shared/snippets.ts), pointing at the badge's page. Shares are not counted (the counters belong
// to this server's assertions), and there is no baked image or certificate to download.
import { shareLinks, type ShareableBadge } from '../../../shared/links';
import type { ShareResponse } from '../../../shared/schemas/sharing';
import { emailSignatureHtml, emailSignatureText, markdownLine, resumeCardHtml } from '../../../shared/snippets';
import type { ImportedBadge } from '../db/importedBadges';
import { presentImportedBadge } from './present';

export function importedShareableBadge(imported: ImportedBadge, publicUrl: string): ShareableBadge {
  const shown = presentImportedBadge(imported, publicUrl);
  return {
    assertionId: imported.id,
    badgeUrl: shown.url,
    imageUrl: shown.imageUrl,
    badgeName: shown.name,
    issuerName: shown.issuer.name,
    issuerLinkedInOrgId: null,
    issuedOn: shown.issuedOn,
    expires: shown.expires,
    recipientName: shown.recipientName,
  };
}

export function importedSharePayload(imported: ImportedBadge, publicUrl: string): ShareResponse {
  const badge = importedShareableBadge(imported, publicUrl);
  const links = shareLinks(badge);
  const text = emailSignatureText(badge);
  return {
    badgeUrl: badge.badgeUrl,
    links,
    directLinks: links,
    signature: {
      small: { html: emailSignatureHtml(badge, { size: 'small' }), text },
      large: { html: emailSignatureHtml(badge, { size: 'large' }), text },
    },
    resume: { html: resumeCardHtml(badge), markdown: markdownLine(badge) },
    downloads: { bakedPng: null, bakedSvg: null, certificatePdf: null, credential: null },
    credentialUrl: null,
  };
}
