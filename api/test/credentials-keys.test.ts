import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IssuerSigningKey,
  KeyEncryptionKey,
  KeyEncryptionKeyError,
  nextKeyId,
  resolveKeyEncryptionKey,
  SealedKeyError,
} from '../src/credentials/keys';
import { signCredential, verifyCredential } from '../src/credentials/proofs';
import { DID, fakeWeb, sampleCredential, SPEC_KEY } from './credentials-helpers';

const KEK_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'badgelens-keys-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Every way a key could end up in a log line or a response body. */
function renderings(value: unknown): string[] {
  return [JSON.stringify(value), JSON.stringify({ nested: [value] }), inspect(value, { depth: 10, showHidden: true }), String(value)];
}

describe('issuer signing keys', () => {
  it('generate Ed25519 Multikeys with their own public key multibase', async () => {
    const one = await IssuerSigningKey.generate('key-1');
    const two = await IssuerSigningKey.generate('key-2');
    expect(one.keyId).toBe('key-1');
    expect(one.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(two.publicKeyMultibase).not.toBe(one.publicKeyMultibase);
    await expect(IssuerSigningKey.generate('primary')).rejects.toThrow(/key-<n>/);
  });

  it('seal the private half with AES-256-GCM and open it again to the same key', async () => {
    const kek = KeyEncryptionKey.fromHex(KEK_HEX);
    const key = await IssuerSigningKey.generate('key-1');
    const sealed = key.seal(kek);
    expect(sealed).toEqual({ keyId: 'key-1', publicKeyMultibase: key.publicKeyMultibase, encryptedPrivateKey: expect.stringMatching(/^v1\./) });
    // Fresh IV each time: sealing twice never gives the same text.
    expect(key.seal(kek).encryptedPrivateKey).not.toBe(sealed.encryptedPrivateKey);
    const opened = await IssuerSigningKey.unseal(sealed, kek);
    expect(opened.publicKeyMultibase).toBe(key.publicKeyMultibase);
    // The opened key signs credentials that verify against the original public key.
    const web = fakeWeb();
    web.publishDid(DID, [key]);
    const signed = await signCredential(sampleCredential(), { signer: await opened.signer(DID) });
    expect((await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false })).verified).toBe(true);
  });

  it('refuse to open under another KEK, altered ciphertext, or a ciphertext moved to another key row', async () => {
    const kek = KeyEncryptionKey.fromHex(KEK_HEX);
    const sealed = (await IssuerSigningKey.generate('key-1')).seal(kek);
    const other = (await IssuerSigningKey.generate('key-2')).seal(kek);
    await expect(IssuerSigningKey.unseal(sealed, KeyEncryptionKey.generate())).rejects.toThrow(SealedKeyError);
    const [version, iv, ciphertext, tag] = sealed.encryptedPrivateKey.split('.');
    const flipped = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    await expect(IssuerSigningKey.unseal({ ...sealed, encryptedPrivateKey: [version, iv, flipped, tag].join('.') }, kek)).rejects.toThrow(SealedKeyError);
    await expect(IssuerSigningKey.unseal({ ...other, encryptedPrivateKey: sealed.encryptedPrivateKey }, kek)).rejects.toThrow(SealedKeyError);
    await expect(IssuerSigningKey.unseal({ ...sealed, keyId: 'key-9' }, kek)).rejects.toThrow(SealedKeyError);
    await expect(IssuerSigningKey.unseal({ ...sealed, encryptedPrivateKey: 'plain' }, kek)).rejects.toThrow(/format/);
  });

  it('never serialise private material: JSON, inspect and string forms show the public half only', async () => {
    const kek = KeyEncryptionKey.fromHex(KEK_HEX);
    const key = await IssuerSigningKey.fromSecretKeyMultibase('key-1', SPEC_KEY.publicKeyMultibase, SPEC_KEY.secretKeyMultibase);
    expect(JSON.parse(JSON.stringify(key))).toEqual({ keyId: 'key-1', publicKeyMultibase: SPEC_KEY.publicKeyMultibase });
    const { secretKey } = await (await Ed25519Multikey.from(SPEC_KEY)).export({ raw: true, secretKey: true, canonicalize: true });
    const seed = Buffer.from(secretKey!);
    const secretForms = [
      SPEC_KEY.secretKeyMultibase.slice(4, 24),
      seed.toString('hex').slice(0, 16),
      seed.toString('base64').slice(0, 16),
      seed.toString('base64url').slice(0, 16),
      [...seed.subarray(0, 6)].join(','),
      [...seed.subarray(0, 6)].join(', '),
    ];
    const signer = await key.signer(DID);
    for (const text of [...renderings(key), ...renderings(signer), ...renderings(kek), ...renderings(key.seal(kek))]) {
      for (const secret of secretForms) expect(text).not.toContain(secret);
      expect(text).not.toContain(KEK_HEX);
      expect(text).not.toContain(KEK_HEX.slice(0, 16));
    }
    expect(inspect(key)).toContain(SPEC_KEY.publicKeyMultibase);
  });

  it('refuse a secret key that does not belong to the public key given', async () => {
    const other = await IssuerSigningKey.generate('key-1');
    await expect(IssuerSigningKey.fromSecretKeyMultibase('key-1', other.publicKeyMultibase, SPEC_KEY.secretKeyMultibase)).rejects.toThrow(/does not belong/);
  });

  it('are numbered one past the highest id ever used', () => {
    expect(nextKeyId([])).toBe('key-1');
    expect(nextKeyId(['key-1', 'key-3', 'key-2'])).toBe('key-4');
    expect(nextKeyId(['key-9', 'junk', 'key-10'])).toBe('key-11');
  });
});

describe('KEY_ENCRYPTION_KEY', () => {
  it('is 64 hex characters; anything else is refused with a clear message that does not repeat the value', () => {
    expect(() => KeyEncryptionKey.fromHex(KEK_HEX.toUpperCase())).not.toThrow();
    for (const bad of ['', 'abc', `${KEK_HEX}00`, KEK_HEX.replace('0', 'g'), 'correct horse battery staple']) {
      let error: unknown;
      try {
        KeyEncryptionKey.fromHex(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KeyEncryptionKeyError);
      expect((error as Error).message).toMatch(/KEY_ENCRYPTION_KEY must be 64 hexadecimal characters \(32 bytes\)/);
      if (bad.length > 3) expect((error as Error).message).not.toContain(bad);
    }
  });

  it('comes from the environment when set', () => {
    const { key, source } = resolveKeyEncryptionKey({ env: { KEY_ENCRYPTION_KEY: KEK_HEX, NODE_ENV: 'production' }, databasePath: '/nonexistent/db' });
    expect(source).toBe('environment');
    expect(key.toHex()).toBe(KEK_HEX);
    expect(() => resolveKeyEncryptionKey({ env: { KEY_ENCRYPTION_KEY: 'short' }, databasePath: null })).toThrow(KeyEncryptionKeyError);
  });

  it('is required in production', () => {
    const folder = tempFolder();
    expect(() => resolveKeyEncryptionKey({ env: { NODE_ENV: 'production' }, databasePath: join(folder, 'badgelens.db') })).toThrow(
      /KEY_ENCRYPTION_KEY is required in production/,
    );
  });

  it('in development is a 0600 key file next to the database, created once and reused', () => {
    const folder = tempFolder();
    const databasePath = join(folder, 'data', 'badgelens.db');
    const first = resolveKeyEncryptionKey({ env: {}, databasePath });
    expect(first).toMatchObject({ source: 'file', path: `${databasePath}.key-encryption-key` });
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path!, 'utf8').trim()).toBe(first.key.toHex());
    const second = resolveKeyEncryptionKey({ env: { NODE_ENV: 'development' }, databasePath });
    expect(second.key.toHex()).toBe(first.key.toHex());
  });

  it('refuses a development key file that others can read or that holds no key', () => {
    const folder = tempFolder();
    const databasePath = join(folder, 'badgelens.db');
    const path = `${databasePath}.key-encryption-key`;
    writeFileSync(path, `${KEK_HEX}\n`, { mode: 0o644 });
    chmodSync(path, 0o644);
    expect(() => resolveKeyEncryptionKey({ env: {}, databasePath })).toThrow(/chmod 600/);
    writeFileSync(path, 'not a key\n');
    chmodSync(path, 0o600);
    expect(() => resolveKeyEncryptionKey({ env: {}, databasePath })).toThrow(/does not hold 64 hexadecimal characters/);
  });

  it('is made up for an in-memory database, whose keys die with it', () => {
    const a = resolveKeyEncryptionKey({ env: {}, databasePath: ':memory:' });
    const b = resolveKeyEncryptionKey({ env: {}, databasePath: null });
    expect(a.source).toBe('ephemeral');
    expect(a.key.toHex()).not.toBe(b.key.toHex());
  });
});
