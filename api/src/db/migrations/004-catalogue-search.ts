import type { Migration } from './index';

/**
 * Full-text search over the badge catalogue: an FTS5 table holding each badge class's name, description and
 * skills, kept in step with `badge_classes` by triggers.
 *
 * The FTS table keeps its own copy of the text (not an external-content table) and refers to badge classes by
 * their id: `badge_classes` has no INTEGER PRIMARY KEY, so its rowids may change on VACUUM and must not be
 * shared. The porter stemmer lets "welds" find "welding"; diacritics are folded ("Ångström" ~ "angstrom").
 */
export const m004CatalogueSearch: Migration = {
  name: 'catalogue search: FTS5 index over badge class name, description and skills',
  up(db) {
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
};
