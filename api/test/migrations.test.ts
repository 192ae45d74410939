import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/connection';
import { DatabaseTooNewError, migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-db-'));
  dirs.push(dir);
  return join(dir, 'nested', 'badgelens.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('openDb', () => {
  it('creates the folder, turns on WAL, foreign keys and a busy timeout, and migrates to the latest version', () => {
    const path = tempDbPath();
    const db = openDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('reopening an existing database keeps its data and does not migrate again', () => {
    const path = tempDbPath();
    const first = openDb(path);
    first.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'Kept', 'https://k.example', 'k@k.example', 'x', 'x')").run();
    first.close();
    const second = openDb(path);
    expect(second.prepare('SELECT name FROM issuers').all()).toEqual([{ name: 'Kept' }]);
    expect(schemaVersion(second)).toBe(migrations.length);
    second.close();
  });

  it('refuses a database written by newer code', () => {
    const path = tempDbPath();
    openDb(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDb(path)).toThrow(DatabaseTooNewError);
  });
});

describe('migration 001 (core)', () => {
  it('creates the core tables with their constraints', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['assertions', 'badge_classes', 'issuer_api_keys', 'issuers']));
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    const insertBadge = db.prepare(
      "INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, created_at, updated_at) VALUES (?, ?, 'B', 'D', ?, 'C', 'x', 'x')",
    );
    expect(() => insertBadge.run('b0', 'i1', 'hobby')).toThrow(/CHECK/);
    expect(() => insertBadge.run('b1', 'no-such-issuer', 'skill')).toThrow(/FOREIGN KEY/);
    insertBadge.run('b2', 'i1', 'skill');
    const insertAssertion = db.prepare(
      "INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name, issued_on, claim_state, created_at) VALUES (?, 'b2', 'e', 's', 'h', 'n', 'x', ?, 'x')",
    );
    expect(() => insertAssertion.run('a0', 'lost')).toThrow(/CHECK/);
    insertAssertion.run('a1', 'pending');
    db.prepare("DELETE FROM issuers WHERE id = 'i1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM assertions').get()).toEqual({ n: 0 });
  });

  it('rolls a failing migration back whole and leaves the version unchanged', () => {
    const db = new Database(':memory:');
    migrate(db);
    const latest = migrations.length;
    db.exec('CREATE TABLE blocker (x)');
    const broken = { name: 'broken', up: (d: Database.Database) => { d.exec('CREATE TABLE half_done (y)'); d.exec('CREATE TABLE blocker (x)'); } };
    migrations.push(broken);
    try {
      expect(() => migrate(db)).toThrow();
    } finally {
      migrations.pop();
    }
    expect(tableNames(db)).not.toContain('half_done');
    expect(schemaVersion(db)).toBe(latest);
  });
});
