// Issuer private keys never appear in clear: not in any table of the database, not in anything the
// server logs, not in any response. The test opens each sealed key with the KEY_ENCRYPTION_KEY to learn
// what to look for, in every form a private key is commonly written.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyEncryptionKey } from '../src/credentials/keys';
import type { Db } from '../src/db/connection';
import { processCredentialQueue } from '../src/ob3/worker';
import { issueBadge, issuerWithBadgeClass, liveServersPerTest } from './ob3-server';

const live = liveServersPerTest();
afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything every table holds, as text. */
async function databaseText(db: Db): Promise<string> {
  const tables = (await db.introspection.getTables()).map((table) => table.name);
  expect(tables).toContain('issuer_keys');
  const dumps: string[] = [];
  for (const table of tables) {
    const { rows } = await sql`SELECT * FROM ${sql.table(table)}`.execute(db);
    dumps.push(`${table}: ${JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value))}`);
  }
  return dumps.join('\n');
}

/** The written forms of a 32-byte Ed25519 seed: hex, base64, base64url, and its Multikey secretKeyMultibase. */
async function secretForms(seed: Buffer): Promise<string[]> {
  const keyPair = await Ed25519Multikey.generate({ seed });
  const { secretKeyMultibase } = await keyPair.export({ secretKey: true, includeContext: false });
  return [seed.toString('hex'), seed.toString('base64').replace(/=+$/, ''), seed.toString('base64url'), secretKeyMultibase!];
}

/** Opens each key the issuer may still sign with (the test knows the KEY_ENCRYPTION_KEY; the server never shows a seed). */
async function privateKeySeeds(db: Db, kek: KeyEncryptionKey): Promise<Buffer[]> {
  const rows = await db.selectFrom('issuer_keys').selectAll().where('encrypted_private_key', 'is not', null).execute();
  return rows.map((row) =>
    kek.decrypt(row.encrypted_private_key!, `badgelens-issuer-key:v1:key-${row.key_number}:${row.public_key_multibase}`),
  );
}

describe('issuer private keys', () => {
  it('appear in clear nowhere: database, logs, responses', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(' ')));
    }
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server);
    const ids = [await issueBadge(server, auth, badgeClassId), await issueBadge(server, auth, badgeClassId, { email: 'b@example.test', name: 'B Example' })];
    for (const id of ids) {
      await server.request(`/credentials/${id}`);
      await server.request(`/credentials/${id}/baked.svg`);
    }
    await server.request('/api/v1/issuer/keys', { method: 'POST', headers: auth });
    await server.request('/api/v1/issuer/keys', { method: 'POST', headers: auth });
    await server.request('/api/v1/issuer/keys/key-2', { method: 'DELETE', headers: auth });
    await server.request('/api/v1/issuer/keys', { headers: auth });
    await server.request(`/issuers/${issuer.id}/did.json`);
    await server.request(`/api/v1/assertions/${ids[0]}/revoke`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'Issued in error' }) });
    await server.request(`/issuers/${issuer.id}/status/1`);
    const queued = await issueBadge(server, auth, badgeClassId, { email: 'c@example.test', name: 'C Example' });
    // A worker with the wrong KEY_ENCRYPTION_KEY fails, and its error is stored and logged: still nothing secret.
    const wrong = { db: server.db, publicUrl: server.publicUrl, keyEncryptionKey: KeyEncryptionKey.generate(), now: () => new Date() };
    expect(await processCredentialQueue(wrong)).toEqual({ signed: 0, failed: 1 });
    console.error((await server.db.selectFrom('assertion_credentials').select('last_error').where('assertion_id', '=', queued).executeTakeFirstOrThrow()).last_error);
    console.log(server.keyEncryptionKey, JSON.stringify({ kek: server.keyEncryptionKey }));

    const seeds = await privateKeySeeds(server.db, server.keyEncryptionKey);
    expect(seeds).toHaveLength(2); // key-1 and key-3; key-2 was withdrawn and its private half erased
    const database = await databaseText(server.db);
    expect(database).toContain('v1.'); // the sealed keys are there, scanned with the rest
    const responses = server.bodies.join('\n');
    expect(responses).toContain('"proof"');
    const logs = logged.join('\n');
    expect(logs).toMatch(/does not open/);
    for (const seed of seeds) {
      for (const form of await secretForms(seed)) {
        expect(database.includes(form), `database holds ${form.slice(0, 6)}…`).toBe(false);
        expect(logs.includes(form), `logs hold ${form.slice(0, 6)}…`).toBe(false);
        expect(responses.includes(form), `a response holds ${form.slice(0, 6)}…`).toBe(false);
      }
    }
    for (const form of [server.keyEncryptionKey.toHex()]) {
      expect(database.includes(form) || logs.includes(form) || responses.includes(form)).toBe(false);
    }
  });
});
