// Issuer signing keys (Ed25519, Multikey) and their encryption at rest (AES-256-GCM under the
// KEY_ENCRYPTION_KEY). Secret material lives only in private class fields: JSON.stringify,
// util.inspect and console.log of a key show its public half and nothing else.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { verificationMethodId } from './didWeb';

export const KEY_ENCRYPTION_KEY_VARIABLE = 'KEY_ENCRYPTION_KEY';
const KEK_HEX = /^[0-9a-fA-F]{64}$/;
const SEALED_FORMAT = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;
const SEED_BYTES = 32;

export type Signer = ReturnType<Ed25519Multikey.Ed25519MultikeyKeyPair['signer']>;

export class KeyEncryptionKeyError extends Error {}
export class SealedKeyError extends Error {}

/** The 32-byte key that encrypts issuer private keys. Never printed, never serialised. */
export class KeyEncryptionKey {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** From 64 hexadecimal characters; the error never repeats the value. */
  static fromHex(hex: string): KeyEncryptionKey {
    const value = hex.trim();
    if (!KEK_HEX.test(value)) {
      throw new KeyEncryptionKeyError(
        `${KEY_ENCRYPTION_KEY_VARIABLE} must be 64 hexadecimal characters (32 bytes); the value given is not` +
          ` (${value.length} characters). Generate one with \`openssl rand -hex 32\``,
      );
    }
    return new KeyEncryptionKey(Buffer.from(value, 'hex'));
  }

  static generate(): KeyEncryptionKey {
    return new KeyEncryptionKey(randomBytes(32));
  }

  /** AES-256-GCM; `associatedData` binds the ciphertext to what it belongs to. */
  encrypt(plaintext: Uint8Array, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#bytes, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(sealed: string, associatedData: string): Buffer {
    const match = SEALED_FORMAT.exec(sealed);
    if (!match) throw new SealedKeyError('encrypted key has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.#bytes, Buffer.from(match[1], 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(match[3], 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(match[2], 'base64url')), decipher.final()]);
    } catch {
      throw new SealedKeyError(`encrypted key does not open with this ${KEY_ENCRYPTION_KEY_VARIABLE} (wrong key or altered data)`);
    }
  }

  /** Only for writing the development key file. */
  toHex(): string {
    return this.#bytes.toString('hex');
  }

  toJSON(): string {
    return '[KeyEncryptionKey]';
  }

  [inspect.custom](): string {
    return 'KeyEncryptionKey {}';
  }
}

export interface KeyEncryptionKeySource {
  key: KeyEncryptionKey;
  /** Where it came from: the variable, the development key file, or made up for an in-memory database. */
  source: 'environment' | 'file' | 'ephemeral';
  path?: string;
}

/**
 * The KEY_ENCRYPTION_KEY: from the environment; in production nothing else is accepted. In
 * development a key file next to the database (`<database>.key-encryption-key`, mode 0600) is
 * created on first use and read afterwards; an in-memory database (null or ":memory:") gets a
 * key that lives as long as the process, like its data.
 */
export function resolveKeyEncryptionKey(options: {
  env: NodeJS.ProcessEnv;
  databasePath: string | null;
}): KeyEncryptionKeySource {
  const fromEnv = options.env[KEY_ENCRYPTION_KEY_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') return { key: KeyEncryptionKey.fromHex(fromEnv), source: 'environment' };
  if (options.env.NODE_ENV === 'production') {
    throw new KeyEncryptionKeyError(
      `${KEY_ENCRYPTION_KEY_VARIABLE} is required in production: set it to 64 hexadecimal characters (32 bytes),` +
        ' e.g. from `openssl rand -hex 32`, and keep it with your backups (without it the issuer keys cannot be opened)',
    );
  }
  if (options.databasePath === null || options.databasePath === ':memory:') {
    return { key: KeyEncryptionKey.generate(), source: 'ephemeral' };
  }
  const path = `${options.databasePath}.key-encryption-key`;
  return { key: readOrCreateKeyFile(path), source: 'file', path };
}

function readOrCreateKeyFile(path: string): KeyEncryptionKey {
  const existing = readKeyFile(path);
  if (existing) return existing;
  // Write a temporary file, then link it into place: link fails if another process got there
  // first, and nobody ever reads a half-written key file.
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.key-encryption-key.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const key = KeyEncryptionKey.generate();
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toHex()}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temporary, 0o600);
    linkSync(temporary, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(path)!;
  } finally {
    unlinkSync(temporary);
  }
}

function readKeyFile(path: string): KeyEncryptionKey | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new KeyEncryptionKeyError(`the key file ${path} is readable by other users: run \`chmod 600 ${path}\``);
  }
  try {
    return KeyEncryptionKey.fromHex(text);
  } catch {
    throw new KeyEncryptionKeyError(`the key file ${path} does not hold 64 hexadecimal characters (32 bytes)`);
  }
}

/** What the database keeps of an issuer key: the public half in clear, the private half encrypted. */
export interface SealedIssuerKey {
  keyId: string;
  publicKeyMultibase: string;
  encryptedPrivateKey: string;
}

function associatedData(keyId: string, publicKeyMultibase: string): string {
  // Swapping the encrypted half of one key into another row fails to decrypt.
  return `badgelens-issuer-key:v1:${keyId}:${publicKeyMultibase}`;
}

/** An issuer's Ed25519 signing key. Key ids are "key-1", "key-2", … within one issuer. */
export class IssuerSigningKey {
  readonly keyId: string;
  readonly publicKeyMultibase: string;
  readonly #seed: Buffer;

  private constructor(keyId: string, publicKeyMultibase: string, seed: Buffer) {
    this.keyId = keyId;
    this.publicKeyMultibase = publicKeyMultibase;
    this.#seed = seed;
  }

  static async generate(keyId: string): Promise<IssuerSigningKey> {
    return IssuerSigningKey.fromSeed(keyId, randomBytes(SEED_BYTES));
  }

  static async fromSeed(keyId: string, seed: Uint8Array): Promise<IssuerSigningKey> {
    assertKeyId(keyId);
    if (seed.length !== SEED_BYTES) throw new RangeError(`an Ed25519 seed is ${SEED_BYTES} bytes`);
    const keyPair = await Ed25519Multikey.generate({ seed });
    return new IssuerSigningKey(keyId, keyPair.publicKeyMultibase, Buffer.from(seed));
  }

  /** From a Multikey secret (`secretKeyMultibase`), e.g. a published test key pair. */
  static async fromSecretKeyMultibase(keyId: string, publicKeyMultibase: string, secretKeyMultibase: string): Promise<IssuerSigningKey> {
    const keyPair = await Ed25519Multikey.from({ publicKeyMultibase, secretKeyMultibase });
    const { secretKey } = await keyPair.export({ raw: true, secretKey: true, canonicalize: true });
    const key = await IssuerSigningKey.fromSeed(keyId, secretKey!);
    if (key.publicKeyMultibase !== publicKeyMultibase) throw new SealedKeyError('the secret key does not belong to this public key');
    return key;
  }

  /** Encrypts the private half for storage. */
  seal(kek: KeyEncryptionKey): SealedIssuerKey {
    return {
      keyId: this.keyId,
      publicKeyMultibase: this.publicKeyMultibase,
      encryptedPrivateKey: kek.encrypt(this.#seed, associatedData(this.keyId, this.publicKeyMultibase)),
    };
  }

  static async unseal(sealed: SealedIssuerKey, kek: KeyEncryptionKey): Promise<IssuerSigningKey> {
    const seed = kek.decrypt(sealed.encryptedPrivateKey, associatedData(sealed.keyId, sealed.publicKeyMultibase));
    const key = await IssuerSigningKey.fromSeed(sealed.keyId, seed);
    if (key.publicKeyMultibase !== sealed.publicKeyMultibase) throw new SealedKeyError('the decrypted key does not match its public key');
    return key;
  }

  /**
   * A signer for the signing suites, with the verification method id `<did>#<keyId>`. The secret
   * stays inside the library's closure.
   */
  async signer(did: string): Promise<Signer> {
    const keyPair = await Ed25519Multikey.generate({ seed: this.#seed, id: verificationMethodId(did, this.keyId), controller: did });
    return keyPair.signer();
  }

  toJSON(): { keyId: string; publicKeyMultibase: string } {
    return { keyId: this.keyId, publicKeyMultibase: this.publicKeyMultibase };
  }

  [inspect.custom](): string {
    return `IssuerSigningKey { keyId: '${this.keyId}', publicKeyMultibase: '${this.publicKeyMultibase}' }`;
  }
}

const KEY_ID = /^key-([1-9][0-9]{0,8})$/;

function assertKeyId(keyId: string): void {
  if (!KEY_ID.test(keyId)) throw new RangeError(`key ids are "key-<n>", got "${keyId}"`);
}

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}

/** The id of an issuer's next key: one more than the highest it ever had (withdrawn ones count). */
export function nextKeyId(existingKeyIds: Iterable<string>): string {
  let highest = 0;
  for (const keyId of existingKeyIds) {
    const match = KEY_ID.exec(keyId);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `key-${highest + 1}`;
}
