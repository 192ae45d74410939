import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Open Badges 3.0 (issue 13): what signing and revocation need, shared by every node.
 * - issuer_keys: each issuer's Ed25519 keys (key-1, key-2 …), the private half sealed under the
 *   KEY_ENCRYPTION_KEY (never in clear; emptied when the key is withdrawn).
 * - status_lists: each issuer's Bitstring Status Lists. `version` grows whenever a bit may have
 *   changed (a revocation, a key withdrawal); the signed list credential is stored with the version it
 *   shows, so it is signed once per state, not per request.
 * - assertion_credentials: each badge's place in a status list (a random index, unique per list) and
 *   its credential: null while it is to be built from the badge's current data, the unsigned document
 *   once frozen (its badge class or issuer is being edited), the signed one from `signed_at` on,
 *   written exactly once. Rows not yet signed are the signing queue (leases as in mail_queue).
 * Existing issuers and badges get their keys and rows later, from the server (keys need the
 * KEY_ENCRYPTION_KEY, which a migration never sees).
 */
export const m008OpenBadges3: Migration = {
  name: 'open badges 3.0: issuer keys, status lists, signed credentials and their queue',
  sqlite(db) {
    db.exec(`
      CREATE TABLE issuer_keys (
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        key_number INTEGER NOT NULL CHECK (key_number > 0),
        public_key_multibase TEXT NOT NULL,
        encrypted_private_key TEXT,
        created_at TEXT NOT NULL,
        withdrawn_at TEXT,
        CHECK ((withdrawn_at IS NULL) = (encrypted_private_key IS NOT NULL)),
        PRIMARY KEY (issuer_id, key_number)
      ) STRICT;

      CREATE TABLE status_lists (
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        list_number INTEGER NOT NULL CHECK (list_number > 0),
        length INTEGER NOT NULL CHECK (length >= 131072 AND length % 8 = 0),
        version INTEGER NOT NULL DEFAULT 0,
        signed_credential TEXT,
        signed_version INTEGER,
        created_at TEXT NOT NULL,
        PRIMARY KEY (issuer_id, list_number)
      ) STRICT;

      CREATE TABLE assertion_credentials (
        assertion_id TEXT PRIMARY KEY REFERENCES assertions(id) ON DELETE CASCADE,
        issuer_id TEXT NOT NULL,
        list_number INTEGER NOT NULL,
        status_index INTEGER NOT NULL CHECK (status_index >= 0),
        credential TEXT,
        signed_at TEXT,
        key_number INTEGER,
        created_at TEXT NOT NULL,
        lease_until TEXT,
        lease_token TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        CHECK ((signed_at IS NULL) = (key_number IS NULL)),
        CHECK (signed_at IS NULL OR credential IS NOT NULL),
        FOREIGN KEY (issuer_id, list_number) REFERENCES status_lists(issuer_id, list_number) ON DELETE CASCADE,
        UNIQUE (issuer_id, list_number, status_index)
      ) STRICT;
      CREATE INDEX assertion_credentials_unsigned ON assertion_credentials(created_at) WHERE signed_at IS NULL;
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE issuer_keys (
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        key_number integer NOT NULL CHECK (key_number > 0),
        public_key_multibase text NOT NULL,
        encrypted_private_key text,
        created_at text NOT NULL,
        withdrawn_at text,
        CHECK ((withdrawn_at IS NULL) = (encrypted_private_key IS NOT NULL)),
        PRIMARY KEY (issuer_id, key_number)
      );

      CREATE TABLE status_lists (
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        list_number integer NOT NULL CHECK (list_number > 0),
        length integer NOT NULL CHECK (length >= 131072 AND length % 8 = 0),
        version integer NOT NULL DEFAULT 0,
        signed_credential text,
        signed_version integer,
        created_at text NOT NULL,
        PRIMARY KEY (issuer_id, list_number)
      );

      CREATE TABLE assertion_credentials (
        assertion_id text PRIMARY KEY REFERENCES assertions(id) ON DELETE CASCADE,
        issuer_id text NOT NULL,
        list_number integer NOT NULL,
        status_index integer NOT NULL CHECK (status_index >= 0),
        credential text,
        signed_at text,
        key_number integer,
        created_at text NOT NULL,
        lease_until text,
        lease_token text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CHECK ((signed_at IS NULL) = (key_number IS NULL)),
        CHECK (signed_at IS NULL OR credential IS NOT NULL),
        FOREIGN KEY (issuer_id, list_number) REFERENCES status_lists(issuer_id, list_number) ON DELETE CASCADE,
        UNIQUE (issuer_id, list_number, status_index)
      );
      CREATE INDEX assertion_credentials_unsigned ON assertion_credentials(created_at) WHERE signed_at IS NULL;
    `.execute(db);
  },
};
