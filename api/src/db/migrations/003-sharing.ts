import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Daily counters of badge page views and tracked shares. One row per assertion, event and UTC day,
 * incremented in place: following a link a million times grows a number, never the table.
 */
export const m003Sharing: Migration = {
  name: 'sharing: daily view and share counters per assertion',
  sqlite(db) {
    db.exec(`
      CREATE TABLE assertion_daily_counts (
        assertion_id TEXT NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        event TEXT NOT NULL CHECK (event IN ('view','linkedin','linkedin-profile','x','facebook','email')),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        count INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (assertion_id, event, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX assertion_daily_counts_day ON assertion_daily_counts(day);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE assertion_daily_counts (
        assertion_id text NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        event text NOT NULL CHECK (event IN ('view','linkedin','linkedin-profile','x','facebook','email')),
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (assertion_id, event, day)
      );
      CREATE INDEX assertion_daily_counts_day ON assertion_daily_counts(day);
    `.execute(db);
  },
};
