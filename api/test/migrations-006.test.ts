import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m006VerificationCache } from '../src/db/migrations/006-verification-cache';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';

describe('migration 006 (verification cache of other sites’ badges)', () => {
  it('is the sixth migration', () => {
    expect(migrations.indexOf(m006VerificationCache)).toBe(5);
  });

  it('adds an empty cache with one row per key, holding millisecond times', async () => {
    const db = await testDb({ migrateTo: 5 });
    await migrate(db, 6);
    expect(await schemaVersion(db)).toBe(6);
    const insert = (key: string) => db.insertInto('verification_cache').values({ key, outcome: '{"status":"valid"}', expires_at: 4_102_444_800_000 }).execute();
    await insert('url https://badges.example/a');
    await expect(insert('url https://badges.example/a')).rejects.toThrow(VIOLATES.unique);
    expect(await db.selectFrom('verification_cache').selectAll().execute()).toEqual([
      { key: 'url https://badges.example/a', outcome: '{"status":"valid"}', expires_at: 4_102_444_800_000 },
    ]);
  });
});
