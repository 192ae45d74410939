import type { BadgeAttributeValue } from '../../../shared/schemas/attributes';
import type { BadgeChanges, RosterMemberBody } from '../../../shared/schemas/memberships';
import type { Award } from '../../../shared/schemas/requirements';
import { getAssertionRecord, issueAssertion, type Assertion } from '../db/assertions';
import { badgeClassFromRow, type BadgeClass } from '../db/badgeClasses';
import { transaction, type Db } from '../db/connection';
import { requeueCredential } from '../db/credentials';
import { lockKeyForTransaction } from '../db/locks';
import {
  checkLinkRequest,
  consumeLinkRequest,
  createLinkRequest,
  deleteMember,
  getMember,
  linkMember,
  putMember,
  type RosterMember,
  type RosterWrite,
} from '../db/memberships';
import { selfClaimsOfBadgeClasses } from '../db/selfClaims';
import { queueMail } from '../earners/mail';
import { earnerUrls } from '../earners/urls';
import type { AppDeps, AppEnv } from '../http/env';
import type { Context } from 'hono';
import { firstRateLimited, RATE_LIMITS } from '../earners/rateLimit';
import { publicUrls } from '../lib/urls';
import { membershipLinkEmail } from '../mail/templates';
import { queueCredential } from '../ob3/issuance';
import { verifySelfClaim } from './completions';

/** What roster work needs of the app's dependencies (the demo seed runs it outside any request). */
export type MembershipDeps = Pick<Required<AppDeps>, 'db' | 'now' | 'publicUrl' | 'issueCredentials'>;
type Deps = MembershipDeps;

/** What a roster entry entitles its linked earner to, per badge class. */
export interface Entitlement {
  badgeClassId: string;
  attributeValue: BadgeAttributeValue | null;
  issuedOn: Date;
  /** ISO time, or null: never expires. */
  expires: string | null;
}

/**
 * The issuer's membership badge class: its oldest open `membership` class carrying a `level` attribute, else
 * its oldest open `membership` class without an attribute. The volunteer badge class: its oldest open
 * `membership` class carrying a `volunteer` attribute.
 */
export function membershipClasses(classes: readonly BadgeClass[]): { membership: BadgeClass | null; volunteer: BadgeClass | null } {
  const open = classes.filter((badgeClass) => badgeClass.category === 'membership' && badgeClass.archivedAt === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    membership: open.find((badgeClass) => badgeClass.attribute?.kind === 'level') ?? open.find((badgeClass) => badgeClass.attribute === null) ?? null,
    volunteer: open.find((badgeClass) => badgeClass.attribute?.kind === 'volunteer') ?? null,
  };
}

/**
 * The badges a roster entry entitles its member to, as of `now`: the membership badge (with the level when its
 * class carries one) from `memberSince`, expiring on `memberUntil` (so a lapsed membership's badge is expired,
 * never revoked); the volunteer badge while the member volunteers, expiring with the membership; each listed
 * certification from its `since` date, with its years of activity when its class carries them.
 */
export function entitledBadges(member: Pick<RosterMember, 'memberSince' | 'memberUntil' | 'level' | 'volunteer' | 'certifications'>, classes: readonly BadgeClass[]): Entitlement[] {
  const { membership, volunteer } = membershipClasses(classes);
  const expires = member.memberUntil === null ? null : new Date(member.memberUntil).toISOString();
  const since = new Date(member.memberSince);
  const entitled: Entitlement[] = [];
  if (membership) {
    entitled.push({ badgeClassId: membership.id, attributeValue: membership.attribute?.kind === 'level' ? member.level : null, issuedOn: since, expires });
  }
  if (volunteer && member.volunteer) entitled.push({ badgeClassId: volunteer.id, attributeValue: true, issuedOn: since, expires });
  const byId = new Map(classes.map((badgeClass) => [badgeClass.id, badgeClass]));
  for (const certification of member.certifications) {
    const badgeClass = byId.get(certification.badgeId);
    if (!badgeClass) continue;
    const value = badgeClass.attribute?.kind === 'yearsActive' ? (certification.yearsActive ?? null) : null;
    entitled.push({ badgeClassId: badgeClass.id, attributeValue: value, issuedOn: new Date(certification.since), expires: null });
  }
  return entitled;
}

/** Why a roster entry cannot be stored (by field path), or an empty list. Certifications name the issuer's open certification classes. */
export function rosterProblems(body: RosterMemberBody, classes: readonly BadgeClass[]): { path: string; message: string }[] {
  const byId = new Map(classes.map((badgeClass) => [badgeClass.id, badgeClass]));
  const problems: { path: string; message: string }[] = [];
  (body.certifications ?? []).forEach((certification, index) => {
    const badgeClass = byId.get(certification.badgeId);
    const path = `certifications.${index}.badgeId`;
    if (!badgeClass || badgeClass.archivedAt !== null) problems.push({ path, message: `is not an open badge class of this issuer: "${certification.badgeId}"` });
    else if (badgeClass.category !== 'certification') problems.push({ path, message: `must be a certification badge class ("${badgeClass.name}" is ${badgeClass.category})` });
  });
  if (body.memberUntil && body.memberUntil < body.memberSince) problems.push({ path: 'memberUntil', message: 'must not be before memberSince' });
  return problems;
}

export async function issuerBadgeClasses(db: Db, issuerId: string): Promise<BadgeClass[]> {
  return (await db.selectFrom('badge_classes').selectAll().where('issuer_id', '=', issuerId).execute()).map(badgeClassFromRow);
}

const noChanges = (): BadgeChanges => ({ issued: [], verified: [], updated: [], expired: [] });

/**
 * Brings the linked earner's roster badges in line with the entry (inside the caller's transaction, which holds
 * the member's lock): issues what is missing (verifying a self-claim of it in place, or adopting a badge of
 * the class the account already holds), updates values and expiry dates that changed (its credential is signed
 * again), and makes badges the entry no longer gives expire now. Nothing is ever revoked.
 */
async function syncMemberBadges(deps: Deps, db: Db, member: RosterMember, now: Date, entitledNow?: Entitlement[]): Promise<BadgeChanges> {
  const changes = noChanges();
  const accountId = member.accountId;
  if (!accountId) return changes;
  const classes = await issuerBadgeClasses(db, member.issuerId);
  const byId = new Map(classes.map((badgeClass) => [badgeClass.id, badgeClass]));
  const entitled = entitledNow ?? entitledBadges(member, classes);
  const urls = publicUrls(deps.publicUrl);
  const award = (badgeId: string, assertionId: string): Award => ({ badgeId, assertionId, url: urls.assertion(assertionId) });
  const given = new Map(
    (
      await db
        .selectFrom('membership_badges as m')
        .innerJoin('assertions as a', 'a.id', 'm.assertion_id')
        .select(['m.badge_class_id', 'a.id', 'a.expires', 'a.attribute_value', 'a.revoked', 'a.account_id'])
        .where('m.issuer_id', '=', member.issuerId)
        .where('m.member_id', '=', member.memberId)
        .execute()
    ).map((row) => [row.badge_class_id, row]),
  );
  const remember = (badgeClassId: string, assertionId: string) =>
    db
      .insertInto('membership_badges')
      .values({ issuer_id: member.issuerId, member_id: member.memberId, badge_class_id: badgeClassId, assertion_id: assertionId })
      .onConflict((conflict) => conflict.columns(['issuer_id', 'member_id', 'badge_class_id']).doUpdateSet({ assertion_id: assertionId }))
      .execute();
  const setValues = async (assertionId: string, entitlement: Entitlement) => {
    await db
      .updateTable('assertions')
      .set({ expires: entitlement.expires, attribute_value: entitlement.attributeValue === null ? null : JSON.stringify(entitlement.attributeValue) })
      .where('id', '=', assertionId)
      .execute();
    await requeueCredential(db, assertionId);
  };
  const differs = (row: { expires: string | null; attribute_value: string | null }, entitlement: Entitlement) =>
    row.expires !== entitlement.expires || row.attribute_value !== (entitlement.attributeValue === null ? null : JSON.stringify(entitlement.attributeValue));

  for (const entitlement of entitled) {
    const current = given.get(entitlement.badgeClassId);
    given.delete(entitlement.badgeClassId);
    if (current && current.revoked === 0 && current.account_id === accountId) {
      if (differs(current, entitlement)) {
        await setValues(current.id, entitlement);
        changes.updated.push(award(entitlement.badgeClassId, current.id));
      }
      continue;
    }
    const held = await db
      .selectFrom('assertions')
      .select(['id', 'expires', 'attribute_value'])
      .where('account_id', '=', accountId)
      .where('badge_class_id', '=', entitlement.badgeClassId)
      .where('revoked', '=', 0)
      .orderBy('created_at')
      .executeTakeFirst();
    if (held) {
      await remember(entitlement.badgeClassId, held.id);
      if (differs(held, entitlement)) {
        await setValues(held.id, entitlement);
        changes.updated.push(award(entitlement.badgeClassId, held.id));
      }
      continue;
    }
    const badgeClass = byId.get(entitlement.badgeClassId)!;
    const input = {
      email: member.email,
      name: member.name,
      issuedOn: entitlement.issuedOn,
      expires: entitlement.expires,
      attributeValue: entitlement.attributeValue,
      narrative: `Member ${member.memberId} on the roster of the issuer.`,
    };
    const [claim] = await selfClaimsOfBadgeClasses(db, accountId, [badgeClass.id]);
    let issued: Assertion | null = null;
    const issue = async (id?: string) => {
      issued = await issueAssertion(db, badgeClass, { ...input, id }, now);
      return issued;
    };
    const verified = claim !== undefined && (await verifySelfClaim(db, claim, accountId, () => issue(claim.id)));
    if (!verified) {
      await issue();
      await db.updateTable('assertions').set({ account_id: accountId, claim_state: 'accepted', is_public: 1, claimed_at: now.toISOString(), accepted_at: now.toISOString() }).where('id', '=', issued!.id).execute();
    }
    const assertion = issued as Assertion | null;
    // The roster decides the expiry date, not the badge class's validity period.
    await db.updateTable('assertions').set({ expires: entitlement.expires }).where('id', '=', assertion!.id).execute();
    await remember(badgeClass.id, assertion!.id);
    if (deps.issueCredentials) await queueCredential(db, (await getAssertionRecord(db, assertion!.id))!, deps.publicUrl, now);
    (verified ? changes.verified : changes.issued).push(award(badgeClass.id, assertion!.id));
  }
  for (const [badgeClassId, row] of given) {
    if (row.revoked === 1 || (row.expires !== null && Date.parse(row.expires) <= now.getTime())) continue;
    await db.updateTable('assertions').set({ expires: now.toISOString() }).where('id', '=', row.id).execute();
    await requeueCredential(db, row.id);
    changes.expired.push(award(badgeClassId, row.id));
  }
  return changes;
}

const memberLock = (issuerId: string, memberId: string) => `member:${issuerId}:${memberId}`;

export type RosterPut = { ok: true; write: RosterWrite; badges: BadgeChanges } | { ok: false; problems: { path: string; message: string }[] };

/** Stores a roster entry and updates its linked earner's badges, in one transaction under the member's lock. */
export async function putRosterMember(deps: Deps, issuerId: string, memberId: string, body: RosterMemberBody): Promise<RosterPut> {
  const now = deps.now();
  return transaction(deps.db, async (db) => {
    const problems = rosterProblems(body, await issuerBadgeClasses(db, issuerId));
    if (problems.length > 0) return { ok: false, problems };
    await lockKeyForTransaction(db, memberLock(issuerId, memberId));
    const write = await putMember(db, issuerId, memberId, body, now);
    const badges = write.status === 'unchanged' ? noChanges() : await syncMemberBadges(deps, db, write.member, now);
    return { ok: true, write, badges };
  });
}

/**
 * Takes a member off the roster: their linked earner keeps every badge, and the membership's badges expire
 * now (as a lapse does). Null when there is no such member.
 */
export async function removeRosterMember(deps: Deps, issuerId: string, memberId: string): Promise<{ member: RosterMember; badges: BadgeChanges } | null> {
  const now = deps.now();
  return transaction(deps.db, async (db) => {
    await lockKeyForTransaction(db, memberLock(issuerId, memberId));
    const member = await getMember(db, issuerId, memberId);
    if (!member) return null;
    const badges = await syncMemberBadges(deps, db, member, now, []);
    await deleteMember(db, issuerId, memberId);
    return { member, badges };
  });
}

/**
 * An earner asks to link a membership: if the member number is on the issuer's roster and nobody linked it
 * yet, a one-time link goes to the ROSTER address (never to the asker), so whoever links proves they own the
 * member's mailbox. The asker learns nothing either way (the same answer whether the member exists or not).
 */
export async function requestMembershipLink(deps: Deps, accountId: string, issuerId: string, memberId: string): Promise<void> {
  const now = deps.now();
  await transaction(deps.db, async (db) => {
    const member = await getMember(db, issuerId, memberId);
    if (!member || member.accountId === accountId) return;
    const issuer = await db.selectFrom('issuers').select('name').where('id', '=', issuerId).executeTakeFirstOrThrow();
    const token = await createLinkRequest(db, issuerId, memberId, accountId, now);
    const message = membershipLinkEmail({ to: member.email, recipientName: member.name, issuerName: issuer.name, memberId, linkUrl: earnerUrls(deps.publicUrl).membershipLink(token) });
    await queueMail({ ...deps, db }, message, now);
  });
}

export type LinkOutcome =
  | { ok: true; member: RosterMember; badges: BadgeChanges }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'other_account' | 'linked_elsewhere' };

/**
 * Follows a link from the roster address, for the signed-in account that asked for it (another account gets
 * 'other_account' and the link stays usable). The link is used up, the member linked and its badges issued in
 * one transaction under the member's lock: of two clicks at the same moment, one links and one finds it used.
 */
export async function confirmMembershipLink(deps: Deps, token: string, accountId: string): Promise<LinkOutcome> {
  const now = deps.now();
  const check = await checkLinkRequest(deps.db, token, now);
  if (!check.ok) return check;
  const { request } = check;
  if (request.accountId !== accountId) return { ok: false, reason: 'other_account' };
  return transaction(deps.db, async (db): Promise<LinkOutcome> => {
    if (!(await consumeLinkRequest(db, request.id, now))) return { ok: false, reason: 'used' };
    return linkMembership({ ...deps, db }, request.issuerId, request.memberId, accountId);
  });
}

/**
 * Links the member to the account and issues its badges, inside the caller's transaction (the link page, and
 * the demo seed): 'linked_elsewhere' when another account holds the member.
 */
export async function linkMembership(deps: Deps, issuerId: string, memberId: string, accountId: string): Promise<LinkOutcome> {
  const { db } = deps;
  const now = deps.now();
  await lockKeyForTransaction(db, memberLock(issuerId, memberId));
  if (!(await linkMember(db, issuerId, memberId, accountId, now))) {
    const member = await getMember(db, issuerId, memberId);
    if (member?.accountId !== accountId) return { ok: false, reason: 'linked_elsewhere' };
  }
  const member = (await getMember(db, issuerId, memberId))!;
  return { ok: true, member, badges: await syncMemberBadges(deps, db, member, now) };
}

/** Counts one link request for the account and for the member; null when allowed, else the rule and the seconds to wait. */
export async function membershipLinkLimited(c: Context<AppEnv>, accountId: string, issuerId: string, memberId: string) {
  return firstRateLimited(c, [
    [RATE_LIMITS.membershipLinkAccount, `account:${accountId}`],
    [RATE_LIMITS.membershipLinkMember, `member:${issuerId}:${memberId}`],
  ]);
}

/** Issuers that publish a roster, by name: those an earner can link a membership of. */
export async function rosterIssuers(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('issuers as i')
    .select(['i.id', 'i.name'])
    .where((eb) => eb.exists(eb.selectFrom('issuer_members as m').select('m.member_id').whereRef('m.issuer_id', '=', 'i.id')))
    .orderBy('i.name')
    .execute();
}
