import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m009ImportedBadges } from '../src/db/migrations/009-imported-badges';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';

const AT = '2026-01-01T00:00:00.000Z';
const VERSION = migrations.indexOf(m009ImportedBadges) + 1;

function row(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    account_id: 'acc1',
    badge_key: 'https://badges.example/assertions/1',
    source_url: 'https://badges.example/assertions/1',
    credential: null,
    platform: 'openbadges',
    format: 'ob2-hosted' as const,
    status: 'valid' as const,
    badge: '{"name":"Welding"}',
    checked_at: AT,
    created_at: AT,
    ...overrides,
  };
}

describe('migration 009 (badges imported from other sites)', () => {
  it('comes after the account hardening of 007', () => {
    expect(VERSION).toBeGreaterThan(7);
  });

  it('adds imported_badges: one row per badge and account, public by default, gone with its account', async () => {
    const db = await testDb({ migrateTo: VERSION - 1 });
    await db
      .insertInto('accounts')
      .values({ id: 'acc1', first_name: 'Jo', last_name: 'Do', email: 'jo@x.example', password_hash: 'scrypt$…', email_verified_at: AT, created_at: AT, updated_at: AT })
      .execute();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);

    await db.insertInto('imported_badges').values(row('imp1')).execute();
    await expect(db.insertInto('imported_badges').values(row('imp2')).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.insertInto('imported_badges').values(row('imp3', { badge_key: 'k3', status: 'pending' })).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('imported_badges').values(row('imp4', { badge_key: 'k4', source_url: null })).execute()).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('imported_badges').values(row('imp5', { badge_key: 'k5', account_id: 'nobody' })).execute()).rejects.toThrow(VIOLATES.foreignKey);

    const stored = await db.selectFrom('imported_badges').selectAll().execute();
    expect(stored).toEqual([{ ...row('imp1'), is_public: 1 }]);

    await db.deleteFrom('accounts').where('id', '=', 'acc1').execute();
    expect(await db.selectFrom('imported_badges').selectAll().execute()).toEqual([]);
  });
});
