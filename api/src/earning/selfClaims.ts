import type { SelfClaimResponse } from '../../../shared/schemas/earners';
import { getBadgeClass, listBadgeClasses } from '../db/badgeClasses';
import { listIssuers } from '../db/issuers';
import type { Db } from '../db/connection';
import { claimBadgeClass, listAccountSelfClaims, type SelfClaim } from '../db/selfClaims';
import { publicUrls } from '../lib/urls';

export type SelfClaimOutcome =
  | { ok: true; claim: SelfClaim; created: boolean }
  | { ok: false; status: 404 | 409 | 422; code: 'not_found' | 'already_held' | 'not_self_claimable'; message: string };

/** The account's unrevoked badge of this badge class issued here, if any. */
export async function heldAssertionId(db: Db, accountId: string, badgeClassId: string): Promise<string | null> {
  const row = await db
    .selectFrom('assertions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('badge_class_id', '=', badgeClassId)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * An earner claims a skill badge of the catalogue for themselves ("I can do this"). Only skill badges can
 * be self-claimed: the other categories say an issuer checked something (a certification, an education,
 * a membership). Claiming the same badge again answers the claim already made.
 */
export async function claimSkillBadge(db: Db, publicUrl: string, accountId: string, badgeId: string, now: Date): Promise<SelfClaimOutcome> {
  const badgeClass = await getBadgeClass(db, badgeId);
  if (!badgeClass) return { ok: false, status: 404, code: 'not_found', message: `No badge class with id "${badgeId}".` };
  if (badgeClass.category !== 'skill') {
    const message = `Only skill badges can be self-claimed; "${badgeClass.name}" is a ${badgeClass.category} badge, which only its issuer can award.`;
    return { ok: false, status: 422, code: 'not_self_claimable', message };
  }
  const held = await heldAssertionId(db, accountId, badgeClass.id);
  if (held) return { ok: false, status: 409, code: 'already_held', message: `You already hold "${badgeClass.name}", issued by its issuer: ${publicUrls(publicUrl).assertion(held)}` };
  return { ok: true, ...(await claimBadgeClass(db, accountId, badgeClass.id, now)) };
}

export function presentSelfClaim(claim: SelfClaim, publicUrl: string): SelfClaimResponse {
  return { assertionId: claim.id, url: publicUrls(publicUrl).assertion(claim.id), status: 'self_claimed' };
}

/** The skill badges of the catalogue the account may still claim: neither held (unrevoked) nor claimed already. */
export async function claimableSkillBadges(db: Db, accountId: string): Promise<{ id: string; name: string; issuerName: string }[]> {
  const held = await db.selectFrom('assertions').select('badge_class_id').where('account_id', '=', accountId).where('revoked', '=', 0).execute();
  const taken = new Set([...held.map((row) => row.badge_class_id), ...(await listAccountSelfClaims(db, accountId)).map((record) => record.claim.badgeClassId)]);
  const issuerNames = new Map((await listIssuers(db)).map((issuer) => [issuer.id, issuer.name]));
  return (await listBadgeClasses(db, { category: 'skill' }))
    .filter((badgeClass) => !taken.has(badgeClass.id))
    .map((badgeClass) => ({ id: badgeClass.id, name: badgeClass.name, issuerName: issuerNames.get(badgeClass.issuerId) ?? '' }));
}
