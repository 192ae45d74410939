// The signing queue: issuing queues an unsigned credential at a random status index; the worker leases
// and signs; failures wait and retry; badges from before Open Badges 3.0 are queued on upgrade.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { KeyEncryptionKey } from '../src/credentials/keys';
import { statusListBit, STATUS_LIST_LENGTH } from '../src/credentials/statusList';
import { issueAssertion, revokeAssertion } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import { insertSyntheticAssertions } from '../src/db/benchData';
import type { Db } from '../src/db/connection';
import { countUnsignedCredentials, leaseNextUnsignedCredential } from '../src/db/credentials';
import { signedStatusListJson } from '../src/ob3/signing';
import { processCredentialQueue, queueMissingCredentials, signNextCredential, startCredentialWorker } from '../src/ob3/worker';
import { makeIssuer, PUBLIC_URL, testDb } from './helpers';

async function setUp(options: { issueCredentials?: boolean; now?: () => Date } = {}) {
  const db = await testDb();
  const keyEncryptionKey = KeyEncryptionKey.generate();
  const now = options.now ?? (() => new Date());
  const app = createApp({ db, publicUrl: PUBLIC_URL, keyEncryptionKey, now, issueCredentials: options.issueCredentials });
  const { issuer, auth } = await makeIssuer(db);
  const badge = await app.request('/api/v1/badges', {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'First Aid', description: 'Gives first aid.', category: 'certification', criteria: 'Pass the course.' }),
  });
  const badgeClassId = ((await badge.json()) as { id: string }).id;
  const issue = async (n: number) => {
    const response = await app.request(`/api/v1/badges/${badgeClassId}/assertions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ email: `earner${n}@example.test`, name: `Earner ${n}` }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const deps = { db, publicUrl: PUBLIC_URL, keyEncryptionKey, now };
  return { db, app, auth, issuer, badgeClassId, issue, deps };
}

async function credentialRows(db: Db) {
  return db.selectFrom('assertion_credentials').selectAll().orderBy('created_at').execute();
}

describe('issuing', () => {
  it('queues each badge unsigned (its document built when signed), at a random free index of its issuer’s first status list', async () => {
    const { db, issue, issuer } = await setUp();
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push(await issue(n));
    const rows = await credentialRows(db);
    expect(rows.map((row) => row.assertion_id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ issuer_id: issuer.id, list_number: 1, signed_at: null, key_number: null, credential: null });
      expect(row.status_index).toBeGreaterThanOrEqual(0);
      expect(row.status_index).toBeLessThan(STATUS_LIST_LENGTH);
    }
    const indexes = rows.map((row) => row.status_index);
    expect(new Set(indexes).size).toBe(indexes.length);
    // Random, not in order of issue.
    const sorted = [...indexes].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1] - sorted[0]).toBeGreaterThan(indexes.length);
    expect(await db.selectFrom('status_lists').select(['list_number', 'length', 'version']).execute()).toEqual([{ list_number: 1, length: STATUS_LIST_LENGTH, version: 0 }]);
  });

  it('keeps what the badge said when it was issued: later edits of the badge class or issuer do not change it', async () => {
    const { db, app, auth, badgeClassId, issue, deps } = await setUp();
    const id = await issue(1);
    const patch = (path: string, body: object) => app.request(path, { method: 'PATCH', headers: auth, body: JSON.stringify(body) });
    expect((await patch(`/api/v1/badges/${badgeClassId}`, { name: 'First Aid (renamed)' })).status).toBe(200);
    // Frozen as it read before the edit, still unsigned.
    const frozen = await db.selectFrom('assertion_credentials').select(['credential', 'signed_at']).where('assertion_id', '=', id).executeTakeFirstOrThrow();
    expect(frozen.signed_at).toBeNull();
    expect(JSON.parse(frozen.credential!)).toMatchObject({ name: 'First Aid', issuer: { name: 'Guild of Test Welders' } });
    const second = await issue(2);
    expect((await patch('/api/v1/issuer', { name: 'Guild of Renamed Welders' })).status).toBe(200);
    await processCredentialQueue(deps);
    const third = await issue(3);
    const credential = async (assertionId: string) => (await (await app.request(`/credentials/${assertionId}`)).json()) as { name: string; issuer: { name: string } };
    expect(await credential(id)).toMatchObject({ name: 'First Aid', issuer: { name: 'Guild of Test Welders' } });
    expect(await credential(second)).toMatchObject({ name: 'First Aid (renamed)', issuer: { name: 'Guild of Test Welders' } });
    expect(await credential(third)).toMatchObject({ name: 'First Aid (renamed)', issuer: { name: 'Guild of Renamed Welders' } });
    // Another issuer's badge class cannot be edited, nor its credentials frozen.
    const other = await makeIssuer(db, 'Other Guild');
    expect((await app.request(`/api/v1/badges/${badgeClassId}`, { method: 'PATCH', headers: other.auth, body: JSON.stringify({ name: 'Taken over' }) })).status).toBe(404);
  });

  it('moves on to a new list once the current one is full', async () => {
    const { db, issue, issuer, badgeClassId } = await setUp();
    // Fill list 1: every other index taken by a badge of the issuer.
    const first = await issue(0);
    const taken = (await db.selectFrom('assertion_credentials').select('status_index').executeTakeFirstOrThrow()).status_index;
    await insertSyntheticAssertions(db, { badgeClassIds: [badgeClassId], count: STATUS_LIST_LENGTH - 1, issuedOn: new Date().toISOString(), pastExpiry: '2020-01-01T00:00:00.000Z', futureExpiry: '2099-01-01T00:00:00.000Z' });
    await sql`
      INSERT INTO assertion_credentials (assertion_id, issuer_id, list_number, status_index, credential, created_at)
      SELECT id, ${issuer.id}, 1, CASE WHEN n - 1 >= ${sql.lit(taken)} THEN n ELSE n - 1 END, '{}', '2026-01-01T00:00:00.000Z'
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM assertions WHERE id <> ${first}) AS numbered`.execute(db);
    expect(Number((await db.selectFrom('assertion_credentials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(STATUS_LIST_LENGTH);
    const id = await issue(1);
    expect(await db.selectFrom('assertion_credentials').select(['list_number']).where('assertion_id', '=', id).executeTakeFirstOrThrow()).toEqual({ list_number: 2 });
    expect((await db.selectFrom('status_lists').select('list_number').orderBy('list_number').execute()).map((row) => row.list_number)).toEqual([1, 2]);
  }, 120_000);

  it('queues nothing when switched off (the issuing benchmark’s baseline)', async () => {
    const { db, issue } = await setUp({ issueCredentials: false });
    await issue(1);
    expect(await credentialRows(db)).toEqual([]);
  });
});

describe('the signing worker', () => {
  it('signs what is queued, oldest first; the served credential is the stored one', async () => {
    const { db, app, issue, deps } = await setUp();
    const ids = [await issue(1), await issue(2), await issue(3)];
    expect(await countUnsignedCredentials(db)).toBe(3);
    expect(await processCredentialQueue(deps)).toEqual({ signed: 3, failed: 0 });
    expect(await processCredentialQueue(deps)).toEqual({ signed: 0, failed: 0 });
    for (const id of ids) {
      const row = await db.selectFrom('assertion_credentials').selectAll().where('assertion_id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ key_number: 1, lease_until: null, lease_token: null, attempts: 0 });
      expect(await (await app.request(`/credentials/${id}`)).text()).toBe(row.credential);
    }
  });

  it('leases one credential to one worker at a time; a lease that runs out is taken again', async () => {
    const { db, issue } = await setUp();
    await issue(1);
    await issue(2);
    const now = new Date();
    const first = await leaseNextUnsignedCredential(db, now, 60_000);
    const second = await leaseNextUnsignedCredential(db, now, 60_000);
    expect(first && second && first.assertionId !== second.assertionId).toBe(true);
    expect(await leaseNextUnsignedCredential(db, now, 60_000)).toBeNull();
    const later = await leaseNextUnsignedCredential(db, new Date(now.getTime() + 60_001), 60_000);
    expect([first!.assertionId, second!.assertionId]).toContain(later?.assertionId);
    expect(later!.leaseToken).not.toBe(first!.leaseToken);
  });

  it('records a failure (a KEY_ENCRYPTION_KEY that does not open the key) and retries later', async () => {
    let clock = Date.parse('2026-03-01T08:00:00Z');
    const { db, issue, deps } = await setUp({ now: () => new Date(clock) });
    await issue(1);
    await processCredentialQueue(deps); // key-1 made, sealed with the right key
    const id = await issue(2);
    const wrong = { ...deps, keyEncryptionKey: KeyEncryptionKey.generate() };
    expect(await signNextCredential(wrong)).toBe('failed');
    const failed = await db.selectFrom('assertion_credentials').selectAll().where('assertion_id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ signed_at: null, attempts: 1, last_error: expect.stringMatching(/does not open/), lease_token: null });
    expect(Date.parse(failed.lease_until!)).toBe(clock + 30_000);
    expect(await signNextCredential(deps)).toBe('idle');
    clock += 30_000;
    expect(await signNextCredential(deps)).toBe('signed');
    expect(await db.selectFrom('assertion_credentials').select(['key_number', 'last_error']).where('assertion_id', '=', id).executeTakeFirstOrThrow()).toEqual({ key_number: 1, last_error: null });
  });

  it('runs in the background until stopped', async () => {
    const { db, issue, deps } = await setUp();
    const stop = startCredentialWorker(deps, { idleIntervalMs: 10 });
    try {
      await issue(1);
      await issue(2);
      await expect.poll(() => countUnsignedCredentials(db), { timeout: 30_000, interval: 20 }).toBe(0);
    } finally {
      await stop();
    }
    await issue(3);
    expect(await countUnsignedCredentials(db)).toBe(1);
  });
});

describe('badges from before Open Badges 3.0', () => {
  it('are queued on upgrade, each at its own index; a revoked one shows on its status list', async () => {
    const db = await testDb();
    const keyEncryptionKey = KeyEncryptionKey.generate();
    const deps = { db, publicUrl: PUBLIC_URL, keyEncryptionKey, now: () => new Date() };
    const { issuer } = await makeIssuer(db);
    const badgeClass = await createBadgeClass(db, issuer.id, { name: 'Old Badge', description: 'Issued long ago.', category: 'membership', criteria: 'Be a member.' });
    const old = [];
    for (let n = 0; n < 5; n++) old.push(await issueAssertion(db, badgeClass, { email: `old${n}@example.test`, name: `Old ${n}` }));
    await revokeAssertion(db, old[0].id, 'Left the society');
    expect(await credentialRows(db)).toEqual([]);
    expect(await db.selectFrom('issuer_keys').selectAll().execute()).toEqual([]);

    expect(await queueMissingCredentials(deps, 2)).toBe(5);
    expect(await queueMissingCredentials(deps, 2)).toBe(0);
    const rows = await credentialRows(db);
    expect(new Set(rows.map((row) => row.status_index)).size).toBe(5);
    expect(await processCredentialQueue(deps)).toEqual({ signed: 5, failed: 0 });
    // The issuer got its first key when it was first needed.
    expect((await db.selectFrom('issuer_keys').select('key_number').execute()).map((row) => row.key_number)).toEqual([1]);

    const list = JSON.parse((await signedStatusListJson(deps, issuer.id, 1))!);
    const indexOf = (id: string) => rows.find((row) => row.assertion_id === id)!.status_index;
    expect(await statusListBit(list, indexOf(old[0].id), 'revocation')).toBe(true);
    for (const assertion of old.slice(1)) expect(await statusListBit(list, indexOf(assertion.id), 'revocation')).toBe(false);
    // Revoking later sets the bit on the next fetch of the list.
    await revokeAssertion(db, old[1].id, 'Issued in error');
    const after = JSON.parse((await signedStatusListJson(deps, issuer.id, 1))!);
    expect(await statusListBit(after, indexOf(old[1].id), 'revocation')).toBe(true);
  });
});
