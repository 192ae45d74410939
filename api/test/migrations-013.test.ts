import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m013BadgeAttributes } from '../src/db/migrations/013-badge-attributes';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m013BadgeAttributes);

/** A database just before this migration, holding an issuer, a badge class, an assertion and a bulk row. */
async function databaseBefore() {
  const db = await databaseJustBefore(m013BadgeAttributes);
  await seedIssuerAndBadgeClass(db, { category: 'certification' });
  await db.insertInto('assertions').values(seedRows.assertion()).execute();
  await db.insertInto('bulk_jobs').values({ id: 'j1', issuer_id: 'i1', badge_class_id: 'b1', total: 1, created_at: AT, updated_at: AT }).execute();
  await db.insertInto('bulk_job_rows').values({ job_id: 'j1', row: 1, email: 'r@x.example', name: 'R' }).execute();
  return db;
}

describe('migration 013 (badge attributes)', () => {
  it('is registered once, after the bulk jobs', () => {
    expect(migrations.filter((migration) => migration === m013BadgeAttributes)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(12);
  });

  it('adds the attribute columns, empty on the rows that were there', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('badge_classes').select(['id', 'attribute_kind', 'attribute_label']).execute()).toEqual([
      { id: 'b1', attribute_kind: null, attribute_label: null },
    ]);
    expect(await db.selectFrom('assertions').select(['id', 'attribute_value']).execute()).toEqual([{ id: 'a1', attribute_value: null }]);
    expect(await db.selectFrom('bulk_job_rows').select(['row', 'attribute_value']).execute()).toEqual([{ row: 1, attribute_value: null }]);
    await db.updateTable('badge_classes').set({ attribute_kind: 'yearsActive', attribute_label: 'Years as CWI' }).execute();
    await db.updateTable('assertions').set({ attribute_value: '12' }).execute();
    await db.updateTable('bulk_job_rows').set({ attribute_value: '"Gold"' }).execute();
    expect(await db.selectFrom('assertions').select('attribute_value').executeTakeFirst()).toEqual({ attribute_value: '12' });
  });

  it('refuses an unknown kind, a kind without a label (or the reverse), an empty label and values that are not JSON', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await expect(db.updateTable('badge_classes').set({ attribute_kind: 'height' as never, attribute_label: 'H' }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('badge_classes').set({ attribute_kind: 'level' }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('badge_classes').set({ attribute_label: 'Level' }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('badge_classes').set({ attribute_kind: 'level', attribute_label: '' }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('assertions').set({ attribute_value: 'Gold' }).execute()).rejects.toThrow();
    await expect(db.updateTable('bulk_job_rows').set({ attribute_value: '{' }).execute()).rejects.toThrow();
    expect(await db.selectFrom('assertions').select('attribute_value').executeTakeFirst()).toEqual({ attribute_value: null });
  });
});
