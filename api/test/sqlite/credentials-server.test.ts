// The real server process (api/src/server.ts) and KEY_ENCRYPTION_KEY: refused when missing in production
// or with DATABASE_URL; a development key file next to the embedded database otherwise; and the
// background worker signing issued badges without anyone fetching them.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/documentLoader';
import { verifyCredential } from '../../src/credentials/proofs';
import { openDb } from '../../src/db/connection';
import { makeIssuer } from '../helpers';
import { runServerExpectingExit, startServerProcess } from '../server-process';

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

describe('KEY_ENCRYPTION_KEY and the server', () => {
  it('refuses to start without it in production, or with DATABASE_URL, naming it', async () => {
    const production = await runServerExpectingExit({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1', KEY_ENCRYPTION_KEY: undefined });
    expect(production.code, production.output).not.toBe(0);
    expect(production.output).toMatch(/KEY_ENCRYPTION_KEY must be set when NODE_ENV=production/);
    const shared = await runServerExpectingExit({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', KEY_ENCRYPTION_KEY: undefined });
    expect(shared.code, shared.output).not.toBe(0);
    expect(shared.output).toMatch(/KEY_ENCRYPTION_KEY must be set with DATABASE_URL/);
    const malformed = await runServerExpectingExit({ KEY_ENCRYPTION_KEY: 'not-hex' });
    expect(malformed.output).toMatch(/KEY_ENCRYPTION_KEY must be 64 hexadecimal characters/);
    expect(malformed.output).not.toContain('not-hex');
    for (const { output } of [production, shared, malformed]) expect(output).not.toMatch(/listening/);
  }, 180_000);

  it('in development makes a key file next to the database, signs issued badges in the background, and keeps using the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'badgelens-kek-'));
    cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'badgelens.db');
    const env = { DATABASE_PATH: databasePath, KEY_ENCRYPTION_KEY: undefined, PUBLIC_URL: 'https://badges.dev.test' };
    const first = await startServerProcess(env);
    cleanUps.push(first.stop);
    const keyFile = `${databasePath}.key-encryption-key`;
    expect(first.output()).toContain(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const db = await openDb(databasePath);
    cleanUps.push(() => db.destroy());
    const { auth } = await makeIssuer(db);
    const api = `http://127.0.0.1:${first.port}`;
    const badge = await fetch(`${api}/api/v1/badges`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Rigging', description: 'Rigs loads.', category: 'skill', criteria: 'Pass the test.' }),
    });
    const badgeClassId = ((await badge.json()) as { id: string }).id;
    const issued = await fetch(`${api}/api/v1/badges/${badgeClassId}/assertions`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'lee@example.test', name: 'Lee Example' }) });
    const id = ((await issued.json()) as { id: string }).id;
    // Nobody fetches it: the server's worker signs it.
    await expect
      .poll(async () => (await db.selectFrom('assertion_credentials').select('signed_at').where('assertion_id', '=', id).executeTakeFirst())?.signed_at ?? null, {
        timeout: 60_000,
        interval: 100,
      })
      .not.toBeNull();
    const stored = (await db.selectFrom('assertion_credentials').select('credential').where('assertion_id', '=', id).executeTakeFirstOrThrow()).credential;
    await first.stop();

    // A restart reads the same key file: the stored key still opens and signs.
    const second = await startServerProcess(env);
    cleanUps.push(second.stop);
    // A verifier's loader (it caches DID documents, so a fresh one after the rotation).
    const loader = () =>
      createDocumentLoader({
        fetchJson: async (url) => (await fetch(url.replace('https://badges.dev.test', `http://127.0.0.1:${second.port}`))).json(),
      });
    expect(await (await fetch(`http://127.0.0.1:${second.port}/credentials/${id}`)).text()).toBe(stored);
    expect(await verifyCredential(JSON.parse(stored!), { documentLoader: loader() })).toMatchObject({ verified: true, status: { checked: true, revoked: false } });
    const rotated = await fetch(`http://127.0.0.1:${second.port}/api/v1/issuer/keys`, { method: 'POST', headers: auth });
    expect(rotated.status).toBe(201);
    const next = await fetch(`http://127.0.0.1:${second.port}/api/v1/badges/${badgeClassId}/assertions`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'kai@example.test', name: 'Kai Example' }) });
    const nextId = ((await next.json()) as { id: string }).id;
    const signed = JSON.parse(await (await fetch(`http://127.0.0.1:${second.port}/credentials/${nextId}`)).text());
    expect(signed.proof[0].verificationMethod).toMatch(/#key-2$/);
    expect((await verifyCredential(signed, { documentLoader: loader() })).verified).toBe(true);
  }, 180_000);
});
