// Signing stored credentials and status lists with the issuer's active key. Each signed document is
// stored once (a conditional write), so every node serves the same bytes: the proof's `created` never
// changes between fetches, and a status list is signed once per state, not per request.
import { getAssertionRecord, type AssertionRecord } from '../db/assertions';
import {
  activeIssuerKey,
  getCredentialRow,
  getStatusList,
  highestKeyNumber,
  holdActiveKey,
  insertIssuerKey,
  keyIdOf,
  revokedStatusIndexes,
  storeSignedCredential,
  storeSignedStatusList,
  type ActiveIssuerKey,
  type CredentialRow,
  type IssuerKeyInfo,
} from '../db/credentials';
import { transaction, type Db } from '../db/engine';
import { issuerDid } from '../credentials/didWeb';
import { IssuerSigningKey, KeyEncryptionKey, type Signer } from '../credentials/keys';
import { signCredential } from '../credentials/proofs';
import { buildStatusListCredential, createStatusList } from '../credentials/statusList';
import { credentialUrls } from '../credentials/urls';
import { queueCredential, unsignedCredentialJson } from './issuance';

export interface SigningDeps {
  db: Db;
  publicUrl: string;
  keyEncryptionKey: KeyEncryptionKey;
  now: () => Date;
}

export class SigningError extends Error {}

const ephemeralKeys = new WeakMap<Db, KeyEncryptionKey>();

/**
 * A KEY_ENCRYPTION_KEY for an app created without one (tests, in-memory databases): it lives as long
 * as the process, like an in-memory database. The server always passes the configured one.
 */
export function ephemeralKeyEncryptionKey(db: Db): KeyEncryptionKey {
  let key = ephemeralKeys.get(db);
  if (!key) {
    key = KeyEncryptionKey.generate();
    ephemeralKeys.set(db, key);
  }
  return key;
}

// ---------------------------------------------------------------- keys

/**
 * The issuer's signing key, making its first one (key-1) when it has none yet: issuers created before
 * Open Badges 3.0, or never used since. Nodes racing to make it agree on one (the key number is unique).
 */
export async function ensureIssuerKey(deps: SigningDeps, issuerId: string): Promise<ActiveIssuerKey> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const active = await activeIssuerKey(deps.db, issuerId);
    if (active) return active;
    const highest = await highestKeyNumber(deps.db, issuerId);
    // key-1 when the issuer has none: racing nodes collide on that number, and the winner's key is used.
    // A key appearing between the two reads was made by another node: read again. Only withdrawn keys
    // left (the API never allows it): a new one.
    if (highest === 0) await insertIssuerKeyNumbered(deps, issuerId, 1);
    else if (attempt > 0) await insertIssuerKeyNumbered(deps, issuerId, highest + 1);
  }
  throw new SigningError(`issuer ${issuerId} has no key that may sign`);
}

/** Makes and stores key `keyNumber`; null when another node took that number first. */
async function insertIssuerKeyNumbered(deps: SigningDeps, issuerId: string, keyNumber: number): Promise<IssuerKeyInfo | null> {
  const key = await IssuerSigningKey.generate(keyIdOf(keyNumber));
  const now = deps.now();
  if (!(await insertIssuerKey(deps.db, issuerId, keyNumber, key.seal(deps.keyEncryptionKey), now))) return null;
  return { keyNumber, keyId: key.keyId, publicKeyMultibase: key.publicKeyMultibase, createdAt: now.toISOString(), withdrawnAt: null };
}

/**
 * Rotation: a new key that signs everything from now on. The issuer's first key is made before it if
 * the issuer never had one, so rotation always leaves an older key to keep verifying.
 */
export async function rotateIssuerKey(deps: SigningDeps, issuerId: string): Promise<IssuerKeyInfo> {
  await ensureIssuerKey(deps, issuerId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const key = await insertIssuerKeyNumbered(deps, issuerId, (await highestKeyNumber(deps.db, issuerId)) + 1);
    if (key) return key;
  }
  throw new SigningError(`could not add a key for issuer ${issuerId}: too many rotations at once`);
}

// Unsealing costs a key derivation: signers are kept by what they were made from (the sealed key names
// its ciphertext, so another key under the same number never reuses one). Withdrawal is still decided by
// the database at every store (holdActiveKey), never by this cache.
const SIGNER_CACHE_SIZE = 200;
const signers = new WeakMap<KeyEncryptionKey, Map<string, Promise<Signer>>>();

function signerFor(deps: SigningDeps, issuerId: string, key: ActiveIssuerKey): Promise<Signer> {
  let cache = signers.get(deps.keyEncryptionKey);
  if (!cache) signers.set(deps.keyEncryptionKey, (cache = new Map()));
  const did = issuerDid(deps.publicUrl, issuerId);
  const cacheKey = `${did} ${key.sealed.encryptedPrivateKey}`;
  let signer = cache.get(cacheKey);
  if (!signer) {
    if (cache.size >= SIGNER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    signer = IssuerSigningKey.unseal(key.sealed, deps.keyEncryptionKey).then((unsealed) => unsealed.signer(did));
    signer.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, signer);
  }
  return signer;
}

/**
 * Signs with the issuer's active key and hands the result to `store` inside a transaction that holds the
 * key (a withdrawal waits): 'stored', 'taken' (someone stored one first) or, when the key was withdrawn
 * meanwhile, signs again with the next active key.
 */
async function signAndStore(
  deps: SigningDeps,
  issuerId: string,
  sign: (signer: Signer, now: Date) => Promise<string>,
  store: (trx: Db, json: string, key: ActiveIssuerKey, now: Date) => Promise<boolean>,
): Promise<{ stored: boolean; json: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = await ensureIssuerKey(deps, issuerId);
    const now = deps.now();
    const json = await sign(await signerFor(deps, issuerId, key), now);
    const outcome = await transaction(deps.db, async (trx) => {
      if (!(await holdActiveKey(trx, issuerId, key.keyNumber))) return 'withdrawn' as const;
      return (await store(trx, json, key, now)) ? ('stored' as const) : ('taken' as const);
    });
    if (outcome !== 'withdrawn') return { stored: outcome === 'stored', json };
  }
  throw new SigningError(`the keys of issuer ${issuerId} kept being withdrawn while signing`);
}

// ---------------------------------------------------------------- credentials

// A node's requests waiting for the same signature share it (the database keeps one anyway). A node is
// known by its KeyEncryptionKey object: it reads KEY_ENCRYPTION_KEY once and hands it to its app and worker.
const pending = new WeakMap<KeyEncryptionKey, Map<string, Promise<unknown>>>();

function shared<T>(deps: SigningDeps, key: string, work: () => Promise<T>): Promise<T> {
  let map = pending.get(deps.keyEncryptionKey);
  if (!map) pending.set(deps.keyEncryptionKey, (map = new Map()));
  let promise = map.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = work().finally(() => map.delete(key));
    map.set(key, promise);
  }
  return promise;
}

const credentialKey = (assertionId: string) => `credential ${assertionId}`;

/**
 * The badge's signed credential, exactly as stored: signed now if the queue has not reached it yet (and
 * queued first if it never was). Concurrent first fetches, on any number of nodes, store one signature;
 * every caller gets that one.
 */
export function signedCredentialJson(deps: SigningDeps, record: AssertionRecord): Promise<string> {
  return shared(deps, credentialKey(record.assertion.id), async () => {
    const row = (await getCredentialRow(deps.db, record.assertion.id)) ?? (await queueCredential(deps.db, record, deps.publicUrl, deps.now()));
    return row.signedAt ? row.credential! : signQueuedCredential(deps, row, record);
  });
}

/** Signs a queued credential (the worker's step), sharing the work with a fetch of the same badge in this process. */
export function signCredentialRow(deps: SigningDeps, row: CredentialRow): Promise<string> {
  return shared(deps, credentialKey(row.assertionId), () => signQueuedCredential(deps, row));
}

/**
 * Signs one queued credential and stores it unless another node did first; answers what is stored. A
 * credential still to be built is built from the badge's data, and stored only if no edit froze it
 * meanwhile (then its frozen document is signed instead).
 */
async function signQueuedCredential(deps: SigningDeps, queued: CredentialRow, known?: AssertionRecord): Promise<string> {
  let row = queued;
  for (let attempt = 0; attempt < 3; attempt++) {
    const built = row.credential === null;
    const record = built ? (known ?? (await getAssertionRecord(deps.db, row.assertionId))) : null;
    if (built && !record) throw new SigningError(`the badge ${row.assertionId} is gone`);
    const unsigned = JSON.parse(record ? unsignedCredentialJson(record, deps.publicUrl, row.listNumber, row.statusIndex) : row.credential!) as object;
    const result = await signAndStore(
      deps,
      row.issuerId,
      async (signer, now) => JSON.stringify(await signCredential(unsigned, { signer, created: now })),
      (trx, json, key, now) => storeSignedCredential(trx, row.assertionId, json, key.keyNumber, now, { unbuilt: built }),
    );
    if (result.stored) return result.json;
    const current = await getCredentialRow(deps.db, row.assertionId);
    if (!current) throw new SigningError(`the badge ${row.assertionId} is gone`);
    if (current.signedAt) return current.credential!;
    row = current;
  }
  throw new SigningError(`the credential of ${queued.assertionId} kept changing while it was signed`);
}

// ---------------------------------------------------------------- status lists

/**
 * The signed BitstringStatusListCredential of one list, as stored for its current state, or null when
 * the issuer has no such list. A list that changed (a revocation, a withdrawn key) since it was last
 * signed is read from the badges and signed again, once: nodes racing store one, and serve it.
 */
export function signedStatusListJson(deps: SigningDeps, issuerId: string, listNumber: number): Promise<string | null> {
  return shared(deps, `status ${issuerId} ${listNumber}`, async () => {
    let json: string | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const list = await getStatusList(deps.db, issuerId, listNumber);
      if (!list) return null;
      if (list.signedCredential !== null && list.signedVersion === list.version) return list.signedCredential;
      // Read after the version: the bits are at least as new as the version they are stored under.
      const bits = createStatusList(list.length);
      for (const index of await revokedStatusIndexes(deps.db, issuerId, listNumber)) bits.setStatus(index, true);
      const encodedList = await bits.encode();
      const document = buildStatusListCredential({
        id: credentialUrls(deps.publicUrl).statusList(issuerId, String(listNumber)),
        issuerDid: issuerDid(deps.publicUrl, issuerId),
        encodedList,
        validFrom: deps.now(),
      });
      const result = await signAndStore(
        deps,
        issuerId,
        async (signer, now) => JSON.stringify(await signCredential(document, { signer, created: now })),
        (trx, signed) => storeSignedStatusList(trx, issuerId, listNumber, list.version, signed),
      );
      if (result.stored) return result.json;
      json = result.json;
    }
    // The list keeps changing under us: what was signed last is at least as new as the state read.
    return json;
  });
}
