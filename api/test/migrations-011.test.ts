import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m011BulkJobs } from '../src/db/migrations/011-bulk-jobs';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, seedRows, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m011BulkJobs);

/** A database just before this migration, holding an issuer, a badge class and an assertion. */
async function databaseBefore() {
  const db = await databaseJustBefore(m011BulkJobs);
  await seedIssuerAndBadgeClass(db);
  await db.insertInto('assertions').values(seedRows.assertion()).execute();
  return db;
}

const job = (id: string, total = 2) => ({ id, issuer_id: 'i1', badge_class_id: 'b1', total, created_at: AT, updated_at: AT });
const row = (jobId: string, number: number) => ({ job_id: jobId, row: number, email: `r${number}@x.example`, name: 'R' });

describe('migration 011 (bulk issuing jobs)', () => {
  it('is registered once, after the account hardening', () => {
    expect(migrations.filter((migration) => migration === m011BulkJobs)).toHaveLength(1);
    expect(VERSION).toBeGreaterThanOrEqual(8);
  });

  it('adds the job tables and keeps what was there', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('assertions').select('id').execute()).toEqual([{ id: 'a1' }]);
    await db.insertInto('bulk_jobs').values(job('j1')).execute();
    await db.insertInto('bulk_job_rows').values([row('j1', 1), row('j1', 2)]).execute();
    expect(await db.selectFrom('bulk_jobs').select(['state', 'processed', 'issued', 'skipped', 'errors']).execute()).toEqual([
      { state: 'queued', processed: 0, issued: 0, skipped: 0, errors: 0 },
    ]);
    expect(await db.selectFrom('bulk_job_rows').select(['row', 'status']).orderBy('row').execute()).toEqual([
      { row: 1, status: 'pending' },
      { row: 2, status: 'pending' },
    ]);
  });

  it('refuses a row numbered twice, an assertion issued by two rows, unknown states and counters that do not add up', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('bulk_jobs').values(job('j1')).execute();
    await db.insertInto('bulk_job_rows').values(row('j1', 1)).execute();
    await expect(db.insertInto('bulk_job_rows').values(row('j1', 1)).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('bulk_job_rows').values(row('j1', 0)).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('bulk_job_rows').values(row('no-such-job', 1)).execute()).rejects.toThrow(VIOLATES.foreignKey);
    await db.insertInto('bulk_job_rows').values({ ...row('j1', 2), status: 'issued', assertion_id: 'a1' }).execute();
    await expect(db.insertInto('bulk_job_rows').values({ ...row('j1', 3), status: 'issued', assertion_id: 'a1' }).execute()).rejects.toThrow(VIOLATES.unique);
    // A skipped row names the assertion the email already holds: several rows may.
    await db.insertInto('bulk_job_rows').values({ ...row('j1', 4), status: 'skipped', assertion_id: 'a1' }).execute();
    await db.insertInto('bulk_job_rows').values({ ...row('j1', 5), status: 'skipped', assertion_id: 'a1' }).execute();
    await expect(db.updateTable('bulk_job_rows').set({ status: 'lost' as never }).where('row', '=', 1).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('bulk_jobs').set({ state: 'paused' as never }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('bulk_jobs').set({ processed: 1 }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.updateTable('bulk_jobs').set({ processed: 3, issued: 3 }).execute()).rejects.toThrow(VIOLATES.check);
    await db.updateTable('bulk_jobs').set({ processed: 2, issued: 1, errors: 1 }).execute();
  });

  it('goes with its badge class', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    await db.insertInto('bulk_jobs').values(job('j1')).execute();
    await db.insertInto('bulk_job_rows').values(row('j1', 1)).execute();
    await db.deleteFrom('assertions').execute();
    await db.deleteFrom('badge_classes').execute();
    expect(await db.selectFrom('bulk_jobs').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('bulk_job_rows').select('row').execute()).toEqual([]);
  });
});
