// Issuer key rotation and withdrawal (POST / DELETE /api/v1/issuer/keys), checked by verifying what a
// running server serves, as an outside verifier would.
import { describe, expect, it } from 'vitest';
import { issuerDid } from '../src/credentials/didWeb';
import { verifyCredential } from '../src/credentials/proofs';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import type { AppDeps } from '../src/http/env';
import { independentlyVerified } from './credentials-helpers';
import { makeIssuer } from './helpers';
import { issueBadge, issuerWithBadgeClass, liveServersPerTest, type LiveServer } from './ob3-server';

type Json = Record<string, any>;

const live = liveServersPerTest();

async function credential(server: LiveServer, id: string): Promise<Json> {
  const response = await server.request(`/credentials/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

async function didDocument(server: LiveServer, issuerId: string): Promise<Json> {
  return (await (await server.request(`/issuers/${issuerId}/did.json`)).json()) as Json;
}

/** Verified by the core (with its status list) and by the independent RDFC-1.0 + Ed25519 check against `publicKey`. */
async function verifies(server: LiveServer, signed: Json, publicKey: string) {
  const core = await verifyCredential(signed, { documentLoader: server.loader() });
  return { core: core.verified, status: core.status, independent: await independentlyVerified(signed, publicKey) };
}

const rotate = (server: LiveServer, auth: Record<string, string>) => server.request('/api/v1/issuer/keys', { method: 'POST', headers: auth });
const withdraw = (server: LiveServer, auth: Record<string, string>, keyId: string) =>
  server.request(`/api/v1/issuer/keys/${keyId}`, { method: 'DELETE', headers: auth });

describe('key rotation', () => {
  it('signs new credentials with the new key while the old ones keep verifying', async () => {
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server);
    const did = issuerDid(server.publicUrl, issuer.id);
    const before = await credential(server, await issueBadge(server, auth, badgeClassId));
    expect(before.proof[0].verificationMethod).toBe(`${did}#key-1`);

    const response = await rotate(server, auth);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ keyId: 'key-2', verificationMethod: `${did}#key-2` });
    const after = await credential(server, await issueBadge(server, auth, badgeClassId, { email: 'sam@example.test', name: 'Sam Example' }));
    expect(after.proof[0].verificationMethod).toBe(`${did}#key-2`);

    const document = await didDocument(server, issuer.id);
    expect(document.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-2`]);
    const [key1, key2] = document.verificationMethod.map((method: Json) => method.publicKeyMultibase);
    expect(key1).not.toBe(key2);
    expect(await verifies(server, before, key1)).toEqual({ core: true, status: { checked: true, revoked: false, suspended: false }, independent: true });
    expect(await verifies(server, after, key2)).toEqual({ core: true, status: { checked: true, revoked: false, suspended: false }, independent: true });
    expect(await independentlyVerified(after, key1)).toBe(false);

    const keys = await server.request('/api/v1/issuer/keys', { headers: auth });
    expect(await keys.json()).toEqual({
      did,
      items: [
        { keyId: 'key-1', verificationMethod: `${did}#key-1`, publicKeyMultibase: key1, createdAt: expect.any(String), withdrawnAt: null, signsNewCredentials: false },
        { keyId: 'key-2', verificationMethod: `${did}#key-2`, publicKeyMultibase: key2, createdAt: expect.any(String), withdrawnAt: null, signsNewCredentials: true },
      ],
    });
  });

  it('gives an issuer that never signed its first key before the new one', async () => {
    const server = await live();
    const { issuer, auth } = await makeIssuer(server.db);
    expect(await (await rotate(server, auth)).json()).toMatchObject({ keyId: 'key-2' });
    expect((await didDocument(server, issuer.id)).assertionMethod).toHaveLength(2);
  });

  it('needs an issuer key and is rate limited', async () => {
    const server = await live({ rateLimits: { ...RATE_LIMITS, issuerKeys: { name: 'issuerKeys', limit: 2, windowMs: 60 * 60 * 1000 } } });
    const { auth } = await makeIssuer(server.db);
    expect((await server.request('/api/v1/issuer/keys', { method: 'POST' })).status).toBe(401);
    expect((await server.request('/api/v1/issuer/keys', { method: 'POST', headers: { Authorization: 'Bearer blk_nope' } })).status).toBe(401);
    expect((await rotate(server, auth)).status).toBe(201);
    expect((await rotate(server, auth)).status).toBe(201);
    const refused = await rotate(server, auth);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await withdraw(server, auth, 'key-1')).status).toBe(429);
  });
});

describe('key withdrawal', () => {
  it('takes the key out of the DID document: what it signed stops verifying, the rest keeps verifying', async () => {
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server);
    const did = issuerDid(server.publicUrl, issuer.id);
    const old = await credential(server, await issueBadge(server, auth, badgeClassId));
    // The status list is signed with key-1 too, before the rotation.
    expect((await (await server.request(`/issuers/${issuer.id}/status/1`)).json()).proof[0].verificationMethod).toBe(`${did}#key-1`);
    const oldKey = (await didDocument(server, issuer.id)).verificationMethod[0].publicKeyMultibase;
    expect((await rotate(server, auth)).status).toBe(201);
    const fresh = await credential(server, await issueBadge(server, auth, badgeClassId, { email: 'sam@example.test', name: 'Sam Example' }));

    const response = await withdraw(server, auth, 'key-1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keyId: 'key-1', withdrawnAt: expect.any(String), signingKeyId: 'key-2' });
    const document = await didDocument(server, issuer.id);
    expect(document.assertionMethod).toEqual([`${did}#key-2`]);
    const newKey = document.verificationMethod[0].publicKeyMultibase;

    const oldResult = await verifyCredential(old, { documentLoader: server.loader() });
    expect(oldResult.verified).toBe(false);
    expect(oldResult.errors.join(' ')).toMatch(/key-1/);
    // The signature itself is intact: only the issuer's word on the key is gone.
    expect(await independentlyVerified(old, oldKey)).toBe(true);
    // The status list was signed again with the remaining key, so credentials of key-2 still read their status.
    expect((await (await server.request(`/issuers/${issuer.id}/status/1`)).json()).proof[0].verificationMethod).toBe(`${did}#key-2`);
    expect(await verifies(server, fresh, newKey)).toEqual({ core: true, status: { checked: true, revoked: false, suspended: false }, independent: true });

    const row = await server.db.selectFrom('issuer_keys').selectAll().where('issuer_id', '=', issuer.id).where('key_number', '=', 1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ encrypted_private_key: null, withdrawn_at: expect.any(String), public_key_multibase: oldKey });
    const listed = (await (await server.request('/api/v1/issuer/keys', { headers: auth })).json()) as Json;
    expect(listed.items[0]).toMatchObject({ keyId: 'key-1', withdrawnAt: expect.any(String), signsNewCredentials: false });
  });

  it('refuses the last key that may sign, a key withdrawn already, unknown and malformed key ids', async () => {
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server);
    const other = await makeIssuer(server.db, 'Other Guild');
    await credential(server, await issueBadge(server, auth, badgeClassId));
    const last = await withdraw(server, auth, 'key-1');
    expect(last.status).toBe(409);
    expect(await last.json()).toEqual({ error: { code: 'last_active_key', message: expect.stringContaining('rotate first') } });
    expect((await rotate(server, auth)).status).toBe(201);
    // Another issuer's key-1 is not this issuer's business; it has none yet.
    expect((await withdraw(server, other.auth, 'key-2')).status).toBe(404);
    expect((await withdraw(server, auth, 'key-1')).status).toBe(200);
    expect((await (await withdraw(server, auth, 'key-1')).json()).error.code).toBe('already_withdrawn');
    expect((await withdraw(server, auth, 'key-2')).status).toBe(409);
    expect((await withdraw(server, auth, 'key-7')).status).toBe(404);
    for (const keyId of ['key-0', 'nonsense', 'key-01']) {
      const response = await withdraw(server, auth, keyId);
      expect(response.status, keyId).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    }
    expect((await server.request(`/api/v1/issuer/keys/key-1`, { method: 'DELETE' })).status).toBe(401);
    expect((await didDocument(server, issuer.id)).assertionMethod).toHaveLength(1);
  });

  it('never leaves an issuer without a key that may sign, also when two withdrawals race', async () => {
    const server = await live();
    const { issuer, auth } = await makeIssuer(server.db);
    expect((await rotate(server, auth)).status).toBe(201);
    const answers = await Promise.all([withdraw(server, auth, 'key-1'), withdraw(server, auth, 'key-2')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await didDocument(server, issuer.id)).assertionMethod).toHaveLength(1);
  });
});
