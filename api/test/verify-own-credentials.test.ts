// POST /api/v1/verify on this server's own Open Badges 3.0 credentials, on a running server: the
// credential URL is read from the database like the assertion URL, and a credential handed in inline is
// checked by its proof and its status list, read from the database (the server never fetches itself),
// so a revocation or a withdrawn key shows at once. On both engines.
import { describe, expect, it } from 'vitest';
import { changeClaimState } from '../src/db/assertions';
import { issueBadge, issuerWithBadgeClass, liveServersPerTest, type LiveServer } from './ob3-server';

type Json = Record<string, any>;

const live = liveServersPerTest();

async function verify(server: LiveServer, body: { urls?: string[]; credentials?: unknown[] }): Promise<Json[]> {
  const response = await server.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { results: Json[] }).results;
}

async function credentialOf(server: LiveServer, id: string): Promise<Json> {
  const response = await server.request(`/credentials/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("POST /api/v1/verify with this server's Open Badges 3.0 credentials", () => {
  it('verifies the credential URL and the inline credential, refuses a tampered one, and reads a revocation at once', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    const credential = await credentialOf(server, id);
    const credentialUrl = `${server.publicUrl}/credentials/${id}`;
    const tampered = { ...credential, name: 'Master Welder' };

    const before = await verify(server, { urls: [credentialUrl, `${credentialUrl}.json?trk=public_profile`], credentials: [credential, tampered] });
    expect(before.map((result) => result.status)).toEqual(['valid', 'valid', 'valid', 'invalid']);
    expect(before[0].source).toEqual({ platform: 'badgelens', format: 'ob3', checkedUrl: credentialUrl });
    expect(before[0].badge).toMatchObject({ assertionId: id, name: 'MIG Welding Level 1', recipientName: 'Jordan Example' });
    expect(before[2]).toMatchObject({ credential: 0, source: { platform: 'badgelens', format: 'ob3', checkedUrl: null } });
    expect(before[2].badge).toMatchObject({ assertionId: credentialUrl, name: 'MIG Welding Level 1', recipientName: 'Jordan Example', category: 'skill' });
    expect(before[2].badge.issuer.id).toBe(credential.issuer.id);
    expect(before[3]).toMatchObject({ credential: 1, reason: expect.stringMatching(/proof/) });

    const revoke = await server.request(`/api/v1/assertions/${id}/revoke`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'Issued in error' }) });
    expect(revoke.status).toBe(200);
    const after = await verify(server, { urls: [credentialUrl], credentials: [credential] });
    expect(after.map((result) => result.status)).toEqual(['revoked', 'revoked']);
    expect(after[0].badge.revocationReason).toBe('Issued in error');
    expect(after[1].badge.revocationReason).toBe('Revoked by its issuer');
  });

  it('keeps verifying credentials of a rotated key, and stops at once for those of a withdrawn key', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const old = await credentialOf(server, await issueBadge(server, auth, badgeClassId));
    expect((await server.request('/api/v1/issuer/keys', { method: 'POST', headers: auth })).status).toBe(201);
    const fresh = await credentialOf(server, await issueBadge(server, auth, badgeClassId, { email: 'sam@example.test', name: 'Sam Example' }));
    expect(old.proof[0].verificationMethod).toMatch(/#key-1$/);
    expect(fresh.proof[0].verificationMethod).toMatch(/#key-2$/);
    expect((await verify(server, { credentials: [old, fresh] })).map((result) => result.status)).toEqual(['valid', 'valid']);

    expect((await server.request('/api/v1/issuer/keys/key-1', { method: 'DELETE', headers: auth })).status).toBe(200);
    const results = await verify(server, { credentials: [old, fresh] });
    expect(results.map((result) => result.status)).toEqual(['invalid', 'valid']);
  });

  it('answers not_found for the credential URL of a badge made private, and unsupported for other credential paths', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    await changeClaimState(server.db, id, 'declined', 'api');
    const results = await verify(server, { urls: [`${server.publicUrl}/credentials/${id}`, `${server.publicUrl}/credentials/${id}/baked.png`] });
    expect(results.map((result) => result.status)).toEqual(['not_found', 'unsupported']);
    expect(results[0].badge).toBeUndefined();
  });
});
