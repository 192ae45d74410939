import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Skill badges an earner claims for themselves ("I can do this"), which no issuer vouches for yet: one row
 * per account and badge class. The row's id is the badge's public id: when a completion verifies the claim,
 * the row goes and an assertion with the same id takes its place (same page URL). Self-claims live apart
 * from `assertions` so that nothing reading issued badges (Open Badges documents, credentials, baked images,
 * certificates, issuer listings) can ever take one for an issuer's assertion.
 */
export const m012SelfClaims: Migration = {
  name: 'self-claimed skill badges',
  sqlite(db) {
    db.exec(`
      CREATE TABLE self_claims (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        UNIQUE (account_id, badge_class_id)
      ) STRICT;
      CREATE INDEX self_claims_badge_class ON self_claims(badge_class_id);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE self_claims (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        created_at text NOT NULL,
        UNIQUE (account_id, badge_class_id)
      );
      CREATE INDEX self_claims_badge_class ON self_claims(badge_class_id);
    `.execute(db);
  },
};
