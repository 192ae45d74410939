import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Analytics: when a badge was claimed (joined an earner's account), accepted and declined, and a daily
 * counter of the badges of this server verified through POST /api/v1/verify (one row per assertion and
 * UTC day, added to in place by the in-memory tally's flush, never a row per request).
 *
 * Badges claimed or decided before this migration get their issue time: the only time known for them.
 */
export const m017AnalyticsEvents: Migration = {
  name: 'analytics: claim and decision times, daily verification counters',
  sqlite(db) {
    db.exec(`
      ALTER TABLE assertions ADD COLUMN claimed_at TEXT;
      ALTER TABLE assertions ADD COLUMN accepted_at TEXT;
      ALTER TABLE assertions ADD COLUMN declined_at TEXT;
      UPDATE assertions SET claimed_at = created_at WHERE account_id IS NOT NULL;
      UPDATE assertions SET accepted_at = created_at WHERE claim_state = 'accepted';
      UPDATE assertions SET declined_at = created_at WHERE claim_state = 'declined';
      CREATE TABLE assertion_daily_verifications (
        assertion_id TEXT NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        count INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (assertion_id, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX assertion_daily_verifications_day ON assertion_daily_verifications(day);
    `);
  },
  async postgres(db) {
    await sql`
      ALTER TABLE assertions ADD COLUMN claimed_at text, ADD COLUMN accepted_at text, ADD COLUMN declined_at text;
      UPDATE assertions SET claimed_at = created_at WHERE account_id IS NOT NULL;
      UPDATE assertions SET accepted_at = created_at WHERE claim_state = 'accepted';
      UPDATE assertions SET declined_at = created_at WHERE claim_state = 'declined';
      CREATE TABLE assertion_daily_verifications (
        assertion_id text NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (assertion_id, day)
      );
      CREATE INDEX assertion_daily_verifications_day ON assertion_daily_verifications(day);
    `.execute(db);
  },
};
