import type { MeBadge } from '../../../shared/schemas/earners';
import { VERIFY_PLATFORMS, type VerifyPlatform } from '../../../shared/schemas/verify';
import type { ImportedBadge } from '../db/importedBadges';
import { publicUrls } from '../lib/urls';

/** The public page of an imported badge on this server (for badges without a page of their own, and to share). */
export function importedBadgePageUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/imported/${id}`;
}

function platformOf(value: string): VerifyPlatform {
  return (VERIFY_PLATFORMS as readonly string[]).includes(value) ? (value as VerifyPlatform) : 'openbadges';
}

/**
 * An imported badge as GET /api/v1/me/badges and the portfolio show it: `url` is where its issuer shows
 * it (what the extension verifies on LinkedIn), or its page here when it has none; `source` says it
 * was imported, from where, and when it was last checked.
 */
export function presentImportedBadge(imported: ImportedBadge, publicUrl: string): MeBadge {
  const { badge } = imported;
  return {
    id: imported.id,
    url: badge.pageUrl ?? importedBadgePageUrl(publicUrl, imported.id),
    credentialUrl: null,
    imageUrl: badge.imageUrl ?? publicUrls(publicUrl).favicon(),
    name: badge.name,
    description: badge.description,
    issuer: { id: badge.issuer.id, name: badge.issuer.name || badge.issuer.domain || badge.issuer.id, url: badge.issuer.url ?? badge.issuer.id },
    recipientName: badge.recipientName ?? '',
    issuedOn: badge.issuedOn,
    expires: badge.expires,
    claimState: 'accepted',
    status: imported.status,
    isPublic: imported.isPublic,
    revocationReason: badge.revocationReason,
    source: { imported: true, platform: platformOf(imported.platform), format: imported.format, checkedAt: imported.checkedAt },
  };
}
