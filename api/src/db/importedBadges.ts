// Badges earners imported from other sites (table imported_badges, migration 009).
import type { Selectable } from 'kysely';
import type { VerifiedBadge, VerifyFormat } from '../../../shared/schemas/verify';
import { randomId } from '../lib/crypto';
import type { Db } from './engine';
import type { ImportedBadgesTable } from './schema';

export type ImportedStatus = ImportedBadgesTable['status'];

export interface ImportedBadge {
  id: string;
  accountId: string;
  badgeKey: string;
  sourceUrl: string | null;
  credential: string | null;
  platform: string;
  format: VerifyFormat;
  status: ImportedStatus;
  badge: VerifiedBadge;
  isPublic: boolean;
  checkedAt: string;
  createdAt: string;
}

export type NewImportedBadge = Pick<ImportedBadge, 'accountId' | 'badgeKey' | 'sourceUrl' | 'credential' | 'platform' | 'format' | 'status' | 'badge' | 'checkedAt'>;

/** Imported ids never look like an assertion id of this server (those have no `imp_`). */
export const IMPORTED_ID_PREFIX = 'imp_';

export function isImportedId(id: string): boolean {
  return id.startsWith(IMPORTED_ID_PREFIX);
}

function fromRow(row: Selectable<ImportedBadgesTable>): ImportedBadge {
  return {
    id: row.id,
    accountId: row.account_id,
    badgeKey: row.badge_key,
    sourceUrl: row.source_url,
    credential: row.credential,
    platform: row.platform,
    format: row.format,
    status: row.status,
    badge: JSON.parse(row.badge) as VerifiedBadge,
    isPublic: row.is_public === 1,
    checkedAt: row.checked_at,
    createdAt: row.created_at,
  };
}

/**
 * Stores a verified badge for an account, once: when the account already holds a badge with the same
 * key, that one is kept (its latest check updated) and `created` is false. One statement, so two
 * imports of the same badge at once still make one row.
 */
export async function saveImportedBadge(db: Db, input: NewImportedBadge, now = new Date()): Promise<{ badge: ImportedBadge; created: boolean }> {
  const id = `${IMPORTED_ID_PREFIX}${randomId(16)}`;
  const inserted = await db
    .insertInto('imported_badges')
    .values({
      id,
      account_id: input.accountId,
      badge_key: input.badgeKey,
      source_url: input.sourceUrl,
      credential: input.credential,
      platform: input.platform,
      format: input.format,
      status: input.status,
      badge: JSON.stringify(input.badge),
      checked_at: input.checkedAt,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['account_id', 'badge_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { badge: fromRow(inserted), created: true };
  await db
    .updateTable('imported_badges')
    .set({ status: input.status, badge: JSON.stringify(input.badge), checked_at: input.checkedAt })
    .where('account_id', '=', input.accountId)
    .where('badge_key', '=', input.badgeKey)
    .execute();
  const existing = await db.selectFrom('imported_badges').selectAll().where('account_id', '=', input.accountId).where('badge_key', '=', input.badgeKey).executeTakeFirstOrThrow();
  return { badge: fromRow(existing), created: false };
}

/** The account's imported badges, newest first. */
export async function listImportedBadges(db: Db, accountId: string): Promise<ImportedBadge[]> {
  const rows = await db.selectFrom('imported_badges').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(fromRow);
}

export async function getImportedBadge(db: Db, id: string): Promise<ImportedBadge | null> {
  const row = await db.selectFrom('imported_badges').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Records a later check of a badge (its status may have changed since the import). */
export async function updateImportedStatus(db: Db, id: string, status: ImportedStatus, badge: VerifiedBadge, checkedAt: string): Promise<void> {
  await db.updateTable('imported_badges').set({ status, badge: JSON.stringify(badge), checked_at: checkedAt }).where('id', '=', id).where('checked_at', '<', checkedAt).execute();
}

export async function setImportedPublic(db: Db, accountId: string, id: string, isPublic: boolean): Promise<boolean> {
  const result = await db.updateTable('imported_badges').set({ is_public: isPublic ? 1 : 0 }).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes one of the account's imported badges; false when it holds none with this id. */
export async function deleteImportedBadge(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('imported_badges').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countImportedBadges(db: Db, accountId: string): Promise<number> {
  const { n } = await db
    .selectFrom('imported_badges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(n);
}
