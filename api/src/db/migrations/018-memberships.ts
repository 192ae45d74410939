import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Linked memberships (issue 17, item 3). `issuer_members` is an issuer's roster, one row per member number:
 * the member's address, name, dates, level, volunteer flag and certifications (JSON `[{badgeId, since,
 * yearsActive?}]`), and the account that linked it (at most one account per member, one member per issuer
 * per account). `membership_link_requests` are the one-time links sent to a member's roster address: the
 * secret is kept only as a SHA-256 hash, each link names the account that asked for it and works once.
 * `membership_badges` remembers which badge each roster entry gave its linked earner, so that roster changes
 * update (or expire) those badges and never others the earner holds.
 */
export const m018Memberships: Migration = {
  name: 'linked memberships',
  sqlite(db) {
    db.exec(`
      CREATE TABLE issuer_members (
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        member_id TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        member_since TEXT NOT NULL,
        member_until TEXT,
        level TEXT,
        volunteer INTEGER NOT NULL DEFAULT 0 CHECK (volunteer IN (0, 1)),
        certifications TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(certifications)),
        account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
        linked_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (issuer_id, member_id),
        UNIQUE (issuer_id, account_id)
      ) STRICT;
      CREATE INDEX issuer_members_account ON issuer_members(account_id);
      CREATE TABLE membership_link_requests (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        issuer_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        FOREIGN KEY (issuer_id, member_id) REFERENCES issuer_members(issuer_id, member_id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX membership_link_requests_member ON membership_link_requests(issuer_id, member_id);
      CREATE INDEX membership_link_requests_account ON membership_link_requests(account_id);
      CREATE TABLE membership_badges (
        issuer_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        assertion_id TEXT NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        PRIMARY KEY (issuer_id, member_id, badge_class_id),
        FOREIGN KEY (issuer_id, member_id) REFERENCES issuer_members(issuer_id, member_id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX membership_badges_assertion ON membership_badges(assertion_id);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE issuer_members (
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        member_id text NOT NULL CHECK (length(member_id) BETWEEN 1 AND 64),
        email text NOT NULL,
        name text NOT NULL,
        member_since text NOT NULL,
        member_until text,
        level text,
        volunteer integer NOT NULL DEFAULT 0 CHECK (volunteer IN (0, 1)),
        certifications text NOT NULL DEFAULT '[]' CHECK (certifications::jsonb IS NOT NULL),
        account_id text REFERENCES accounts(id) ON DELETE SET NULL,
        linked_at text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        PRIMARY KEY (issuer_id, member_id),
        UNIQUE (issuer_id, account_id)
      );
      CREATE INDEX issuer_members_account ON issuer_members(account_id);
      CREATE TABLE membership_link_requests (
        id text PRIMARY KEY,
        secret_hash text NOT NULL,
        issuer_id text NOT NULL,
        member_id text NOT NULL,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at text NOT NULL,
        expires_at text NOT NULL,
        used_at text,
        FOREIGN KEY (issuer_id, member_id) REFERENCES issuer_members(issuer_id, member_id) ON DELETE CASCADE
      );
      CREATE INDEX membership_link_requests_member ON membership_link_requests(issuer_id, member_id);
      CREATE INDEX membership_link_requests_account ON membership_link_requests(account_id);
      CREATE TABLE membership_badges (
        issuer_id text NOT NULL,
        member_id text NOT NULL,
        badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        assertion_id text NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,
        PRIMARY KEY (issuer_id, member_id, badge_class_id),
        FOREIGN KEY (issuer_id, member_id) REFERENCES issuer_members(issuer_id, member_id) ON DELETE CASCADE
      );
      CREATE INDEX membership_badges_assertion ON membership_badges(assertion_id);
    `.execute(db);
  },
};
