import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Accounts, mail and counters hardened against races and abuse (docs/security.md, "Accounts"):
 * - accounts: sign-in attempts in flight (`login_attempts_pending`, forgotten after
 *   `login_attempts_until`), so the lockout counts a check before it runs; `credential_version`, raised
 *   whenever the password changes, and stored with each session, so a session born from an old password
 *   never works.
 * - one_time_tokens: an activation link carries the registration it confirms (password hash and names):
 *   whoever registered an address first cannot impose their password on the mailbox's owner.
 * - mail_queue: `message_id`, fixed when the message is queued, so a resend after a crash is recognisable.
 * - assertion_event_clients: which clients (keyed by a hash with a daily salt, never an address) a badge's
 *   view and share counters already counted today; counter_salts holds each day's salt.
 * - declined badges are never public: rows that say otherwise are corrected.
 */
export const m007AccountHardening: Migration = {
  name: 'account hardening: sign-in attempts, credential versions, registrations, Message-IDs, counted clients',
  sqlite(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN login_attempts_pending INTEGER NOT NULL DEFAULT 0 CHECK (login_attempts_pending >= 0);
      ALTER TABLE accounts ADD COLUMN login_attempts_until TEXT;
      ALTER TABLE accounts ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE one_time_tokens ADD COLUMN password_hash TEXT;
      ALTER TABLE one_time_tokens ADD COLUMN first_name TEXT;
      ALTER TABLE one_time_tokens ADD COLUMN last_name TEXT;

      ALTER TABLE mail_queue ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
      UPDATE mail_queue SET message_id = '<' || lower(hex(randomblob(16))) || '@badgelens.invalid>';

      CREATE TABLE counter_salts (
        day TEXT PRIMARY KEY,
        salt TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE assertion_event_clients (
        assertion_id TEXT NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        day TEXT NOT NULL,
        client_hash TEXT NOT NULL,
        address_hash TEXT NOT NULL,
        PRIMARY KEY (assertion_id, event, day, client_hash)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX assertion_event_clients_address ON assertion_event_clients(assertion_id, event, day, address_hash);
      CREATE INDEX assertion_event_clients_day ON assertion_event_clients(day);

      UPDATE assertions SET is_public = 0 WHERE claim_state = 'declined' AND is_public = 1;
    `);
  },
  async postgres(db) {
    await sql`
      ALTER TABLE accounts
        ADD COLUMN login_attempts_pending integer NOT NULL DEFAULT 0 CHECK (login_attempts_pending >= 0),
        ADD COLUMN login_attempts_until text,
        ADD COLUMN credential_version integer NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN credential_version integer NOT NULL DEFAULT 0;

      ALTER TABLE one_time_tokens ADD COLUMN password_hash text, ADD COLUMN first_name text, ADD COLUMN last_name text;

      ALTER TABLE mail_queue ADD COLUMN message_id text NOT NULL DEFAULT '';
      UPDATE mail_queue SET message_id = '<' || md5(random()::text || id::text) || '@badgelens.invalid>';

      CREATE TABLE counter_salts (
        day text PRIMARY KEY,
        salt text NOT NULL
      );

      CREATE TABLE assertion_event_clients (
        assertion_id text NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        event text NOT NULL,
        day text NOT NULL,
        client_hash text NOT NULL,
        address_hash text NOT NULL,
        PRIMARY KEY (assertion_id, event, day, client_hash)
      );
      CREATE INDEX assertion_event_clients_address ON assertion_event_clients(assertion_id, event, day, address_hash);
      CREATE INDEX assertion_event_clients_day ON assertion_event_clients(day);

      UPDATE assertions SET is_public = 0 WHERE claim_state = 'declined' AND is_public = 1;
    `.execute(db);
  },
};
