// Open Badges 3.0 storage (migration 008): issuer keys, status lists, and each badge's credential, which
// is also the signing queue. Every write that must happen once (a key number, a status index, a signed
// credential, a signed status list) is a conditional insert or update, so nodes racing for it agree.
import { sql, type Selectable } from 'kysely';
import type { SealedIssuerKey } from '../credentials/keys';
import { randomId } from '../lib/crypto';
import { isPostgres, transaction, type Db } from './engine';
import type { AssertionCredentialsTable, IssuerKeysTable, StatusListsTable } from './schema';

// ---------------------------------------------------------------- issuer keys

export const keyIdOf = (keyNumber: number) => `key-${keyNumber}`;

export interface IssuerKeyInfo {
  keyNumber: number;
  keyId: string;
  publicKeyMultibase: string;
  createdAt: string;
  withdrawnAt: string | null;
}

/** An issuer key that may sign: its public half and its private half, still sealed. */
export interface ActiveIssuerKey {
  keyNumber: number;
  sealed: SealedIssuerKey;
}

function keyInfoFromRow(row: Selectable<IssuerKeysTable>): IssuerKeyInfo {
  return {
    keyNumber: row.key_number,
    keyId: keyIdOf(row.key_number),
    publicKeyMultibase: row.public_key_multibase,
    createdAt: row.created_at,
    withdrawnAt: row.withdrawn_at,
  };
}

/** Every key the issuer ever had, oldest first (withdrawn ones included, without any private material). */
export async function listIssuerKeys(db: Db, issuerId: string): Promise<IssuerKeyInfo[]> {
  const rows = await db
    .selectFrom('issuer_keys')
    .select(['issuer_id', 'key_number', 'public_key_multibase', 'created_at', 'withdrawn_at'])
    .where('issuer_id', '=', issuerId)
    .orderBy('key_number')
    .execute();
  return rows.map((row) => keyInfoFromRow({ ...row, encrypted_private_key: null }));
}

/** The key new credentials are signed with: the newest one not withdrawn. */
export async function activeIssuerKey(db: Db, issuerId: string): Promise<ActiveIssuerKey | null> {
  const row = await db
    .selectFrom('issuer_keys')
    .select(['key_number', 'public_key_multibase', 'encrypted_private_key'])
    .where('issuer_id', '=', issuerId)
    .where('withdrawn_at', 'is', null)
    .orderBy('key_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.encrypted_private_key === null) return null;
  return {
    keyNumber: row.key_number,
    sealed: { keyId: keyIdOf(row.key_number), publicKeyMultibase: row.public_key_multibase, encryptedPrivateKey: row.encrypted_private_key },
  };
}

export async function highestKeyNumber(db: Db, issuerId: string): Promise<number> {
  const row = await db
    .selectFrom('issuer_keys')
    .select((eb) => eb.fn.max('key_number').as('highest'))
    .where('issuer_id', '=', issuerId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0);
}

/** Stores a new key under its number; false when another request took that number first. */
export async function insertIssuerKey(db: Db, issuerId: string, keyNumber: number, sealed: SealedIssuerKey, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('issuer_keys')
    .values({
      issuer_id: issuerId,
      key_number: keyNumber,
      public_key_multibase: sealed.publicKeyMultibase,
      encrypted_private_key: sealed.encryptedPrivateKey,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export type WithdrawOutcome = 'withdrawn' | 'not_found' | 'already_withdrawn' | 'last_active_key';

/**
 * Withdraws a key: it leaves the DID document and its private half is erased. The issuer's last key that
 * may sign is never withdrawn (rotate first). The issuer's status lists are marked changed, so that a list
 * signed with this key is signed again with another one. The issuer's key rows are locked first, so two
 * withdrawals at once cannot leave the issuer without a key.
 */
export async function withdrawIssuerKey(db: Db, issuerId: string, keyNumber: number, now: Date): Promise<WithdrawOutcome> {
  return transaction(db, async (trx) => {
    const keys = await trx
      .selectFrom('issuer_keys')
      .select(['key_number', 'withdrawn_at'])
      .where('issuer_id', '=', issuerId)
      .$if(isPostgres(trx), (query) => query.forUpdate())
      .execute();
    const key = keys.find((candidate) => candidate.key_number === keyNumber);
    if (!key) return 'not_found';
    if (key.withdrawn_at !== null) return 'already_withdrawn';
    if (keys.filter((candidate) => candidate.withdrawn_at === null).length === 1) return 'last_active_key';
    await trx
      .updateTable('issuer_keys')
      .set({ withdrawn_at: now.toISOString(), encrypted_private_key: null })
      .where('issuer_id', '=', issuerId)
      .where('key_number', '=', keyNumber)
      .execute();
    await trx.updateTable('status_lists').set((eb) => ({ version: eb('version', '+', 1) })).where('issuer_id', '=', issuerId).execute();
    return 'withdrawn';
  });
}

/**
 * Inside a transaction that stores something this key signed: true when the key may still sign. On
 * PostgreSQL the row is share-locked, so a withdrawal waits until the signed document is stored (and then
 * marks the status lists changed); SQLite's write lock already keeps the withdrawal out.
 */
export async function holdActiveKey(trx: Db, issuerId: string, keyNumber: number): Promise<boolean> {
  const row = await trx
    .selectFrom('issuer_keys')
    .select('key_number')
    .where('issuer_id', '=', issuerId)
    .where('key_number', '=', keyNumber)
    .where('withdrawn_at', 'is', null)
    .$if(isPostgres(trx), (query) => query.forShare())
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- status lists

export interface StatusListRow {
  issuerId: string;
  listNumber: number;
  length: number;
  version: number;
  signedCredential: string | null;
  signedVersion: number | null;
}

function statusListFromRow(row: Selectable<StatusListsTable>): StatusListRow {
  return {
    issuerId: row.issuer_id,
    listNumber: row.list_number,
    length: row.length,
    version: row.version,
    signedCredential: row.signed_credential,
    signedVersion: row.signed_version,
  };
}

export async function getStatusList(db: Db, issuerId: string, listNumber: number): Promise<StatusListRow | null> {
  const row = await db.selectFrom('status_lists').selectAll().where('issuer_id', '=', issuerId).where('list_number', '=', listNumber).executeTakeFirst();
  return row ? statusListFromRow(row) : null;
}

/** The list new badges of the issuer go into (the newest), or null before the first. */
export async function newestStatusList(db: Db, issuerId: string): Promise<{ listNumber: number; length: number } | null> {
  const row = await db
    .selectFrom('status_lists')
    .select(['list_number', 'length'])
    .where('issuer_id', '=', issuerId)
    .orderBy('list_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { listNumber: row.list_number, length: row.length } : null;
}

/** Creates list `listNumber` unless it exists already (another request may have made it). */
export async function createStatusList(db: Db, issuerId: string, listNumber: number, length: number, now: Date): Promise<void> {
  await db
    .insertInto('status_lists')
    .values({ issuer_id: issuerId, list_number: listNumber, length, created_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The indexes of a list whose badges are revoked: the list's set bits. */
export async function revokedStatusIndexes(db: Db, issuerId: string, listNumber: number): Promise<number[]> {
  const rows = await db
    .selectFrom('assertion_credentials as c')
    .innerJoin('assertions as a', 'a.id', 'c.assertion_id')
    .select('c.status_index')
    .where('c.issuer_id', '=', issuerId)
    .where('c.list_number', '=', listNumber)
    .where('a.revoked', '=', 1)
    .execute();
  return rows.map((row) => row.status_index);
}

/** Marks the list holding this badge changed (its bit was set): the next fetch signs it again. */
export async function markStatusListChanged(db: Db, assertionId: string): Promise<void> {
  const entry = await db.selectFrom('assertion_credentials').select(['issuer_id', 'list_number']).where('assertion_id', '=', assertionId).executeTakeFirst();
  if (!entry) return;
  await db
    .updateTable('status_lists')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('issuer_id', '=', entry.issuer_id)
    .where('list_number', '=', entry.list_number)
    .execute();
}

/**
 * Stores the signed list credential of `version`, unless the list changed meanwhile or a list of that
 * version is stored already (another node signed the same state first). True when this one was stored.
 */
export async function storeSignedStatusList(db: Db, issuerId: string, listNumber: number, version: number, json: string): Promise<boolean> {
  const result = await db
    .updateTable('status_lists')
    .set({ signed_credential: json, signed_version: version })
    .where('issuer_id', '=', issuerId)
    .where('list_number', '=', listNumber)
    .where('version', '=', version)
    .where((eb) => eb.or([eb('signed_version', 'is', null), eb('signed_version', '<>', version)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// ---------------------------------------------------------------- credentials (and the signing queue)

export interface CredentialRow {
  assertionId: string;
  issuerId: string;
  listNumber: number;
  statusIndex: number;
  /**
   * Null while it is to be built from the badge's current data; the unsigned document once frozen (an
   * edit of its badge class or issuer came before its signature); from `signedAt` on the signed
   * credential, exactly as served.
   */
  credential: string | null;
  signedAt: string | null;
  keyNumber: number | null;
  attempts: number;
}

function credentialFromRow(row: Selectable<AssertionCredentialsTable>): CredentialRow {
  return {
    assertionId: row.assertion_id,
    issuerId: row.issuer_id,
    listNumber: row.list_number,
    statusIndex: row.status_index,
    credential: row.credential,
    signedAt: row.signed_at,
    keyNumber: row.key_number,
    attempts: row.attempts,
  };
}

export async function getCredentialRow(db: Db, assertionId: string): Promise<CredentialRow | null> {
  const row = await db.selectFrom('assertion_credentials').selectAll().where('assertion_id', '=', assertionId).executeTakeFirst();
  return row ? credentialFromRow(row) : null;
}

export interface NewCredentialRow {
  assertionId: string;
  issuerId: string;
  listNumber: number;
  statusIndex: number;
  /** Null: built from the badge's data when it is signed. */
  unsignedCredential: string | null;
}

/**
 * Queues a badge's unsigned credential at its status index. False when nothing was inserted: the badge
 * has its row already, or the index is taken in that list (the caller tells which and retries).
 */
export async function insertCredentialRow(db: Db, row: NewCredentialRow, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('assertion_credentials')
    .values({
      assertion_id: row.assertionId,
      issuer_id: row.issuerId,
      list_number: row.listNumber,
      status_index: row.statusIndex,
      credential: row.unsignedCredential,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Queues a badge's credential, still to be built, at index `random % length` of its issuer's newest
 * status list, in one statement (the path of every badge issued). Null when nothing was inserted: the
 * issuer has no list yet, the index is taken, or the badge was queued already; the caller then takes
 * the longer way.
 */
export async function queueInNewestStatusList(
  db: Db,
  row: { assertionId: string; issuerId: string; random: number },
  now: Date,
): Promise<{ listNumber: number; statusIndex: number } | null> {
  const { rows } = await sql<{ list_number: number; status_index: number }>`
    INSERT INTO assertion_credentials (assertion_id, issuer_id, list_number, status_index, created_at)
    SELECT ${row.assertionId}, issuer_id, list_number, CAST(${row.random} AS BIGINT) % length, ${now.toISOString()}
    FROM status_lists WHERE issuer_id = ${row.issuerId}
    ORDER BY list_number DESC LIMIT 1
    ON CONFLICT DO NOTHING
    RETURNING list_number, status_index`.execute(db);
  return rows[0] ? { listNumber: rows[0].list_number, statusIndex: rows[0].status_index } : null;
}

/**
 * Freezes unsigned credentials still to be built: each gets the document `build` makes of it now (as
 * the badge reads before an edit of its badge class or issuer). Only rows still unbuilt are written.
 */
export async function freezeUnbuiltCredentials(
  db: Db,
  of: { badgeClassId: string } | { issuerId: string },
  build: (assertionIds: string[]) => Promise<Map<string, string>>,
): Promise<number> {
  const rows = await db
    .selectFrom('assertion_credentials as c')
    .innerJoin('assertions as a', 'a.id', 'c.assertion_id')
    .select('c.assertion_id')
    .where('c.signed_at', 'is', null)
    .where('c.credential', 'is', null)
    .$if('issuerId' in of, (query) => query.where('c.issuer_id', '=', (of as { issuerId: string }).issuerId))
    .$if('badgeClassId' in of, (query) => query.where('a.badge_class_id', '=', (of as { badgeClassId: string }).badgeClassId))
    .execute();
  let frozen = 0;
  for (let start = 0; start < rows.length; start += 200) {
    const built = await build(rows.slice(start, start + 200).map((row) => row.assertion_id));
    for (const [assertionId, json] of built) {
      const result = await db
        .updateTable('assertion_credentials')
        .set({ credential: json })
        .where('assertion_id', '=', assertionId)
        .where('signed_at', 'is', null)
        .where('credential', 'is', null)
        .executeTakeFirst();
      frozen += Number(result.numUpdatedRows);
    }
  }
  return frozen;
}

/**
 * Replaces the unsigned credential by the signed one, once: false when it was signed already, or (for a
 * document built from the badge's data, `unbuilt`) when an edit froze the document meanwhile.
 */
export async function storeSignedCredential(db: Db, assertionId: string, json: string, keyNumber: number, now: Date, options: { unbuilt: boolean }): Promise<boolean> {
  const result = await db
    .updateTable('assertion_credentials')
    .set({ credential: json, signed_at: now.toISOString(), key_number: keyNumber, lease_until: null, lease_token: null, last_error: null })
    .where('assertion_id', '=', assertionId)
    .where('signed_at', 'is', null)
    .$if(options.unbuilt, (query) => query.where('credential', 'is', null))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A queued credential a worker holds until `leaseUntil`. */
export interface LeasedCredential {
  assertionId: string;
  issuerId: string;
  attempts: number;
  leaseToken: string;
}

/**
 * Takes the oldest unsigned credential that nobody holds, for `leaseMs`, in one UPDATE (FOR UPDATE SKIP
 * LOCKED on PostgreSQL, as the mail queue does). A worker that died leaves a lease that runs out; a
 * failed attempt leaves one that says when to try again. Null when nothing is due.
 */
export async function leaseNextUnsignedCredential(db: Db, now: Date, leaseMs: number): Promise<LeasedCredential | null> {
  const at = now.toISOString();
  const leaseToken = randomId(16);
  const next = db
    .selectFrom('assertion_credentials')
    .select('assertion_id')
    .where('signed_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .orderBy('created_at')
    .limit(1)
    .$if(isPostgres(db), (query) => query.forUpdate().skipLocked());
  const row = await db
    .updateTable('assertion_credentials')
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), lease_token: leaseToken })
    .where('assertion_id', '=', next)
    .where('signed_at', 'is', null)
    .returning(['assertion_id', 'issuer_id', 'attempts'])
    .executeTakeFirst();
  return row ? { assertionId: row.assertion_id, issuerId: row.issuer_id, attempts: row.attempts, leaseToken } : null;
}

/** Records a failed signing attempt of a leased credential; it is due again at `retryAt`. */
export async function markCredentialSigningFailed(db: Db, leased: LeasedCredential, error: string, retryAt: Date): Promise<void> {
  await db
    .updateTable('assertion_credentials')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), lease_until: retryAt.toISOString(), lease_token: null }))
    .where('assertion_id', '=', leased.assertionId)
    .where('signed_at', 'is', null)
    .where('lease_token', '=', leased.leaseToken)
    .execute();
}

/** Badges issued before Open Badges 3.0 (or by other paths) that have no credential yet, by id after `afterId`. */
export async function assertionsWithoutCredential(db: Db, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('assertions as a')
    .select('a.id')
    .where('a.id', '>', afterId)
    // A badge its earner deleted (or whose account was deleted) has lost its recipient: it gets no credential.
    .where('a.recipient_email', '<>', '')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('assertion_credentials as c').select('c.assertion_id').whereRef('c.assertion_id', '=', 'a.id'))))
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function countUnsignedCredentials(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('assertion_credentials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('signed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Has a badge's credential built and signed again (same status index) after its data changed: a roster change
 * gave it a new level, years or expiry date. A credential not signed yet simply waits for the signer.
 */
export async function requeueCredential(db: Db, assertionId: string): Promise<void> {
  await db
    .updateTable('assertion_credentials')
    .set({ credential: null, signed_at: null, key_number: null, attempts: 0, last_error: null, lease_until: null, lease_token: null })
    .where('assertion_id', '=', assertionId)
    .execute();
}
