import type { Selectable } from 'kysely';
import { randomId } from '../lib/crypto';
import { getBadgeClassesInOrder, type BadgeClass } from './badgeClasses';
import type { Db } from './engine';
import { issuerFromRow, type Issuer } from './issuers';
import type { SelfClaimsTable } from './schema';

/** A skill badge an earner claimed for themselves, not verified by its issuer yet. Its id is the badge's public id. */
export interface SelfClaim {
  id: string;
  accountId: string;
  badgeClassId: string;
  createdAt: string;
}

/** A self-claim with what a page or a verification shows: the badge class, its issuer and the earner's name. */
export interface SelfClaimRecord {
  claim: SelfClaim;
  badgeClass: BadgeClass;
  issuer: Issuer;
  holderName: string;
}

function selfClaimFromRow(row: Selectable<SelfClaimsTable>): SelfClaim {
  return { id: row.id, accountId: row.account_id, badgeClassId: row.badge_class_id, createdAt: row.created_at };
}

/**
 * The account's self-claim of the badge class, made now unless it has one: one INSERT that does nothing on the
 * (account, badge class) pair it already has, so any number of requests at once leave one row.
 */
export async function claimBadgeClass(db: Db, accountId: string, badgeClassId: string, now: Date): Promise<{ claim: SelfClaim; created: boolean }> {
  const inserted = await db
    .insertInto('self_claims')
    .values({ id: randomId(16), account_id: accountId, badge_class_id: badgeClassId, created_at: now.toISOString() })
    .onConflict((conflict) => conflict.columns(['account_id', 'badge_class_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { claim: selfClaimFromRow(inserted), created: true };
  const existing = await db.selectFrom('self_claims').selectAll().where('account_id', '=', accountId).where('badge_class_id', '=', badgeClassId).executeTakeFirstOrThrow();
  return { claim: selfClaimFromRow(existing), created: false };
}

function recordsQuery(db: Db) {
  return db
    .selectFrom('self_claims as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 's.badge_class_id', 's.created_at', 'a.first_name', 'a.last_name']);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['execute']>>[number];

async function recordsOf(db: Db, rows: RecordRow[]): Promise<SelfClaimRecord[]> {
  if (rows.length === 0) return [];
  const badgeClasses = new Map((await getBadgeClassesInOrder(db, [...new Set(rows.map((row) => row.badge_class_id))])).map((badgeClass) => [badgeClass.id, badgeClass]));
  const issuerIds = [...new Set([...badgeClasses.values()].map((badgeClass) => badgeClass.issuerId))];
  const issuers = new Map((await db.selectFrom('issuers').selectAll().where('id', 'in', issuerIds).execute()).map((row) => [row.id, issuerFromRow(row)]));
  return rows.map((row) => {
    const badgeClass = badgeClasses.get(row.badge_class_id)!;
    return {
      claim: selfClaimFromRow(row),
      badgeClass,
      issuer: issuers.get(badgeClass.issuerId)!,
      holderName: `${row.first_name} ${row.last_name}`.trim(),
    };
  });
}

/** Self-claims by id, with their badge classes and issuers; unknown ids are absent from the map. */
export async function getSelfClaimRecords(db: Db, ids: readonly string[]): Promise<Map<string, SelfClaimRecord>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const records = await recordsOf(db, await recordsQuery(db).where('s.id', 'in', unique).execute());
  return new Map(records.map((record) => [record.claim.id, record]));
}

export async function getSelfClaimRecord(db: Db, id: string): Promise<SelfClaimRecord | null> {
  return (await getSelfClaimRecords(db, [id])).get(id) ?? null;
}

/** The account's self-claims, newest first. */
export async function listAccountSelfClaims(db: Db, accountId: string): Promise<SelfClaimRecord[]> {
  return recordsOf(db, await recordsQuery(db).where('s.account_id', '=', accountId).orderBy('s.created_at', 'desc').orderBy('s.id').execute());
}

/** The account's self-claims of these badge classes. */
export async function selfClaimsOfBadgeClasses(db: Db, accountId: string, badgeClassIds: readonly string[]): Promise<SelfClaim[]> {
  if (badgeClassIds.length === 0) return [];
  const rows = await db.selectFrom('self_claims').selectAll().where('account_id', '=', accountId).where('badge_class_id', 'in', badgeClassIds).execute();
  return rows.map(selfClaimFromRow);
}

/**
 * Removes a self-claim (its owner's, when `accountId` is given); true for the one caller that removed it, so a
 * claim verified by two completions at the same moment is verified once.
 */
export async function removeSelfClaim(db: Db, id: string, accountId?: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('self_claims')
    .where('id', '=', id)
    .$if(accountId !== undefined, (query) => query.where('account_id', '=', accountId!))
    .returning('id')
    .executeTakeFirst();
  return removed !== undefined;
}
