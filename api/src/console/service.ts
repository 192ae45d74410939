import { checkRows, rowsFromCsv } from '../bulk/rows';
import type { BadgeClass } from '../db/badgeClasses';
import { findBadgeHolders, type NewBulkRow } from '../db/bulkJobs';
import { transaction, type Db } from '../db/connection';
import { normaliseEmail } from '../lib/crypto';
import { getIssuer } from '../db/issuers';
import { queueMail } from '../earners/mail';
import { staffInvitationEmail } from '../mail/templates';
import { claimEmailTimes, createInvitation, eventTotals, recordAudit, type IssuedBadge, type StaffRole } from './data';
import { consoleUrls } from './urls';

/** What a console action is recorded with: who acted, for which issuer. */
export interface Actor {
  issuerId: string;
  accountId: string | null;
  email: string;
}

/** Roles, weakest first: a role may do everything the ones before it may. */
export const STAFF_ROLES = ['viewer', 'issuer', 'owner'] as const satisfies readonly StaffRole[];

export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

/**
 * Invites `email` to the issuer's staff: the one-time link, its email and the audit entry are stored
 * together. The operator's CLI invites with a null account.
 */
export async function inviteStaff(deps: { db: Db; publicUrl: string; now: () => Date }, actor: Actor, invitee: { email: string; role: StaffRole }): Promise<void> {
  const now = deps.now();
  await transaction(deps.db, async (db) => {
    const issuer = await getIssuer(db, actor.issuerId);
    if (!issuer) throw new Error(`no issuer ${actor.issuerId}`);
    const token = await createInvitation(db, { issuerId: issuer.id, email: invitee.email, role: invitee.role, invitedBy: actor.accountId }, now);
    const message = staffInvitationEmail({ to: invitee.email, issuerName: issuer.name, role: invitee.role, acceptUrl: consoleUrls(deps.publicUrl).invitation(token) });
    await queueMail({ db, publicUrl: deps.publicUrl }, message, now);
    await recordAudit(db, { ...actor, actorEmail: actor.email, action: 'staff.invite', subject: invitee.email, detail: `role ${invitee.role}` }, now);
  });
}

// --- Bulk upload preview

/** A row of an upload as the preview shows it: its problem (not issued), or whether the address already holds the badge (skipped). */
export interface PreviewRow extends NewBulkRow {
  holds: boolean;
}

/**
 * Every row of a CSV upload checked before anything is issued: its values (bad email, missing name,
 * bad dates), repeated addresses (the later rows are errors) and addresses that already hold the badge.
 * Throws BulkUploadError when the file as a whole cannot be read.
 */
export async function previewUpload(db: Db, badgeClass: Pick<BadgeClass, 'id' | 'attribute'>, csv: string, now: Date): Promise<PreviewRow[]> {
  const checked = checkRows(rowsFromCsv(csv), now, badgeClass.attribute);
  const firstRowOf = new Map<string, number>();
  const rows = checked.map((row) => {
    if (row.problem !== null) return row;
    const email = normaliseEmail(row.email);
    const first = firstRowOf.get(email);
    if (first !== undefined) return { ...row, problem: `duplicate row: ${row.email} is already on row ${first}` };
    firstRowOf.set(email, row.row);
    return row;
  });
  const holders = await findBadgeHolders(db, badgeClass.id, [...firstRowOf.keys()]);
  return rows.map((row) => ({ ...row, holds: row.problem === null && holders.has(normaliseEmail(row.email)) }));
}

// --- An issued badge's history

export interface HistoryEvent {
  at: string | null;
  what: string;
}

const EVENT_NAMES: Record<string, string> = {
  view: 'badge page viewed',
  linkedin_profile: 'added to a LinkedIn profile',
  linkedin_post: 'shared on LinkedIn',
};

/** What happened to an issued badge, from what the app keeps: issued, claim emails, the earner's decision, shares, revocation. */
export async function issuedBadgeHistory(db: Db, badge: IssuedBadge): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [{ at: badge.issuedOn, what: 'issued' }];
  const mails = await claimEmailTimes(db, badge.id);
  mails.forEach((at, index) => events.push({ at, what: index === 0 ? 'claim email queued' : 'claim email sent again' }));
  if (badge.claimState !== 'pending') events.push({ at: null, what: `${badge.claimState} by the recipient` });
  for (const total of await eventTotals(db, badge.id)) {
    events.push({ at: `${total.firstDay}T00:00:00.000Z`, what: `${EVENT_NAMES[total.event] ?? total.event} (${total.count}× since)` });
  }
  if (badge.revoked) events.push({ at: badge.revokedAt, what: `revoked: ${badge.revocationReason ?? ''}` });
  return events;
}
