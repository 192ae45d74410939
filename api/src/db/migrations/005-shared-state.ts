import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * State that used to live in one process's memory, for running several API nodes on one database:
 * - mail_queue leases: a worker holds a message until `lease_until` while it sends it, under a random
 *   `lease_token`; a node that dies mid-send lets its lease run out and another node sends the message.
 * - rate_limit_counters: one fixed-window counter per rule and client, counted by an atomic upsert.
 */
export const m005SharedState: Migration = {
  name: 'shared state: mail queue leases, rate-limit counters',
  sqlite(db) {
    db.exec(`
      ALTER TABLE mail_queue ADD COLUMN lease_until TEXT;
      ALTER TABLE mail_queue ADD COLUMN lease_token TEXT;

      CREATE TABLE rate_limit_counters (
        rule TEXT NOT NULL,
        client TEXT NOT NULL,
        window_ends_at INTEGER NOT NULL,
        hits INTEGER NOT NULL CHECK (hits > 0),
        PRIMARY KEY (rule, client)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rate_limit_counters_window ON rate_limit_counters(window_ends_at);
    `);
  },
  async postgres(db) {
    await sql`
      ALTER TABLE mail_queue ADD COLUMN lease_until text, ADD COLUMN lease_token text;

      CREATE TABLE rate_limit_counters (
        rule text NOT NULL,
        client text NOT NULL,
        window_ends_at bigint NOT NULL,
        hits integer NOT NULL CHECK (hits > 0),
        PRIMARY KEY (rule, client)
      );
      CREATE INDEX rate_limit_counters_window ON rate_limit_counters(window_ends_at);
    `.execute(db);
  },
};
