import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('migration 002 (earners)', () => {
  it('keeps existing data, adds the earner tables and an owner column on assertions', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    db.prepare("INSERT INTO issuers (id, name, url, email, created_at, updated_at) VALUES ('i1', 'I', 'https://i.example', 'i@i.example', 'x', 'x')").run();
    db.prepare(
      "INSERT INTO badge_classes (id, issuer_id, name, description, category, criteria_narrative, created_at, updated_at) VALUES ('b1', 'i1', 'B', 'D', 'skill', 'C', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name, issued_on, created_at) VALUES ('a1', 'b1', 'e@x.example', 's', 'h', 'Ann', 'x', 'x')",
    ).run();

    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, recipient_name, claim_state, is_public, account_id FROM assertions').all()).toEqual([
      { id: 'a1', recipient_name: 'Ann', claim_state: 'pending', is_public: 1, account_id: null },
    ]);
    for (const table of ['accounts', 'account_emails', 'sessions', 'one_time_tokens', 'mail_queue', 'outbox']) expect(columns(db, table).length).toBeGreaterThan(0);

    db.prepare(
      "INSERT INTO accounts (id, first_name, last_name, email, password_hash, created_at, updated_at) VALUES ('acc1', 'Ann', 'Lee', 'e@x.example', 'h', 'x', 'x')",
    ).run();
    db.prepare("UPDATE assertions SET account_id = 'acc1' WHERE id = 'a1'").run();
    expect(() => db.prepare("UPDATE assertions SET account_id = 'nobody' WHERE id = 'a1'").run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO one_time_tokens (id, secret_hash, kind, created_at, expires_at) VALUES ('t', 'h', 'magic', 'x', 'x')").run(),
    ).toThrow(/CHECK/);
    // A verified address counts for one account only.
    db.prepare(
      "INSERT INTO accounts (id, first_name, last_name, email, password_hash, created_at, updated_at) VALUES ('acc2', 'Bo', 'Ng', 'bo@x.example', 'h', 'x', 'x')",
    ).run();
    db.prepare("INSERT INTO account_emails (account_id, email, verified_at, created_at) VALUES ('acc1', 'alt@x.example', 'x', 'x')").run();
    expect(() =>
      db.prepare("INSERT INTO account_emails (account_id, email, verified_at, created_at) VALUES ('acc2', 'alt@x.example', 'x', 'x')").run(),
    ).toThrow(/UNIQUE/);
    // Deleting an account leaves its badges (owner cleared) and removes its emails.
    db.prepare("DELETE FROM accounts WHERE id = 'acc1'").run();
    expect(db.prepare("SELECT account_id FROM assertions WHERE id = 'a1'").get()).toEqual({ account_id: null });
    expect(db.prepare('SELECT count(*) AS n FROM account_emails').get()).toEqual({ n: 0 });
  });
});
