import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * The skill vocabulary's editable half: each issuer's synonyms for a skill its badge classes declare
 * (the skills themselves stay on `badge_classes.skills`). `skill_key` is the skill's words as
 * `termKey` gives them, so "Flux-Cored" and "flux cored" share one row; `synonyms` is a JSON array.
 *
 * SQLite also gets an fts5vocab table over the catalogue index: the indexed terms a mistyped word of a
 * search is compared with (PostgreSQL reads the same from `ts_stat`).
 */
export const m014SkillVocabulary: Migration = {
  name: 'skill vocabulary: synonyms per issuer and skill, indexed terms for forgiving search',
  sqlite(db) {
    db.exec(`
      CREATE TABLE skill_synonyms (
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        skill_key TEXT NOT NULL CHECK (length(skill_key) > 0),
        skill TEXT NOT NULL,
        synonyms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(synonyms) AND json_type(synonyms) = 'array'),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (issuer_id, skill_key)
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE badge_classes_fts_terms USING fts5vocab(badge_classes_fts, row);
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE skill_synonyms (
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        skill_key text NOT NULL CHECK (length(skill_key) > 0),
        skill text NOT NULL,
        synonyms text NOT NULL DEFAULT '[]' CHECK (json_typeof(synonyms::json) = 'array'),
        updated_at text NOT NULL,
        PRIMARY KEY (issuer_id, skill_key)
      )
    `.execute(db);
  },
};
