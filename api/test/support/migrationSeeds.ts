// What the migration tests start from: a database migrated to just before the migration under test, and
// the few rows most of them need, with only the columns every version since the table's creation has.
import type { Insertable } from 'kysely';
import type { Db } from '../../src/db/connection';
import { migrations } from '../../src/db/migrations';
import type { Migration } from '../../src/db/migrations/index';
import type { Database } from '../../src/db/schema';
import { testDb } from './testDatabase';

export const AT = '2026-01-01T00:00:00.000Z';

/** A migration's version is its position in the list (the lead may renumber one at merge). */
export const versionOf = (migration: Migration): number => migrations.indexOf(migration) + 1;

/** A database migrated up to the version before `migration`. */
export const databaseJustBefore = (migration: Migration): Promise<Db> => testDb({ migrateTo: versionOf(migration) - 1 });

export const seedRows = {
  issuer: (id = 'i1'): Insertable<Database['issuers']> => ({ id, name: 'I', url: 'https://i.example', email: 'i@i.example', created_at: AT, updated_at: AT }),
  badgeClass: (extra: Partial<Insertable<Database['badge_classes']>> = {}): Insertable<Database['badge_classes']> => ({
    id: 'b1', issuer_id: 'i1', name: 'B', description: 'D', category: 'skill', criteria_narrative: 'C', created_at: AT, updated_at: AT, ...extra,
  }),
  assertion: (id = 'a1', extra: Partial<Insertable<Database['assertions']>> = {}): Insertable<Database['assertions']> => ({
    id, badge_class_id: 'b1', recipient_email: 'e@x.example', recipient_salt: 's', recipient_hash: 'h', recipient_name: 'n', issued_on: AT, created_at: AT, ...extra,
  }),
  account: (id: string, extra: Partial<Insertable<Database['accounts']>> = {}): Insertable<Database['accounts']> => ({
    id, first_name: 'Ada', last_name: 'Example', email: `${id}@x.example`, password_hash: 'h', created_at: AT, updated_at: AT, ...extra,
  }),
};

/** Issuer i1 and its badge class b1, which almost every migration test starts from. */
export async function seedIssuerAndBadgeClass(db: Db, badgeClass: Partial<Insertable<Database['badge_classes']>> = {}): Promise<void> {
  await db.insertInto('issuers').values(seedRows.issuer()).execute();
  await db.insertInto('badge_classes').values(seedRows.badgeClass(badgeClass)).execute();
}
