import type { ShareResponse } from '../../../shared/schemas/sharing';
import { getAssertionRecord } from '../db/assertions';
import { getImportedBadge, isImportedId } from '../db/importedBadges';
import type { AppDeps } from '../http/env';
import { importedSharePayload } from '../imports/share';
import { currentImportedBadges } from '../imports/service';
import { earnerOwnsAssertion } from './earner';
import { payloadNotShareableReason, sharePayload } from './payload';

export type ShareKitLookup =
  | { ok: true; badgeName: string; kit: ShareResponse }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'revoked' | 'private'; badgeName: string; issuerName: string };

/** One of the earner's badges with everything to share it, or why it cannot be shared (issued here or imported). */
export async function shareKitFor(deps: Required<AppDeps>, accountId: string, id: string): Promise<ShareKitLookup> {
  const { db, publicUrl } = deps;
  if (isImportedId(id)) {
    const owned = await getImportedBadge(db, id);
    const current = owned?.accountId === accountId ? (await currentImportedBadges(deps, accountId)).find((badge) => badge.id === id) : undefined;
    if (!current) return { ok: false, reason: 'not_found' };
    const names = { badgeName: current.badge.name, issuerName: current.badge.issuer.name || 'Its issuer' };
    if (current.status === 'revoked') return { ok: false, reason: 'revoked', ...names };
    if (!current.isPublic) return { ok: false, reason: 'private', ...names };
    return { ok: true, badgeName: current.badge.name, kit: importedSharePayload(current, publicUrl) };
  }
  // Someone else's badge answers exactly like a missing one, so ids cannot be probed.
  const record = (await earnerOwnsAssertion(db, accountId, id)) ? await getAssertionRecord(db, id) : null;
  if (!record) return { ok: false, reason: 'not_found' };
  const refusal = payloadNotShareableReason(record);
  if (refusal) return { ok: false, reason: refusal, badgeName: record.badgeClass.name, issuerName: record.issuer.name };
  return { ok: true, badgeName: record.badgeClass.name, kit: sharePayload(record, publicUrl) };
}
