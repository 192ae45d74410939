import { sql } from 'kysely';
import type { Migration } from './index';

export const m001Core: Migration = {
  name: 'core: issuers, api keys, badge classes, assertions',
  sqlite(db) {
    db.exec(`
      CREATE TABLE issuers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        email TEXT NOT NULL,
        description TEXT,
        image TEXT,
        linkedin_org_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE issuer_api_keys (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        key_hash TEXT NOT NULL UNIQUE,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE badge_classes (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        image TEXT,
        category TEXT NOT NULL CHECK (category IN
          ('knowledge','skill','certification','career','education','membership')),
        criteria_narrative TEXT NOT NULL,
        requirements TEXT NOT NULL DEFAULT '[]',
        skills TEXT NOT NULL DEFAULT '[]',
        alignment TEXT NOT NULL DEFAULT '[]',
        validity_months INTEGER CHECK (validity_months IS NULL OR validity_months > 0),
        offers_certificate INTEGER NOT NULL DEFAULT 0 CHECK (offers_certificate IN (0,1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX badge_classes_issuer ON badge_classes(issuer_id);
      CREATE INDEX badge_classes_category ON badge_classes(category, name);

      CREATE TABLE assertions (
        id TEXT PRIMARY KEY,
        badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        recipient_email TEXT NOT NULL,
        recipient_salt TEXT NOT NULL,
        recipient_hash TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        expires TEXT,
        evidence_url TEXT,
        narrative TEXT,
        revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0,1)),
        revocation_reason TEXT,
        revoked_at TEXT,
        claim_state TEXT NOT NULL DEFAULT 'pending' CHECK (claim_state IN ('pending','accepted','declined')),
        is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0,1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assertions_badge_class_page ON assertions(badge_class_id, created_at, id);
      CREATE INDEX assertions_recipient_email ON assertions(recipient_email);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE issuers (
        id text PRIMARY KEY,
        name text NOT NULL,
        url text NOT NULL,
        email text NOT NULL,
        description text,
        image text,
        linkedin_org_id text,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );

      CREATE TABLE issuer_api_keys (
        id text PRIMARY KEY,
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        key_hash text NOT NULL UNIQUE,
        label text,
        created_at text NOT NULL,
        revoked_at text
      );

      CREATE TABLE badge_classes (
        id text PRIMARY KEY,
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL,
        image text,
        category text NOT NULL CHECK (category IN
          ('knowledge','skill','certification','career','education','membership')),
        criteria_narrative text NOT NULL,
        requirements text NOT NULL DEFAULT '[]',
        skills text NOT NULL DEFAULT '[]',
        alignment text NOT NULL DEFAULT '[]',
        validity_months integer CHECK (validity_months IS NULL OR validity_months > 0),
        offers_certificate integer NOT NULL DEFAULT 0 CHECK (offers_certificate IN (0,1)),
        created_at text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE INDEX badge_classes_issuer ON badge_classes(issuer_id);
      CREATE INDEX badge_classes_category ON badge_classes(category, name);

      CREATE TABLE assertions (
        id text PRIMARY KEY,
        badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        recipient_email text NOT NULL,
        recipient_salt text NOT NULL,
        recipient_hash text NOT NULL,
        recipient_name text NOT NULL,
        issued_on text NOT NULL,
        expires text,
        evidence_url text,
        narrative text,
        revoked integer NOT NULL DEFAULT 0 CHECK (revoked IN (0,1)),
        revocation_reason text,
        revoked_at text,
        claim_state text NOT NULL DEFAULT 'pending' CHECK (claim_state IN ('pending','accepted','declined')),
        is_public integer NOT NULL DEFAULT 1 CHECK (is_public IN (0,1)),
        created_at text NOT NULL
      );
      CREATE INDEX assertions_badge_class_page ON assertions(badge_class_id, created_at, id);
      CREATE INDEX assertions_recipient_email ON assertions(recipient_email);
    `.execute(db);
  },
};
