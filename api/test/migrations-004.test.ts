import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m004CatalogueSearch } from '../src/db/migrations/004-catalogue-search';

function insertBadgeClass(db: Database.Database, id: string, name: string, description: string, skills: string[]) {
  db.prepare(
    "INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, skills, created_at, updated_at) VALUES (?, 'i1', ?, ?, 'skill', 'C', ?, 'x', 'x')",
  ).run(id, name, description, JSON.stringify(skills));
}

function matching(db: Database.Database, expression: string): string[] {
  return (db.prepare('SELECT badge_class_id FROM badge_classes_fts WHERE badge_classes_fts MATCH ? ORDER BY badge_class_id').pluck().all(expression) as string[]);
}

describe('migration 004 (catalogue search)', () => {
  it('is the fourth migration', () => {
    expect(migrations.indexOf(m004CatalogueSearch)).toBe(3);
  });

  it('indexes the badge classes that existed before it, skills as words rather than JSON', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    insertBadgeClass(db, 'b1', 'GTAW Pipe', 'Pipe joints.', ['TIG', 'pipe welding']);
    insertBadgeClass(db, 'b2', 'Forklift', 'Drives a forklift.', []);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'badge_classes_fts'").get()).toBeUndefined();
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(matching(db, 'skills:tig')).toEqual(['b1']);
    expect(matching(db, 'forklift')).toEqual(['b2']);
    const skills = db.prepare("SELECT skills FROM badge_classes_fts WHERE badge_class_id = 'b1'").pluck().get();
    expect(skills).toBe('TIG ; pipe welding');
  });

  it('keeps the index in step on insert, update of the searched columns and delete', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    insertBadgeClass(db, 'b1', 'Structural Plate', 'Covered electrodes.', ['SMAW']);
    expect(matching(db, 'smaw')).toEqual(['b1']);
    db.prepare("UPDATE badge_classes SET skills = '[\"FCAW\"]', name = 'Structural Wire' WHERE id = 'b1'").run();
    expect(matching(db, 'smaw')).toEqual([]);
    expect(matching(db, 'fcaw AND wire')).toEqual(['b1']);
    db.prepare("UPDATE badge_classes SET category = 'knowledge' WHERE id = 'b1'").run();
    expect(db.prepare('SELECT count(*) FROM badge_classes_fts').pluck().get()).toBe(1);
    db.prepare("DELETE FROM badge_classes WHERE id = 'b1'").run();
    expect(matching(db, 'fcaw')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM badge_classes_fts').pluck().get()).toBe(0);
  });

  it('folds diacritics and stems words', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    insertBadgeClass(db, 'b1', 'Soudage à l’arc', 'Welds plates.', []);
    expect(matching(db, 'a')).toEqual(['b1']);
    expect(matching(db, 'welding')).toEqual(['b1']);
  });
});
