import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Earner accounts and everything around them: alternate emails, sessions, one-time tokens (claim,
 * activation, password reset, alternate-email verification), the outgoing mail queue, the local
 * outbox used when no mail server is configured, and the owner of each assertion.
 * Secrets (passwords, session and one-time tokens) are only ever stored as hashes.
 */
export const m002Earners: Migration = {
  name: 'earners: accounts, emails, sessions, one-time tokens, mail queue, outbox, assertion owner',
  sqlite(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        email_verified_at TEXT,
        failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_at TEXT,
        workplace TEXT,
        professional_title TEXT,
        linkedin_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE account_emails (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        verified_at TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (account_id, email)
      ) STRICT;
      -- An address counts for one account only, once verified.
      CREATE UNIQUE INDEX account_emails_verified ON account_emails(email) WHERE verified_at IS NOT NULL;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('cookie','bearer')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE one_time_tokens (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('claim','activation','reset','alt_email')),
        account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
        assertion_id TEXT REFERENCES assertions(id) ON DELETE CASCADE,
        email TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT;
      CREATE INDEX one_time_tokens_account ON one_time_tokens(account_id);
      CREATE INDEX one_time_tokens_assertion ON one_time_tokens(assertion_id);

      CREATE TABLE mail_queue (
        id INTEGER PRIMARY KEY,
        to_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        sent_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mail_queue_due ON mail_queue(status, next_attempt_at);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        to_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE assertions ADD COLUMN account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL;
      CREATE INDEX assertions_account ON assertions(account_id);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE accounts (
        id text PRIMARY KEY,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        email_verified_at text,
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_at text,
        workplace text,
        professional_title text,
        linkedin_url text,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );

      CREATE TABLE account_emails (
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email text NOT NULL,
        verified_at text,
        created_at text NOT NULL,
        PRIMARY KEY (account_id, email)
      );
      CREATE UNIQUE INDEX account_emails_verified ON account_emails(email) WHERE verified_at IS NOT NULL;

      CREATE TABLE sessions (
        id text PRIMARY KEY,
        secret_hash text NOT NULL,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('cookie','bearer')),
        created_at text NOT NULL,
        expires_at text NOT NULL
      );
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE one_time_tokens (
        id text PRIMARY KEY,
        secret_hash text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('claim','activation','reset','alt_email')),
        account_id text REFERENCES accounts(id) ON DELETE CASCADE,
        assertion_id text REFERENCES assertions(id) ON DELETE CASCADE,
        email text,
        created_at text NOT NULL,
        expires_at text NOT NULL,
        used_at text
      );
      CREATE INDEX one_time_tokens_account ON one_time_tokens(account_id);
      CREATE INDEX one_time_tokens_assertion ON one_time_tokens(assertion_id);

      CREATE TABLE mail_queue (
        id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        to_address text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at text NOT NULL,
        last_error text,
        sent_at text,
        created_at text NOT NULL
      );
      CREATE INDEX mail_queue_due ON mail_queue(status, next_attempt_at);

      CREATE TABLE outbox (
        id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        to_address text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        created_at text NOT NULL
      );

      ALTER TABLE assertions ADD COLUMN account_id text REFERENCES accounts(id) ON DELETE SET NULL;
      CREATE INDEX assertions_account ON assertions(account_id);
    `.execute(db);
  },
};
