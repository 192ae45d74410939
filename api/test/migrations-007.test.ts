import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getAccount } from '../src/db/accounts';
import { getAssertion } from '../src/db/assertions';
import { enqueueMail, listMailQueue } from '../src/db/mailQueue';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m007AccountHardening } from '../src/db/migrations/007-account-hardening';
import { findSession } from '../src/db/sessions';
import { checkOneTimeToken } from '../src/db/tokens';
import { newSecretToken } from '../src/earners/secrets';
import { testDb } from './helpers';
import { VIOLATES } from './support/constraints';

const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2099-01-01T00:00:00.000Z';

/** A version 5 database with an account, a session, an activation link, queued mail and two decided badges. */
async function databaseAtVersion5() {
  const db = await testDb({ migrateTo: 6 });
  await db.insertInto('issuers').values({ id: 'i1', name: 'I', url: 'https://i.example', email: 'i@i.example', created_at: AT, updated_at: AT }).execute();
  await db
    .insertInto('badge_classes')
    .values({ id: 'b1', issuer_id: 'i1', name: 'B', description: 'D', category: 'skill', criteria_narrative: 'C', created_at: AT, updated_at: AT })
    .execute();
  const assertion = (id: string, claimState: 'accepted' | 'declined') => ({
    id, badge_class_id: 'b1', recipient_email: 'e@x.example', recipient_salt: 's', recipient_hash: 'h', recipient_name: 'n', issued_on: AT, created_at: AT,
    claim_state: claimState, is_public: 1,
  });
  await db.insertInto('assertions').values([assertion('accepted1', 'accepted'), assertion('declined1', 'declined')]).execute();
  await db
    .insertInto('accounts')
    .values({ id: 'acc1', first_name: 'Jo', last_name: 'Do', email: 'jo@x.example', password_hash: 'scrypt$…', email_verified_at: AT, created_at: AT, updated_at: AT })
    .execute();
  const session = newSecretToken();
  await sql`INSERT INTO sessions (id, secret_hash, account_id, kind, created_at, expires_at) VALUES (${session.id}, ${session.secretHash}, 'acc1', 'bearer', ${AT}, ${LATER})`.execute(db);
  const activation = newSecretToken();
  await sql`INSERT INTO one_time_tokens (id, secret_hash, kind, account_id, email, created_at, expires_at)
    VALUES (${activation.id}, ${activation.secretHash}, 'activation', 'acc1', 'jo@x.example', ${AT}, ${LATER})`.execute(db);
  for (const to of ['a@x.example', 'b@x.example']) {
    await sql`INSERT INTO mail_queue (to_address, subject, html, text, next_attempt_at, created_at) VALUES (${to}, 'S', 'H', 'T', ${AT}, ${AT})`.execute(db);
  }
  return { db, session: session.token, activation: activation.token };
}

describe('migration 007 (account hardening)', () => {
  it('is the seventh migration', () => {
    expect(migrations.indexOf(m007AccountHardening)).toBe(6);
  });

  it('keeps accounts, their sessions and their links working, at credential version 0 with no sign-in under way', async () => {
    const { db, session, activation } = await databaseAtVersion5();
    await migrate(db, 7);
    expect(await schemaVersion(db)).toBe(7);
    expect(await getAccount(db, 'acc1')).toMatchObject({ credentialVersion: 0, failedLogins: 0 });
    expect(await db.selectFrom('accounts').select(['login_attempts_pending', 'login_attempts_until']).execute()).toEqual([
      { login_attempts_pending: 0, login_attempts_until: null },
    ]);
    expect(await findSession(db, session, 'bearer', new Date(AT))).toEqual({ sessionId: session.split('.')[0], accountId: 'acc1' });
    // An activation link from before has no registration with it: it confirms the account's own password.
    const check = await checkOneTimeToken(db, activation, 'activation', new Date(AT));
    expect(check.ok && check.token.registration).toBeNull();
  });

  it('gives queued mail a Message-ID of its own, and new mail one too', async () => {
    const { db } = await databaseAtVersion5();
    await migrate(db, 7);
    await enqueueMail(db, { to: 'c@x.example', subject: 'S', html: 'H', text: 'T' }, new Date(AT), 'badges.test');
    const ids = (await listMailQueue(db)).map((mail) => mail.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids.slice(0, 2).every((id) => /^<[0-9a-f]{32}@badgelens\.invalid>$/.test(id))).toBe(true);
    expect(ids[2]).toMatch(/^<[A-Za-z0-9_-]+@badges\.test>$/);
  });

  it('makes declined badges private, and leaves the others as they were', async () => {
    const { db } = await databaseAtVersion5();
    await migrate(db, 7);
    const flag = async (id: string) => (await db.selectFrom('assertions').select('is_public').where('id', '=', id).executeTakeFirstOrThrow()).is_public;
    expect(await flag('declined1')).toBe(0);
    expect(await flag('accepted1')).toBe(1);
    // Today's code, on the latest schema, reads it as public.
    await migrate(db);
    expect((await getAssertion(db, 'accepted1'))!.isPublic).toBe(true);
  });

  it('keeps one counted client per badge, event, day and client hash, and one salt per day', async () => {
    const { db } = await databaseAtVersion5();
    await migrate(db, 7);
    const client = (hash: string, assertionId = 'accepted1') =>
      db.insertInto('assertion_event_clients').values({ assertion_id: assertionId, event: 'view', day: '2026-03-10', client_hash: hash, address_hash: 'a' }).execute();
    await client('c1');
    await client('c2');
    await expect(client('c1')).rejects.toThrow(VIOLATES.unique);
    await expect(client('c3', 'no-such-badge')).rejects.toThrow(VIOLATES.foreignKey);
    await db.insertInto('counter_salts').values({ day: '2026-03-10', salt: 's' }).execute();
    await expect(db.insertInto('counter_salts').values({ day: '2026-03-10', salt: 't' }).execute()).rejects.toThrow(VIOLATES.unique);
    await expect(db.updateTable('accounts').set({ login_attempts_pending: -1 }).execute()).rejects.toThrow(VIOLATES.check);
  });
});
