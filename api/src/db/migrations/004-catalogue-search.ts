import { sql } from 'kysely';
import type { Db } from '../engine';
import { reindexAllBadgeClasses } from '../search';
import type { Migration } from './index';

/**
 * Full-text search over the badge catalogue: an FTS5 table holding each badge class's name, description and
 * skills, kept in step with `badge_classes` by triggers.
 *
 * The FTS table keeps its own copy of the text (not an external-content table) and refers to badge classes by
 * their id: `badge_classes` has no INTEGER PRIMARY KEY, so its rowids may change on VACUUM and must not be
 * shared. The porter stemmer lets "welds" find "welding"; diacritics are folded ("Ångström" ~ "angstrom").
 *
 * PostgreSQL: a table of the same name holding each badge class's words (as `skillWords` gives them, written
 * by db/search.ts) and a weighted tsvector of them, with English stemming and no stop words (as porter), and
 * a trigram index (pg_trgm) so that a mistyped word can still find its badge.
 */
export const m004CatalogueSearch: Migration = {
  name: 'catalogue search: FTS5 index over badge class name, description and skills',
  sqlite(db) {
    db.exec(`
      CREATE VIRTUAL TABLE badge_classes_fts USING fts5(
        badge_class_id UNINDEXED,
        name,
        description,
        skills,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER badge_classes_fts_insert AFTER INSERT ON badge_classes BEGIN
        INSERT INTO badge_classes_fts (badge_class_id, name, description, skills)
        VALUES (new.id, new.name, new.description, (SELECT group_concat(value, ' ; ') FROM json_each(new.skills)));
      END;

      CREATE TRIGGER badge_classes_fts_update AFTER UPDATE OF id, name, description, skills ON badge_classes BEGIN
        DELETE FROM badge_classes_fts WHERE badge_class_id = old.id;
        INSERT INTO badge_classes_fts (badge_class_id, name, description, skills)
        VALUES (new.id, new.name, new.description, (SELECT group_concat(value, ' ; ') FROM json_each(new.skills)));
      END;

      CREATE TRIGGER badge_classes_fts_delete AFTER DELETE ON badge_classes BEGIN
        DELETE FROM badge_classes_fts WHERE badge_class_id = old.id;
      END;

      INSERT INTO badge_classes_fts (badge_class_id, name, description, skills)
      SELECT id, name, description, (SELECT group_concat(value, ' ; ') FROM json_each(skills)) FROM badge_classes;
    `);
  },
  async postgres(db) {
    await sql`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE TEXT SEARCH DICTIONARY badgelens_english_stem (TEMPLATE = snowball, LANGUAGE = english);
      CREATE TEXT SEARCH CONFIGURATION badgelens (COPY = simple);
      ALTER TEXT SEARCH CONFIGURATION badgelens
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH badgelens_english_stem;

      CREATE TABLE badge_classes_fts (
        badge_class_id text PRIMARY KEY REFERENCES badge_classes(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL,
        skills text NOT NULL,
        document tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('badgelens', name), 'A') ||
          setweight(to_tsvector('badgelens', skills), 'B') ||
          setweight(to_tsvector('badgelens', description), 'D')) STORED,
        search_text text GENERATED ALWAYS AS (name || ' ' || skills || ' ' || description) STORED
      );
      CREATE INDEX badge_classes_fts_document ON badge_classes_fts USING gin (document);
      CREATE INDEX badge_classes_fts_trigrams ON badge_classes_fts USING gin (search_text gin_trgm_ops);
    `.execute(db);
    await reindexAllBadgeClasses(db as Db);
  },
};
