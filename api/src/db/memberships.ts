import type { Selectable } from 'kysely';
import type { RosterCertification, RosterMemberBody } from '../../../shared/schemas/memberships';
import { checkOneTimeSecret, newSecretToken } from '../earners/secrets';
import { normaliseEmail } from '../lib/crypto';
import type { Db } from './engine';
import type { IssuerMembersTable } from './schema';

/** One member of an issuer's roster, and the account that linked it, if any. */
export interface RosterMember {
  issuerId: string;
  memberId: string;
  email: string;
  name: string;
  memberSince: string;
  memberUntil: string | null;
  level: string | null;
  volunteer: boolean;
  certifications: RosterCertification[];
  accountId: string | null;
  linkedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function memberFromRow(row: Selectable<IssuerMembersTable>): RosterMember {
  return {
    issuerId: row.issuer_id,
    memberId: row.member_id,
    email: row.email,
    name: row.name,
    memberSince: row.member_since,
    memberUntil: row.member_until,
    level: row.level,
    volunteer: row.volunteer === 1,
    certifications: JSON.parse(row.certifications) as RosterCertification[],
    accountId: row.account_id,
    linkedAt: row.linked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The roster entry's stored fields, as the body gives them (what an unchanged PUT compares). */
function entryValues(body: RosterMemberBody) {
  return {
    email: normaliseEmail(body.email),
    name: body.name,
    member_since: body.memberSince,
    member_until: body.memberUntil ?? null,
    level: body.level ?? null,
    volunteer: body.volunteer ? 1 : 0,
    certifications: JSON.stringify(body.certifications ?? []),
  };
}

export async function getMember(db: Db, issuerId: string, memberId: string): Promise<RosterMember | null> {
  const row = await db.selectFrom('issuer_members').selectAll().where('issuer_id', '=', issuerId).where('member_id', '=', memberId).executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

export type RosterWrite = { status: 'created' | 'updated' | 'unchanged'; member: RosterMember };

/**
 * Stores the member's entry: one INSERT … ON CONFLICT UPDATE, so two writes of one member at the same moment
 * leave one row. 'unchanged' when the entry was already exactly this (its updated_at stays).
 */
export async function putMember(db: Db, issuerId: string, memberId: string, body: RosterMemberBody, now: Date): Promise<RosterWrite> {
  const values = entryValues(body);
  const before = await getMember(db, issuerId, memberId);
  if (before && sameEntry(before, values)) return { status: 'unchanged', member: before };
  const at = now.toISOString();
  const row = await db
    .insertInto('issuer_members')
    .values({ issuer_id: issuerId, member_id: memberId, ...values, created_at: at, updated_at: at })
    .onConflict((conflict) => conflict.columns(['issuer_id', 'member_id']).doUpdateSet({ ...values, updated_at: at }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: before ? 'updated' : 'created', member: memberFromRow(row) };
}

function sameEntry(member: RosterMember, values: ReturnType<typeof entryValues>): boolean {
  return (
    member.email === values.email &&
    member.name === values.name &&
    member.memberSince === values.member_since &&
    member.memberUntil === values.member_until &&
    member.level === values.level &&
    (member.volunteer ? 1 : 0) === values.volunteer &&
    JSON.stringify(member.certifications) === values.certifications
  );
}

export async function deleteMember(db: Db, issuerId: string, memberId: string): Promise<RosterMember | null> {
  const row = await db.deleteFrom('issuer_members').where('issuer_id', '=', issuerId).where('member_id', '=', memberId).returningAll().executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

/** The issuer's roster by member number, `limit` at a time after `cursor` (a member number). */
export async function listMembers(db: Db, issuerId: string, limit: number, cursor?: string): Promise<{ items: RosterMember[]; nextCursor: string | null }> {
  const rows = await db
    .selectFrom('issuer_members')
    .selectAll()
    .where('issuer_id', '=', issuerId)
    .$if(cursor !== undefined, (query) => query.where('member_id', '>', cursor!))
    .orderBy('member_id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(memberFromRow);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.memberId : null };
}

/** The memberships an account has linked, oldest first. */
export async function listLinkedMemberships(db: Db, accountId: string): Promise<(RosterMember & { issuerName: string })[]> {
  const rows = await db
    .selectFrom('issuer_members as m')
    .innerJoin('issuers as i', 'i.id', 'm.issuer_id')
    .selectAll('m')
    .select('i.name as issuer_name')
    .where('m.account_id', '=', accountId)
    .orderBy('m.linked_at')
    .orderBy('m.issuer_id')
    .execute();
  return rows.map((row) => ({ ...memberFromRow(row), issuerName: row.issuer_name }));
}

/**
 * Links the member to the account unless it is linked already (to anyone): one UPDATE guarded on
 * `account_id IS NULL`, so of two links at the same moment one wins. The account's earlier link at this
 * issuer, if any, is undone first (one membership per issuer and account).
 */
export async function linkMember(db: Db, issuerId: string, memberId: string, accountId: string, now: Date): Promise<boolean> {
  await db
    .updateTable('issuer_members')
    .set({ account_id: null, linked_at: null })
    .where('issuer_id', '=', issuerId)
    .where('account_id', '=', accountId)
    .where('member_id', '!=', memberId)
    .execute();
  const result = await db
    .updateTable('issuer_members')
    .set({ account_id: accountId, linked_at: now.toISOString() })
    .where('issuer_id', '=', issuerId)
    .where('member_id', '=', memberId)
    .where('account_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Undoes the account's link to the member; false when it was not linked to this account. */
export async function unlinkMember(db: Db, issuerId: string, memberId: string, accountId: string): Promise<boolean> {
  const result = await db
    .updateTable('issuer_members')
    .set({ account_id: null, linked_at: null })
    .where('issuer_id', '=', issuerId)
    .where('member_id', '=', memberId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** How long a link mailed to a member's roster address works. */
export const MEMBERSHIP_LINK_LIFETIME_MS = 48 * 60 * 60 * 1000;

/** Stores a new one-time link for the account to link the member (the secret only as its hash); returns the token. */
export async function createLinkRequest(db: Db, issuerId: string, memberId: string, accountId: string, now: Date): Promise<string> {
  const secret = newSecretToken();
  await db
    .insertInto('membership_link_requests')
    .values({
      id: secret.id,
      secret_hash: secret.secretHash,
      issuer_id: issuerId,
      member_id: memberId,
      account_id: accountId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + MEMBERSHIP_LINK_LIFETIME_MS).toISOString(),
    })
    .execute();
  return secret.token;
}

export interface LinkRequest {
  id: string;
  issuerId: string;
  memberId: string;
  accountId: string;
}

export type LinkRequestCheck = { ok: true; request: LinkRequest } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** Checks a link without using it up. Unknown and altered tokens are 'invalid'. */
export async function checkLinkRequest(db: Db, token: string, now: Date): Promise<LinkRequestCheck> {
  const check = await checkOneTimeSecret(token, (id) => db.selectFrom('membership_link_requests').selectAll().where('id', '=', id).executeTakeFirst(), now);
  if (!check.ok) return check;
  const { row } = check;
  return { ok: true, request: { id: row.id, issuerId: row.issuer_id, memberId: row.member_id, accountId: row.account_id } };
}

/** Uses a link up; false when it was used already (of two clicks at the same moment, one wins). */
export async function consumeLinkRequest(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('membership_link_requests').set({ used_at: now.toISOString() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
