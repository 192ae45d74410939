import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Badges an earner brought from elsewhere (Credly, Accredible, Badgr, any Open Badges 2.0/3.0 badge):
 * one row per badge and account (`badge_key`: the badge's assertion or credential id, so importing
 * it again keeps one row). `source_url` or `credential` is what it was verified from, kept to check it
 * again; `badge` is the verified badge as JSON; `status` and `checked_at` the latest check.
 */
export const m009ImportedBadges: Migration = {
  name: 'badges imported from other sites',
  sqlite(db) {
    db.exec(`
      CREATE TABLE imported_badges (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        badge_key TEXT NOT NULL,
        source_url TEXT,
        credential TEXT,
        platform TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('ob2-hosted','ob3')),
        status TEXT NOT NULL CHECK (status IN ('valid','expired','revoked')),
        badge TEXT NOT NULL,
        is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0,1)),
        checked_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (source_url IS NOT NULL OR credential IS NOT NULL),
        UNIQUE (account_id, badge_key)
      ) STRICT;
      CREATE INDEX imported_badges_account ON imported_badges(account_id, created_at);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE imported_badges (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        badge_key text NOT NULL,
        source_url text,
        credential text,
        platform text NOT NULL,
        format text NOT NULL CHECK (format IN ('ob2-hosted','ob3')),
        status text NOT NULL CHECK (status IN ('valid','expired','revoked')),
        badge text NOT NULL,
        is_public integer NOT NULL DEFAULT 1 CHECK (is_public IN (0,1)),
        checked_at text NOT NULL,
        created_at text NOT NULL,
        CHECK (source_url IS NOT NULL OR credential IS NOT NULL),
        UNIQUE (account_id, badge_key)
      );
      CREATE INDEX imported_badges_account ON imported_badges(account_id, created_at);
    `.execute(db);
  },
};
