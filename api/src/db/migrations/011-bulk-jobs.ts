import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Bulk issuing (POST /api/v1/badges/:id/assertions/bulk): a job per upload and one row per line of it.
 * Each row moves once from `pending` to `issued`, `skipped` or `error`, in the same transaction as the
 * assertion and email it makes, so a crash never half-writes a chunk and never issues a row twice. A job
 * is worked on by the node holding its lease (`lease_token` until `lease_until`), as the mail queue does.
 */
export const m011BulkJobs: Migration = {
  name: 'bulk issuing jobs and their rows',
  sqlite(db) {
    db.exec(`
      CREATE TABLE bulk_jobs (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        total INTEGER NOT NULL CHECK (total >= 0),
        processed INTEGER NOT NULL DEFAULT 0,
        issued INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        failure TEXT,
        lease_until TEXT,
        lease_token TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (processed = issued + skipped + errors AND processed <= total)
      ) STRICT;
      CREATE INDEX bulk_jobs_due ON bulk_jobs(state, created_at);

      CREATE TABLE bulk_job_rows (
        job_id TEXT NOT NULL REFERENCES bulk_jobs(id) ON DELETE CASCADE,
        row INTEGER NOT NULL CHECK (row >= 1),
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        evidence_url TEXT,
        narrative TEXT,
        expires TEXT,
        problem TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'skipped', 'error')),
        assertion_id TEXT REFERENCES assertions(id) ON DELETE SET NULL,
        PRIMARY KEY (job_id, row)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX bulk_job_rows_issued ON bulk_job_rows(assertion_id) WHERE status = 'issued';
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE bulk_jobs (
        id text PRIMARY KEY,
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        total integer NOT NULL CHECK (total >= 0),
        processed integer NOT NULL DEFAULT 0,
        issued integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        failure text,
        lease_until text,
        lease_token text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        CHECK (processed = issued + skipped + errors AND processed <= total)
      );
      CREATE INDEX bulk_jobs_due ON bulk_jobs(state, created_at);

      CREATE TABLE bulk_job_rows (
        job_id text NOT NULL REFERENCES bulk_jobs(id) ON DELETE CASCADE,
        "row" integer NOT NULL CHECK ("row" >= 1),
        email text NOT NULL,
        name text NOT NULL,
        evidence_url text,
        narrative text,
        expires text,
        problem text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'skipped', 'error')),
        assertion_id text REFERENCES assertions(id) ON DELETE SET NULL,
        PRIMARY KEY (job_id, "row")
      );
      CREATE UNIQUE INDEX bulk_job_rows_issued ON bulk_job_rows(assertion_id) WHERE status = 'issued';
    `.execute(db);
  },
};
