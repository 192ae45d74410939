import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m003Sharing } from '../src/db/migrations/003-sharing';

function databaseAtVersion3() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 3);
  db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
  db.prepare("INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, created_at, updated_at) VALUES ('b1', 'i1', 'B', 'D', 'skill', 'C', 'x', 'x')").run();
  db.prepare("INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name, issued_on, created_at) VALUES ('a1', 'b1', 'e', 's', 'h', 'n', 'x', 'x')").run();
  return db;
}

describe('migration 003 (sharing counters)', () => {
  it('is the third migration', () => {
    expect(migrations.indexOf(m003Sharing)).toBe(2);
  });

  it('creates the daily counters table on a version 2 database', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'assertion_daily_counts'").get()).toBeUndefined();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    const columns = (db.prepare('PRAGMA table_info(assertion_daily_counts)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([['assertion_id', 1], ['event', 2], ['day', 3], ['count', 0]]);
  });

  it('keeps one row per assertion, event and day, and refuses unknown events, bad days and unknown badges', () => {
    const db = databaseAtVersion3();
    const insert = db.prepare('INSERT INTO assertion_daily_counts (assertion_id, event, day, count) VALUES (?, ?, ?, 1)');
    insert.run('a1', 'linkedin', '2026-03-10');
    expect(() => insert.run('a1', 'linkedin', '2026-03-10')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('a1', 'myspace', '2026-03-10')).toThrow(/CHECK/);
    expect(() => insert.run('a1', 'view', '10/03/2026')).toThrow(/CHECK/);
    expect(() => insert.run('nope', 'view', '2026-03-10')).toThrow(/FOREIGN KEY/);
  });

  it('drops the counters of a deleted badge', () => {
    const db = databaseAtVersion3();
    db.prepare("INSERT INTO assertion_daily_counts (assertion_id, event, day, count) VALUES ('a1', 'view', '2026-03-10', 3)").run();
    db.prepare("DELETE FROM assertions WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM assertion_daily_counts').get()).toEqual({ n: 0 });
  });
});
