import { describe, expect, it } from 'vitest';
import { KeyEncryptionKey } from '../src/credentials/keys';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m008OpenBadges3 } from '../src/db/migrations/008-open-badges-3';
import { queueMissingCredentials } from '../src/ob3/worker';
import { PUBLIC_URL, testDb } from './helpers';
import { VIOLATES } from './support/constraints';

const VERSION = 8;
const AT = '2026-01-01T00:00:00.000Z';

async function databaseWithOneBadge() {
  const db = await testDb({ migrateTo: VERSION - 1 });
  await db.insertInto('issuers').values({ id: 'iss1', name: 'Old Guild', url: 'https://old.example', email: 'o@old.example', created_at: AT, updated_at: AT }).execute();
  await db
    .insertInto('badge_classes')
    .values({ id: 'bc1', issuer_id: 'iss1', name: 'Old Badge', description: 'D', category: 'skill', criteria_narrative: 'C', created_at: AT, updated_at: AT })
    .execute();
  await db
    .insertInto('assertions')
    .values({
      id: 'as1',
      badge_class_id: 'bc1',
      recipient_email: 'r@old.example',
      recipient_salt: 'salt',
      recipient_hash: `sha256$${'a'.repeat(64)}`,
      recipient_name: 'R',
      issued_on: AT,
      created_at: AT,
    })
    .execute();
  return db;
}

describe('migration 008 (Open Badges 3.0)', () => {
  it('is the eighth migration', () => {
    expect(migrations.indexOf(m008OpenBadges3) + 1).toBe(VERSION);
    expect(VERSION).toBe(8);
  });

  it('keeps every badge and issuer, and gives them nothing that needs KEY_ENCRYPTION_KEY', async () => {
    const db = await databaseWithOneBadge();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('assertions').select('id').execute()).toEqual([{ id: 'as1' }]);
    for (const table of ['issuer_keys', 'status_lists', 'assertion_credentials'] as const) {
      expect(await db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    }
    // The server (today's code, on the latest schema) queues the old badge afterwards.
    await migrate(db);
    expect(await queueMissingCredentials({ db, publicUrl: PUBLIC_URL, keyEncryptionKey: KeyEncryptionKey.generate(), now: () => new Date(AT) })).toBe(1);
    expect(await db.selectFrom('assertion_credentials').select(['assertion_id', 'issuer_id', 'list_number', 'signed_at']).execute()).toEqual([
      { assertion_id: 'as1', issuer_id: 'iss1', list_number: 1, signed_at: null },
    ]);
  });

  it('keeps one key per number, and no private half on a withdrawn key', async () => {
    const db = await databaseWithOneBadge();
    await migrate(db, VERSION);
    const key = (key_number: number, withdrawn: boolean, sealed: string | null) =>
      db
        .insertInto('issuer_keys')
        .values({ issuer_id: 'iss1', key_number, public_key_multibase: 'z6Mk', encrypted_private_key: sealed, created_at: AT, withdrawn_at: withdrawn ? AT : null })
        .execute();
    await key(1, false, 'v1.sealed');
    await expect(key(1, false, 'v1.other')).rejects.toThrow(VIOLATES.unique);
    await expect(key(2, true, 'v1.sealed')).rejects.toThrow(VIOLATES.check);
    await expect(key(3, false, null)).rejects.toThrow(VIOLATES.check);
    await expect(key(0, false, 'v1.sealed')).rejects.toThrow(VIOLATES.check);
    await key(4, true, null);
  });

  it('keeps status indexes unique per list, within lists of at least 131,072 entries', async () => {
    const db = await databaseWithOneBadge();
    await migrate(db, VERSION);
    await expect(db.insertInto('status_lists').values({ issuer_id: 'iss1', list_number: 1, length: 1024, created_at: AT }).execute()).rejects.toThrow(VIOLATES.check);
    await db.insertInto('status_lists').values({ issuer_id: 'iss1', list_number: 1, length: 131_072, created_at: AT }).execute();
    await db
      .insertInto('assertions')
      .values({ id: 'as2', badge_class_id: 'bc1', recipient_email: 'q@old.example', recipient_salt: 's', recipient_hash: 'h', recipient_name: 'Q', issued_on: AT, created_at: AT })
      .execute();
    const entry = (assertion_id: string, list_number: number, status_index: number, signed: boolean) =>
      db
        .insertInto('assertion_credentials')
        .values({ assertion_id, issuer_id: 'iss1', list_number, status_index, credential: '{}', created_at: AT, ...(signed ? { signed_at: AT, key_number: 1 } : {}) })
        .execute();
    await entry('as1', 1, 7, false);
    await expect(entry('as2', 1, 7, false)).rejects.toThrow(VIOLATES.unique);
    await expect(entry('as2', 2, 8, false)).rejects.toThrow(VIOLATES.foreignKey);
    await expect(entry('as2', 1, -1, false)).rejects.toThrow(VIOLATES.check);
    await expect(db.insertInto('assertion_credentials').values({ assertion_id: 'as2', issuer_id: 'iss1', list_number: 1, status_index: 9, credential: '{}', created_at: AT, signed_at: AT }).execute()).rejects.toThrow(VIOLATES.check);
    await expect(entry('nobody', 1, 10, false)).rejects.toThrow(VIOLATES.foreignKey);
    await entry('as2', 1, 8, true);
    await expect(entry('as2', 1, 11, false)).rejects.toThrow(VIOLATES.unique);
  });
});
