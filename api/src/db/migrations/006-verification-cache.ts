import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Results of verifying other sites' badges, shared by every API node: one row per item (a URL or an
 * inline credential's hash), its outcome as JSON, until `expires_at` (milliseconds since the epoch).
 */
export const m006VerificationCache: Migration = {
  name: 'verification cache of other sites’ badges',
  sqlite(db) {
    db.exec(`
      CREATE TABLE verification_cache (
        key TEXT PRIMARY KEY,
        outcome TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX verification_cache_expiry ON verification_cache(expires_at);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE verification_cache (
        key text PRIMARY KEY,
        outcome text NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX verification_cache_expiry ON verification_cache(expires_at);
    `.execute(db);
  },
};
