// SQLite's side of migration 004: the FTS5 table and the triggers that keep it in step with raw writes.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteHandle } from '../../src/db/engine';
import { migrate } from '../../src/db/migrate';
import { testDb } from '../helpers';

/** The better-sqlite3 handle of a fresh test database at `version` (these tests read FTS5 directly). */
async function rawAt(version: number): Promise<{ db: Database.Database; migrateTo(version: number): Promise<void> }> {
  const kysely = await testDb({ migrateTo: version });
  return { db: sqliteHandle(kysely)!, migrateTo: (to) => migrate(kysely, to) };
}

function insertBadgeClass(db: Database.Database, id: string, name: string, description: string, skills: string[]) {
  db.prepare(
    "INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, skills, created_at, updated_at) VALUES (?, 'i1', ?, ?, 'skill', 'C', ?, 'x', 'x')",
  ).run(id, name, description, JSON.stringify(skills));
}

function matching(db: Database.Database, expression: string): string[] {
  return (db.prepare('SELECT badge_class_id FROM badge_classes_fts WHERE badge_classes_fts MATCH ? ORDER BY badge_class_id').pluck().all(expression) as string[]);
}

describe('migration 004 (catalogue search)', () => {
  it('indexes the badge classes that existed before it, skills as words rather than JSON', async () => {
    const { db, migrateTo } = await rawAt(3);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    insertBadgeClass(db, 'b1', 'GTAW Pipe', 'Pipe joints.', ['TIG', 'pipe welding']);
    insertBadgeClass(db, 'b2', 'Forklift', 'Drives a forklift.', []);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'badge_classes_fts'").get()).toBeUndefined();
    await migrateTo(4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(matching(db, 'skills:tig')).toEqual(['b1']);
    expect(matching(db, 'forklift')).toEqual(['b2']);
    const skills = db.prepare("SELECT skills FROM badge_classes_fts WHERE badge_class_id = 'b1'").pluck().get();
    expect(skills).toBe('TIG ; pipe welding');
  });

  it('keeps the index in step on insert, update of the searched columns and delete', async () => {
    const { db } = await rawAt(4);
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

  it('folds diacritics and stems words', async () => {
    const { db } = await rawAt(4);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    insertBadgeClass(db, 'b1', 'Soudage à l’arc', 'Welds plates.', []);
    expect(matching(db, 'a')).toEqual(['b1']);
    expect(matching(db, 'welding')).toEqual(['b1']);
  });
});
