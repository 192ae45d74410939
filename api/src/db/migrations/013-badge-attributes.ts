import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Levels and years (issue 17, item 4): a badge class may declare the attribute its badges
 * carry (kind and label, both or neither), an assertion holds its value as JSON (a number of years, a level's
 * text or the volunteer flag), and a bulk upload row the value given for it. Existing rows carry none.
 */
const KINDS = `('yearsActive', 'yearsExperience', 'level', 'volunteer')`;

export const m013BadgeAttributes: Migration = {
  name: 'badge attributes: levels and years',
  sqlite(db) {
    db.exec(`
      ALTER TABLE badge_classes ADD COLUMN attribute_kind TEXT CHECK (attribute_kind IN ${KINDS});
      ALTER TABLE badge_classes ADD COLUMN attribute_label TEXT
        CHECK ((attribute_kind IS NULL) = (attribute_label IS NULL) AND length(attribute_label) > 0);
      ALTER TABLE assertions ADD COLUMN attribute_value TEXT CHECK (json_valid(attribute_value));
      ALTER TABLE bulk_job_rows ADD COLUMN attribute_value TEXT CHECK (json_valid(attribute_value));
    `);
  },
  async postgres(db) {
    await sql`
      ALTER TABLE badge_classes ADD COLUMN attribute_kind text CHECK (attribute_kind IN ${sql.raw(KINDS)});
      ALTER TABLE badge_classes ADD COLUMN attribute_label text;
      ALTER TABLE badge_classes ADD CONSTRAINT badge_classes_attribute_whole
        CHECK ((attribute_kind IS NULL) = (attribute_label IS NULL) AND length(attribute_label) > 0);
      ALTER TABLE assertions ADD COLUMN attribute_value text CHECK (attribute_value IS NULL OR attribute_value::jsonb IS NOT NULL);
      ALTER TABLE bulk_job_rows ADD COLUMN attribute_value text CHECK (attribute_value IS NULL OR attribute_value::jsonb IS NOT NULL);
    `.execute(db);
  },
};
