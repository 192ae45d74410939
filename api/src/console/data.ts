import { sql } from 'kysely';
import { transaction, type Db } from '../db/connection';
import { lockKeyForTransaction } from '../db/locks';
import { issuerFromRow, type Issuer } from '../db/issuers';
import type { StaffRole } from '../db/schema';
import { checkOneTimeSecret, newSecretToken } from '../earners/secrets';
import { normaliseEmail } from '../lib/crypto';

export type { StaffRole } from '../db/schema';

/** An invitation link works for a week. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface StaffMember {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
  since: string;
}

/** The person's role at the issuer, or null when they are not its staff. */
export async function staffRole(db: Db, issuerId: string, accountId: string): Promise<StaffRole | null> {
  const row = await db.selectFrom('issuer_staff').select('role').where('issuer_id', '=', issuerId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.role ?? null;
}

export async function issuersOfAccount(db: Db, accountId: string): Promise<{ issuer: Issuer; role: StaffRole }[]> {
  const rows = await db
    .selectFrom('issuer_staff as s')
    .innerJoin('issuers as i', 'i.id', 's.issuer_id')
    .selectAll('i')
    .select('s.role')
    .where('s.account_id', '=', accountId)
    .orderBy('i.name')
    .execute();
  return rows.map(({ role, ...issuer }) => ({ issuer: issuerFromRow(issuer), role }));
}

export async function isIssuerStaff(db: Db, accountId: string): Promise<boolean> {
  return (await db.selectFrom('issuer_staff').select('issuer_id').where('account_id', '=', accountId).limit(1).executeTakeFirst()) !== undefined;
}

export async function listStaff(db: Db, issuerId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('issuer_staff as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.account_id', 'a.email', 'a.first_name', 'a.last_name', 's.role', 's.created_at'])
    .where('s.issuer_id', '=', issuerId)
    .orderBy('a.email')
    .execute();
  return rows.map((row) => ({ accountId: row.account_id, email: row.email, firstName: row.first_name, lastName: row.last_name, role: row.role, since: row.created_at }));
}

/** Makes the account staff of the issuer; someone already on the staff keeps their role. */
export async function addStaff(db: Db, issuerId: string, accountId: string, role: StaffRole, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('issuer_staff')
    .values({ issuer_id: issuerId, account_id: accountId, role, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['issuer_id', 'account_id']).doNothing())
    .execute();
}

export type StaffChange = 'ok' | 'not_found' | 'last_owner';

/**
 * Changes a member's role (or removes them with role null). An issuer always keeps one owner: the
 * check and the change run under one lock per issuer, so two owners demoting each other cannot both win.
 */
export async function changeStaff(db: Db, issuerId: string, accountId: string, role: StaffRole | null, now: Date): Promise<StaffChange> {
  return transaction(db, async (trx) => {
    await lockKeyForTransaction(trx, `issuer-staff:${issuerId}`);
    const current = await staffRole(trx, issuerId, accountId);
    if (!current) return 'not_found';
    if (current === 'owner' && role !== 'owner') {
      const { n } = await trx
        .selectFrom('issuer_staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('issuer_id', '=', issuerId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1) return 'last_owner';
    }
    const target = trx.updateTable('issuer_staff').where('issuer_id', '=', issuerId).where('account_id', '=', accountId);
    if (role === null) await trx.deleteFrom('issuer_staff').where('issuer_id', '=', issuerId).where('account_id', '=', accountId).execute();
    else await target.set({ role, updated_at: now.toISOString() }).execute();
    return 'ok';
  });
}

// --- Invitations

export interface Invitation {
  id: string;
  issuerId: string;
  email: string;
  role: StaffRole;
  expiresAt: string;
}

export async function createInvitation(db: Db, invitation: { issuerId: string; email: string; role: StaffRole; invitedBy: string | null }, now: Date): Promise<string> {
  const secret = newSecretToken();
  await db
    .insertInto('issuer_staff_invitations')
    .values({
      id: secret.id,
      secret_hash: secret.secretHash,
      issuer_id: invitation.issuerId,
      email: normaliseEmail(invitation.email),
      role: invitation.role,
      invited_by: invitation.invitedBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
    })
    .execute();
  return secret.token;
}

export type InvitationCheck = { ok: true; invitation: Invitation } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function checkInvitation(db: Db, token: string, now: Date): Promise<InvitationCheck> {
  const check = await checkOneTimeSecret(token, (id) => db.selectFrom('issuer_staff_invitations').selectAll().where('id', '=', id).executeTakeFirst(), now);
  if (!check.ok) return check;
  const { row } = check;
  return { ok: true, invitation: { id: row.id, issuerId: row.issuer_id, email: row.email, role: row.role, expiresAt: row.expires_at } };
}

/** Uses the invitation up and makes the account staff, together; false when it was used meanwhile. */
export async function acceptInvitation(db: Db, invitation: Invitation, accountId: string, now: Date): Promise<boolean> {
  return transaction(db, async (trx) => {
    const used = await trx
      .updateTable('issuer_staff_invitations')
      .set({ used_at: now.toISOString() })
      .where('id', '=', invitation.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows !== 1n) return false;
    await addStaff(trx, invitation.issuerId, accountId, invitation.role, now);
    return true;
  });
}

export async function listOpenInvitations(db: Db, issuerId: string, now: Date): Promise<{ id: string; email: string; role: StaffRole; expiresAt: string }[]> {
  const rows = await db
    .selectFrom('issuer_staff_invitations')
    .select(['id', 'email', 'role', 'expires_at'])
    .where('issuer_id', '=', issuerId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, email: row.email, role: row.role, expiresAt: row.expires_at }));
}

// --- Audit log

export interface AuditEntry {
  id: number;
  actorEmail: string;
  action: string;
  subject: string | null;
  detail: string | null;
  createdAt: string;
}

export async function recordAudit(
  db: Db,
  entry: { issuerId: string; accountId: string | null; actorEmail: string; action: string; subject?: string | null; detail?: string | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto('console_audit_log')
    .values({
      issuer_id: entry.issuerId,
      account_id: entry.accountId,
      actor_email: entry.actorEmail,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function listAudit(db: Db, issuerId: string, limit = 200): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('console_audit_log').selectAll().where('issuer_id', '=', issuerId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, actorEmail: row.actor_email, action: row.action, subject: row.subject, detail: row.detail, createdAt: row.created_at }));
}

// --- API keys

export interface ApiKeyListing {
  id: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(db: Db, issuerId: string): Promise<ApiKeyListing[]> {
  const rows = await db
    .selectFrom('issuer_api_keys')
    .select(['id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('issuer_id', '=', issuerId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at }));
}

/** Revokes one of the issuer's live keys; false for another issuer's, unknown or already revoked keys. */
export async function revokeApiKey(db: Db, issuerId: string, keyId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('issuer_api_keys')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', keyId)
    .where('issuer_id', '=', issuerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// --- Badge classes and issued badges

export interface BadgeClassSummary {
  id: string;
  name: string;
  category: string;
  archivedAt: string | null;
  issued: number;
  accepted: number;
  revoked: number;
}

export async function listBadgeClassSummaries(db: Db, issuerId: string): Promise<BadgeClassSummary[]> {
  const rows = await db
    .selectFrom('badge_classes as b')
    .leftJoin('assertions as a', 'a.badge_class_id', 'b.id')
    .select(['b.id', 'b.name', 'b.category', 'b.archived_at'])
    .select((eb) => [
      eb.fn.count<number>('a.id').as('issued'),
      sql<number>`coalesce(sum(case when a.claim_state = 'accepted' then 1 else 0 end), 0)`.as('accepted'),
      sql<number>`coalesce(sum(a.revoked), 0)`.as('revoked'),
    ])
    .where('b.issuer_id', '=', issuerId)
    .groupBy(['b.id', 'b.name', 'b.category', 'b.archived_at'])
    .orderBy('b.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    category: row.category,
    archivedAt: row.archived_at ?? null,
    issued: Number(row.issued),
    accepted: Number(row.accepted),
    revoked: Number(row.revoked),
  }));
}

/** Archives or restores one of the issuer's badge classes; false when it is not theirs. */
export async function setBadgeClassArchived(db: Db, issuerId: string, badgeClassId: string, archived: boolean, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('badge_classes')
    .set({ archived_at: archived ? now.toISOString() : null })
    .where('id', '=', badgeClassId)
    .where('issuer_id', '=', issuerId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export type IssuedState = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface IssuedBadgeFilter {
  assertionId?: string;
  q?: string;
  state?: IssuedState;
  badgeClassId?: string;
  from?: string;
  to?: string;
}

export interface IssuedBadge {
  id: string;
  badgeClassId: string;
  badgeClassName: string;
  recipientName: string;
  recipientEmail: string;
  issuedOn: string;
  expires: string | null;
  claimState: string;
  revoked: boolean;
  revocationReason: string | null;
  revokedAt: string | null;
}

/** The issuer's badges matching the filter, newest first (`limit` of them). */
export async function findIssuedBadges(db: Db, issuerId: string, filter: IssuedBadgeFilter, now: Date, limit: number): Promise<IssuedBadge[]> {
  const at = now.toISOString();
  let query = db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select([
      'a.id',
      'a.badge_class_id',
      'b.name as badge_class_name',
      'a.recipient_name',
      'a.recipient_email',
      'a.issued_on',
      'a.expires',
      'a.claim_state',
      'a.revoked',
      'a.revocation_reason',
      'a.revoked_at',
    ])
    .where('b.issuer_id', '=', issuerId)
    // Badges of deleted accounts keep no recipient: nothing to manage.
    .where('a.recipient_email', '<>', '');
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([sql<boolean>`lower(a.recipient_name) like ${pattern} escape '\\'`, sql<boolean>`lower(a.recipient_email) like ${pattern} escape '\\'`]),
    );
  }
  if (filter.assertionId) query = query.where('a.id', '=', filter.assertionId);
  if (filter.badgeClassId) query = query.where('a.badge_class_id', '=', filter.badgeClassId);
  if (filter.from) query = query.where('a.issued_on', '>=', filter.from);
  if (filter.to) query = query.where('a.issued_on', '<', filter.to);
  switch (filter.state) {
    case 'revoked':
      query = query.where('a.revoked', '=', 1);
      break;
    case 'expired':
      query = query.where('a.revoked', '=', 0).where('a.expires', '<=', at);
      break;
    case 'pending':
    case 'accepted':
    case 'declined':
      query = query.where('a.revoked', '=', 0).where('a.claim_state', '=', filter.state);
      break;
  }
  const rows = await query.orderBy('a.issued_on', 'desc').orderBy('a.id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    badgeClassId: row.badge_class_id,
    badgeClassName: row.badge_class_name,
    recipientName: row.recipient_name,
    recipientEmail: row.recipient_email,
    issuedOn: row.issued_on,
    expires: row.expires,
    claimState: row.claim_state,
    revoked: row.revoked === 1,
    revocationReason: row.revocation_reason,
    revokedAt: row.revoked_at,
  }));
}

/** When the claim emails of a badge were queued (one per claim link). */
export async function claimEmailTimes(db: Db, assertionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('one_time_tokens')
    .select('created_at')
    .where('assertion_id', '=', assertionId)
    .where('kind', '=', 'claim')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.created_at);
}

/** Shares and views of a badge per event, summed over all days. */
export async function eventTotals(db: Db, assertionId: string): Promise<{ event: string; count: number; firstDay: string }[]> {
  const rows = await db
    .selectFrom('assertion_daily_counts')
    .select(['event'])
    .select((eb) => [eb.fn.sum<number>('count').as('count'), eb.fn.min<string>('day').as('first_day')])
    .where('assertion_id', '=', assertionId)
    .groupBy('event')
    .orderBy('event')
    .execute();
  return rows.map((row) => ({ event: row.event, count: Number(row.count), firstDay: row.first_day }));
}

/**
 * Puts badges' Open Badges 3.0 credentials back in the signing queue, to be built from the badges'
 * current data and signed again (after a name correction). Badges without a credential are left alone.
 */
export async function requeueCredentials(db: Db, assertionIds: readonly string[]): Promise<void> {
  if (assertionIds.length === 0) return;
  await db
    .updateTable('assertion_credentials')
    .set({ credential: null, signed_at: null, key_number: null, lease_until: null, lease_token: null, attempts: 0, last_error: null })
    .where('assertion_id', 'in', assertionIds)
    .execute();
}
