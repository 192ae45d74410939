import type { Award, CompletionBody, CompletionResponse } from '../../../shared/schemas/requirements';
import { findAccountByVerifiedEmail } from '../db/accounts';
import { getAssertionRecords, issueAssertion, setAssertionAccount, type Assertion } from '../db/assertions';
import { getBadgeClassesInOrder, type BadgeClass } from '../db/badgeClasses';
import { checkAttributeValue, type BadgeAttributeValue } from '../../../shared/schemas/attributes';
import { transaction, type Db } from '../db/connection';
import { lockKeyForTransaction } from '../db/locks';
import { badgeIdsByRequirement, getRequirement, type RequirementObject } from '../db/requirements';
import { removeSelfClaim, selfClaimsOfBadgeClasses, type SelfClaim } from '../db/selfClaims';
import { createOneTimeToken } from '../db/tokens';
import { queueMail } from '../earners/mail';
import { earnerUrls } from '../earners/urls';
import type { AppDeps } from '../http/env';
import { normaliseEmail } from '../lib/crypto';
import { publicUrls } from '../lib/urls';
import { completionEmail, selfClaimsVerifiedEmail } from '../mail/templates';

/** Why the completion's attribute values do not fit (by path): a badge class not listing the requirement, or a value of the wrong kind. */
export type CompletionProblems = { problems: { path: string; message: string }[] };

export interface CompletionOutcome {
  /** False when this completion had been reported before. */
  firstReport: boolean;
  result: CompletionResponse;
}

/** The date a completion is recorded with: the reported one (a date alone is midnight UTC), else now. */
export function completionDate(completedOn: string | undefined, now: Date): Date {
  return completedOn === undefined ? now : new Date(completedOn);
}

/**
 * Records that a person completed one of the issuer's requirements and issues every badge class of the
 * issuer listing it as an option that the person does not hold (a revoked badge is not held), with one
 * email listing them all: all in one transaction, so nothing is half issued. Reports for the same person
 * at the same issuer take turns (a lock on the pair), so two at the same moment never issue a badge twice.
 * Null when the issuer has no such requirement.
 */
export async function reportCompletion(
  deps: Required<AppDeps>,
  issuerId: string,
  requirementId: string,
  body: CompletionBody,
): Promise<CompletionOutcome | CompletionProblems | null> {
  const now = deps.now();
  const email = normaliseEmail(body.email);
  const completedOn = completionDate(body.completedOn, now);
  return transaction(deps.db, async (db) => {
    const requirement = await getRequirement(db, issuerId, requirementId);
    if (!requirement) return null;
    const badgeClassIds = (await badgeIdsByRequirement(db, [requirement.id])).get(requirement.id)!;
    const badgeClasses = await getBadgeClassesInOrder(db, badgeClassIds);
    const attributes = completionAttributes(badgeClasses, body.attributes ?? {});
    if ('problems' in attributes) return attributes;
    await lockKeyForTransaction(db, `completion:${issuerId}:${email}`);
    const recorded = await db
      .insertInto('requirement_completions')
      .values({
        requirement_id: requirement.id,
        recipient_email: email,
        recipient_name: body.name,
        completed_on: completedOn.toISOString(),
        evidence_url: body.evidence ?? null,
        created_at: now.toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['requirement_id', 'recipient_email']).doNothing())
      .returning('requirement_id')
      .executeTakeFirst();

    const held = await heldBadges(db, badgeClassIds, email);
    const owner = await findAccountByVerifiedEmail(db, email);
    const claims = new Map((owner ? await selfClaimsOfBadgeClasses(db, owner.id, badgeClassIds) : []).map((claim) => [claim.badgeClassId, claim]));
    const urls = publicUrls(deps.publicUrl);
    const award = (badgeId: string, assertionId: string): Award => ({ badgeId, assertionId, url: urls.assertion(assertionId) });
    const result: CompletionResponse = { awarded: [], verified: [], alreadyHeld: [] };
    const narrative = `Completed “${requirement.title}” on ${completedOn.toISOString().slice(0, 10)}.`;
    for (const badgeClass of badgeClasses) {
      const heldId = held.get(badgeClass.id);
      if (heldId) {
        result.alreadyHeld.push(award(badgeClass.id, heldId));
        continue;
      }
      const input = { email, name: body.name, evidenceUrl: body.evidence, narrative, attributeValue: attributes.get(badgeClass.id) ?? null };
      const claim = claims.get(badgeClass.id);
      if (owner && claim && (await verifySelfClaim(db, claim, owner.id, () => issueAssertion(db, badgeClass, { ...input, id: claim.id }, now)))) {
        result.verified.push(award(badgeClass.id, claim.id));
        continue;
      }
      const assertion = await issueAssertion(db, badgeClass, input, now);
      result.awarded.push(award(badgeClass.id, assertion.id));
    }
    if (result.awarded.length > 0) await deliverAwards({ ...deps, db }, requirement, result.awarded, now);
    if (result.verified.length > 0) await tellVerified({ ...deps, db }, requirement, result.verified, now);
    return { firstReport: recorded !== undefined, result };
  });
}

/** The completion's attribute values by badge class, checked against the badge classes listing the requirement. */
export function completionAttributes(badgeClasses: readonly BadgeClass[], values: Record<string, unknown>): Map<string, BadgeAttributeValue> | CompletionProblems {
  const byId = new Map(badgeClasses.map((badgeClass) => [badgeClass.id, badgeClass]));
  const checked = new Map<string, BadgeAttributeValue>();
  const problems: CompletionProblems['problems'] = [];
  for (const [badgeId, value] of Object.entries(values)) {
    const badgeClass = byId.get(badgeId);
    if (!badgeClass) {
      problems.push({ path: `attributes.${badgeId}`, message: 'is not a badge class listing this requirement' });
      continue;
    }
    const result = checkAttributeValue(badgeClass.attribute, value);
    if (!result.ok) problems.push({ path: `attributes.${badgeId}`, message: result.problem });
    else if (result.value !== null) checked.set(badgeId, result.value);
  }
  return problems.length > 0 ? { problems } : checked;
}

/**
 * Turns a self-claim into the issued badge with the same id, held by its account and public as the claim was
 * (inside the caller's transaction). Removing the claim row first makes this happen once: a second
 * completion at the same moment finds no row to remove (false) and goes on as if there were no claim.
 */
export async function verifySelfClaim(db: Db, claim: SelfClaim, accountId: string, issue: () => Promise<Assertion>): Promise<boolean> {
  if (!(await removeSelfClaim(db, claim.id))) return false;
  const assertion = await issue();
  await db.updateTable('assertions').set({ account_id: accountId, claim_state: 'accepted', is_public: 1 }).where('id', '=', assertion.id).execute();
  return true;
}

/** Queues the one email telling the earner which of their self-claimed badges this completion verified. */
async function tellVerified(deps: Required<AppDeps>, requirement: RequirementObject, verified: Award[], now: Date): Promise<void> {
  const records = await getAssertionRecords(deps.db, verified.map((entry) => entry.assertionId));
  const first = records.get(verified[0]!.assertionId)!;
  const message = selfClaimsVerifiedEmail({
    to: first.assertion.recipientEmail,
    recipientName: first.assertion.recipientName,
    issuerName: first.issuer.name,
    requirementTitle: requirement.title,
    badges: verified.map(({ assertionId, url }) => ({ badgeName: records.get(assertionId)!.badgeClass.name, badgeUrl: url })),
  });
  await queueMail(deps, message, now);
}

/** The person's badge (not revoked) of each of these badge classes, by badge class. */
async function heldBadges(db: Db, badgeClassIds: readonly string[], email: string): Promise<Map<string, string>> {
  if (badgeClassIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('assertions')
    .select(['id', 'badge_class_id'])
    .where('badge_class_id', 'in', badgeClassIds)
    .where('recipient_email', '=', email)
    .where('revoked', '=', 0)
    .orderBy('created_at')
    .execute();
  const held = new Map<string, string>();
  for (const row of rows) if (!held.has(row.badge_class_id)) held.set(row.badge_class_id, row.id);
  return held;
}

/**
 * Gives the new badges to the account that verified the address, if any, and queues the one email listing
 * them, each with its claim link (inside the caller's transaction).
 */
async function deliverAwards(deps: Required<AppDeps>, requirement: RequirementObject, awarded: Award[], now: Date): Promise<void> {
  const { db, publicUrl } = deps;
  const records = await getAssertionRecords(db, awarded.map((entry) => entry.assertionId));
  const first = records.get(awarded[0]!.assertionId)!;
  const owner = await findAccountByVerifiedEmail(db, first.assertion.recipientEmail);
  const badges = [];
  for (const { assertionId } of awarded) {
    const { assertion, badgeClass } = records.get(assertionId)!;
    if (owner) await setAssertionAccount(db, assertion.id, owner.id);
    const token = await createOneTimeToken(db, 'claim', { assertionId: assertion.id, email: assertion.recipientEmail }, now);
    badges.push({ badgeName: badgeClass.name, claimUrl: earnerUrls(publicUrl).claim(token), badgeUrl: publicUrls(publicUrl).assertion(assertion.id) });
  }
  const message = completionEmail({
    to: first.assertion.recipientEmail,
    recipientName: first.assertion.recipientName,
    issuerName: first.issuer.name,
    requirementTitle: requirement.title,
    badges,
  });
  await queueMail(deps, message, now);
}
