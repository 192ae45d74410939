import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m005SharedState } from '../src/db/migrations/005-shared-state';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';

describe('migration 005 (shared state: mail leases, rate-limit counters)', () => {
  it('is the fifth migration', () => {
    expect(migrations.indexOf(m005SharedState)).toBe(4);
  });

  it('keeps queued mail, adding empty leases to it', async () => {
    const db = await testDb({ migrateTo: 4 });
    await db
      .insertInto('mail_queue')
      .values({ to_address: 'a@x.example', subject: 'S', html: '<p>H</p>', text: 'H', next_attempt_at: '2026-01-01T00:00:00.000Z', created_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    await migrate(db, 5);
    expect(await schemaVersion(db)).toBe(5);
    expect(await db.selectFrom('mail_queue').select(['to_address', 'status', 'lease_until', 'lease_token']).execute()).toEqual([
      { to_address: 'a@x.example', status: 'queued', lease_until: null, lease_token: null },
    ]);
    // New mail gets the next id after the existing one, on both engines (inserted as the code of version 5 did).
    await db
      .insertInto('mail_queue')
      .values({ to_address: 'b@x.example', subject: 'S', html: 'H', text: 'H', next_attempt_at: '2026-01-01T00:00:00.000Z', created_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    expect((await db.selectFrom('mail_queue').select('id').orderBy('id').execute()).map((mail) => mail.id)).toEqual([1, 2]);
  });

  it('creates one counter per rule and client, holding millisecond times', async () => {
    const db = await testDb({ migrateTo: 5 });
    const insert = (client: string, hits: number) =>
      db.insertInto('rate_limit_counters').values({ rule: 'login', client, window_ends_at: 4_102_444_800_000, hits }).execute();
    await insert('192.0.2.1', 1);
    await expect(insert('192.0.2.1', 1)).rejects.toThrow(VIOLATES.unique);
    await expect(insert('192.0.2.2', 0)).rejects.toThrow(VIOLATES.check);
    expect(await db.selectFrom('rate_limit_counters').selectAll().execute()).toEqual([
      { rule: 'login', client: '192.0.2.1', window_ends_at: 4_102_444_800_000, hits: 1 },
    ]);
  });
});
