import { sql, type CompiledQuery, type Selectable } from 'kysely';
import type { BadgeAttributeValue } from '../../../shared/schemas/attributes';
import { hashRecipient, normaliseEmail, randomId } from '../lib/crypto';
import { markStatusListChanged } from './credentials';
import { badgeClassFromRow, type BadgeClass, type BadgeClassRow } from './badgeClasses';
import { engineOf, transaction, type Db } from './engine';
import { issuerFromRow, type Issuer, type IssuerRow } from './issuers';
import type { AssertionsTable, ClaimState } from './schema';

export type { ClaimState } from './schema';

export interface Assertion {
  id: string;
  badgeClassId: string;
  recipientEmail: string;
  recipientSalt: string;
  recipientHash: string;
  recipientName: string;
  issuedOn: string;
  expires: string | null;
  evidenceUrl: string | null;
  narrative: string | null;
  revoked: boolean;
  revocationReason: string | null;
  revokedAt: string | null;
  claimState: ClaimState;
  /**
   * Private badges (the earner's choice), declined badges and badges of deleted accounts are not public:
   * they verify as not_found.
   */
  isPublic: boolean;
  createdAt: string;
  /** The value of its badge class's attribute (years, level, volunteer flag), null when none was given. */
  attributeValue: BadgeAttributeValue | null;
}

type AssertionRow = Selectable<AssertionsTable>;

function assertionFromRow(row: AssertionRow): Assertion {
  return {
    id: row.id,
    badgeClassId: row.badge_class_id,
    recipientEmail: row.recipient_email,
    recipientSalt: row.recipient_salt,
    recipientHash: row.recipient_hash,
    recipientName: row.recipient_name,
    issuedOn: row.issued_on,
    expires: row.expires,
    evidenceUrl: row.evidence_url,
    narrative: row.narrative,
    revoked: row.revoked === 1,
    revocationReason: row.revocation_reason,
    revokedAt: row.revoked_at,
    claimState: row.claim_state,
    // A declined badge is never public, whatever its flag says.
    isPublic: row.is_public === 1 && row.claim_state !== 'declined',
    createdAt: row.created_at,
    attributeValue: row.attribute_value === null ? null : (JSON.parse(row.attribute_value) as BadgeAttributeValue),
  };
}

/** An assertion with its badge class and issuer: everything a page, a document or a verification needs. */
export interface AssertionRecord {
  assertion: Assertion;
  badgeClass: BadgeClass;
  issuer: Issuer;
}

export interface IssueInput {
  /** The public id to issue under: a self-claim's id when an issuer verifies it in place; else a new one. */
  id?: string;
  email: string;
  name: string;
  evidenceUrl?: string | null;
  narrative?: string | null;
  expires?: string | null;
  issuedOn?: Date;
  /** Checked by the caller against the badge class's attribute (attributeValueProblem). */
  attributeValue?: BadgeAttributeValue | null;
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

export async function issueAssertion(db: Db, badgeClass: BadgeClass, input: IssueInput, now = new Date()): Promise<Assertion> {
  const salt = randomId(16);
  const email = normaliseEmail(input.email);
  const issuedOn = input.issuedOn ?? now;
  const expires =
    input.expires !== undefined && input.expires !== null
      ? new Date(input.expires).toISOString()
      : badgeClass.validityMonths
        ? addMonths(issuedOn, badgeClass.validityMonths).toISOString()
        : null;
  const row = await db
    .insertInto('assertions')
    .values({
      id: input.id ?? randomId(16),
      badge_class_id: badgeClass.id,
      recipient_email: email,
      recipient_salt: salt,
      recipient_hash: hashRecipient(email, salt),
      recipient_name: input.name,
      issued_on: issuedOn.toISOString(),
      expires,
      evidence_url: input.evidenceUrl ?? null,
      narrative: input.narrative ?? null,
      created_at: now.toISOString(),
      attribute_value: input.attributeValue === undefined || input.attributeValue === null ? null : JSON.stringify(input.attributeValue),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return assertionFromRow(row);
}

export async function getAssertion(db: Db, id: string): Promise<Assertion | null> {
  const row = await db.selectFrom('assertions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? assertionFromRow(row) : null;
}

// --- Records: one joined row per assertion, each table's columns under its own prefix (the tables share column names).

const every = <Row>(columns: Record<keyof Row & string, true>) => Object.keys(columns) as (keyof Row & string)[];
const ASSERTION_COLUMNS = every<AssertionRow>({
  id: true, badge_class_id: true, recipient_email: true, recipient_salt: true, recipient_hash: true, recipient_name: true,
  issued_on: true, expires: true, evidence_url: true, narrative: true, revoked: true, revocation_reason: true,
  revoked_at: true, claim_state: true, is_public: true, created_at: true, account_id: true, attribute_value: true,
  claimed_at: true, accepted_at: true, declined_at: true,
});
const BADGE_CLASS_COLUMNS = every<BadgeClassRow>({
  id: true, issuer_id: true, name: true, description: true, image: true, category: true, criteria_narrative: true,
  requirements: true, skills: true, alignment: true, validity_months: true, offers_certificate: true, created_at: true,
  updated_at: true, archived_at: true, attribute_kind: true, attribute_label: true,
});
const ISSUER_COLUMNS = every<IssuerRow>({
  id: true, name: true, url: true, email: true, description: true, image: true, linkedin_org_id: true, created_at: true,
  updated_at: true,
});

const PARTS = [
  { alias: 'a', columns: ASSERTION_COLUMNS },
  { alias: 'b', columns: BADGE_CLASS_COLUMNS },
  { alias: 'i', columns: ISSUER_COLUMNS },
] as const;

function recordsQuery(db: Db) {
  return db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .innerJoin('issuers as i', 'i.id', 'b.issuer_id')
    .select(PARTS.flatMap(({ alias, columns }) => columns.map((column) => sql.ref(`${alias}.${column}`).as(`${alias}_${column}`))));
}

type RawRecord = Record<string, unknown>;

// [selected name, column] pairs, built once: the verify endpoint maps up to 100 rows of 40 columns per request.
const [ASSERTION_KEYS, BADGE_CLASS_KEYS, ISSUER_KEYS] = PARTS.map(({ alias, columns }) => columns.map((column) => [`${alias}_${column}`, column] as const));

function part<Row>(raw: RawRecord, keys: readonly (readonly [string, string])[]): Row {
  const row: RawRecord = {};
  for (const [selected, column] of keys) row[column] = raw[selected];
  return row as Row;
}

function recordFromRaw(raw: RawRecord): AssertionRecord {
  return {
    assertion: assertionFromRow(part<AssertionRow>(raw, ASSERTION_KEYS)),
    badgeClass: badgeClassFromRow(part<BadgeClassRow>(raw, BADGE_CLASS_KEYS)),
    issuer: issuerFromRow(part<IssuerRow>(raw, ISSUER_KEYS)),
  };
}

// The verify endpoint runs this query for every request: its SQL is built once per engine and id count.
const compiledRecordQueries = new Map<string, CompiledQuery<RawRecord>>();

function compiledRecordQuery(db: Db, count: number): CompiledQuery<RawRecord> {
  const key = `${engineOf(db)} ${count}`;
  let compiled = compiledRecordQueries.get(key);
  if (!compiled) {
    compiled = recordsQuery(db).where('a.id', 'in', Array.from({ length: count }, () => '')).compile();
    compiledRecordQueries.set(key, compiled);
  }
  return compiled;
}

/** Loads many assertions with their badge classes and issuers in one query. Unknown ids are absent from the map. */
export async function getAssertionRecords(db: Db, ids: readonly string[]): Promise<Map<string, AssertionRecord>> {
  const unique = [...new Set(ids)];
  const records = new Map<string, AssertionRecord>();
  if (unique.length === 0) return records;
  const compiled = compiledRecordQuery(db, unique.length);
  const { rows } = await db.executeQuery<RawRecord>({ ...compiled, parameters: unique });
  for (const raw of rows) {
    const record = recordFromRaw(raw);
    records.set(record.assertion.id, record);
  }
  return records;
}

export async function getAssertionRecord(db: Db, id: string): Promise<AssertionRecord | null> {
  return (await getAssertionRecords(db, [id])).get(id) ?? null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function encodeCursor(assertion: Assertion): string {
  return Buffer.from(`${assertion.createdAt}|${assertion.id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] | null {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return createdAt && id && rest.length === 0 && !Number.isNaN(Date.parse(createdAt)) ? [createdAt, id] : null;
}

export class InvalidCursorError extends Error {}

/** Assertions of a badge class, newest first, by keyset paging. */
export async function listAssertions(db: Db, badgeClassId: string, limit: number, cursor?: string): Promise<Page<Assertion>> {
  let after: [string, string] | null = null;
  if (cursor !== undefined) {
    after = decodeCursor(cursor);
    if (!after) throw new InvalidCursorError('cursor is not one this server gave out');
  }
  let query = db.selectFrom('assertions').selectAll().where('badge_class_id', '=', badgeClassId);
  if (after) {
    const [createdAt, id] = after;
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(createdAt, id)));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(assertionFromRow);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}

/**
 * Revokes an assertion; returns false when it was already revoked. Its Open Badges 3.0 status list is
 * marked changed in the same transaction, so the next fetch of the list shows the bit set.
 */
export async function revokeAssertion(db: Db, id: string, reason: string, now = new Date()): Promise<boolean> {
  return transaction(db, async (trx) => {
    const result = await trx
      .updateTable('assertions')
      .set({ revoked: 1, revocation_reason: reason, revoked_at: now.toISOString() })
      .where('id', '=', id)
      .where('revoked', '=', 0)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return false;
    await markStatusListChanged(trx, id);
    return true;
  });
}

export async function listRevokedAssertions(db: Db, issuerId: string): Promise<Assertion[]> {
  const rows = await db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .selectAll('a')
    .where('b.issuer_id', '=', issuerId)
    .where('a.revoked', '=', 1)
    .orderBy('a.revoked_at')
    .execute();
  return rows.map(assertionFromRow);
}

/** Whether any badge of the class holds an attribute value (its kind then cannot change). */
export async function hasAttributeValues(db: Db, badgeClassId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assertions')
    .select('id')
    .where('badge_class_id', '=', badgeClassId)
    .where('attribute_value', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countAssertions(db: Db): Promise<number> {
  const { n } = await db.selectFrom('assertions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

// --- Earner accounts (owner, claim state, visibility, recipient name) ---

/** The account that holds an assertion, or null when nobody has claimed it yet. */
export async function getAssertionAccountId(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('assertions').select('account_id').where('id', '=', id).executeTakeFirst();
  return row?.account_id ?? null;
}

export interface UnclaimedRecipient {
  assertionId: string;
  recipientEmail: string;
  recipientName: string;
}

/** Assertions nobody holds yet (of people not deleted), oldest first. */
export async function listUnclaimedRecipients(db: Db): Promise<UnclaimedRecipient[]> {
  const rows = await db
    .selectFrom('assertions')
    .select(['id', 'recipient_email', 'recipient_name'])
    .where('account_id', 'is', null)
    .where('recipient_email', '<>', '')
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ assertionId: row.id, recipientEmail: row.recipient_email, recipientName: row.recipient_name }));
}

/** Every assertion an account holds, newest first, with badge class and issuer (one query). */
export async function listAccountAssertionRecords(db: Db, accountId: string): Promise<AssertionRecord[]> {
  const rows = await recordsQuery(db).where('a.account_id', '=', accountId).orderBy('a.issued_on', 'desc').orderBy('a.id').execute();
  return rows.map(recordFromRaw);
}

export async function setAssertionAccount(db: Db, id: string, accountId: string, at = new Date()): Promise<void> {
  await db
    .updateTable('assertions')
    .set((eb) => ({ account_id: accountId, claimed_at: eb.fn.coalesce('claimed_at', eb.val(at.toISOString())) }))
    .where('id', '=', id)
    .execute();
}

/** Gives an account every unclaimed assertion issued to `email` (an address it has just verified). */
export async function attachUnclaimedAssertions(db: Db, accountId: string, email: string, at = new Date()): Promise<number> {
  const result = await db
    .updateTable('assertions')
    .set((eb) => ({ account_id: accountId, claimed_at: eb.fn.coalesce('claimed_at', eb.val(at.toISOString())) }))
    .where('account_id', 'is', null)
    .where('recipient_email', '=', normaliseEmail(email))
    .where('recipient_email', '<>', '')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Where a claim decision comes from: the emailed claim link, the portfolio page, or the JSON API. */
export type ClaimChannel = 'claim_link' | 'portfolio' | 'api';
export type ClaimDecision = Exclude<ClaimState, 'pending'>;

/**
 * The states a badge may move from to `to` through `channel`: a pending badge may be accepted or declined
 * anywhere; a declined one accepted after all only in the portfolio (by its signed-in owner); an accepted
 * one is never declined (its owner can make it private or delete it instead).
 */
export function claimStatesMovableTo(to: ClaimDecision, channel: ClaimChannel): ClaimState[] {
  if (to === 'accepted' && channel === 'portfolio') return ['pending', 'declined'];
  return ['pending'];
}

/** `changed: false`: the badge already was in that state. `current: null`: no such badge (of that owner). */
export type ClaimChange = { ok: true; changed: boolean } | { ok: false; current: ClaimState | null };

/**
 * Moves a badge to `to` by one UPDATE conditioned on its current state (and on its owner, when given), so
 * two decisions at the same moment can never both apply: the second sees the first's state and is refused.
 * Accepting makes the badge public; declining hides it.
 */
export async function changeClaimState(db: Db, id: string, to: ClaimDecision, channel: ClaimChannel, ownerId?: string, at = new Date()): Promise<ClaimChange> {
  const decidedAt = to === 'accepted' ? { accepted_at: at.toISOString() } : { declined_at: at.toISOString() };
  const result = await db
    .updateTable('assertions')
    .set({ claim_state: to, is_public: to === 'accepted' ? 1 : 0, ...decidedAt })
    .where('id', '=', id)
    .where('claim_state', 'in', claimStatesMovableTo(to, channel))
    .$if(ownerId !== undefined, (query) => query.where('account_id', '=', ownerId!))
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return { ok: true, changed: true };
  const row = await db.selectFrom('assertions').select(['claim_state', 'account_id']).where('id', '=', id).executeTakeFirst();
  if (!row || (ownerId !== undefined && row.account_id !== ownerId)) return { ok: false, current: null };
  return row.claim_state === to ? { ok: true, changed: false } : { ok: false, current: row.claim_state };
}

/** Makes a badge public or private; false when asked to make a declined badge public (never allowed) or the badge is unknown. */
export async function setAssertionPublic(db: Db, id: string, isPublic: boolean): Promise<boolean> {
  const result = await db
    .updateTable('assertions')
    .set({ is_public: isPublic ? 1 : 0 })
    .where('id', '=', id)
    .$if(isPublic, (query) => query.where('claim_state', '<>', 'declined'))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Corrects the recipient's name on an assertion and on every other badge of the same issuer held by the
 * same person (same account, or same email while unclaimed). Returns the ids changed.
 */
export async function correctRecipientName(db: Db, id: string, name: string): Promise<string[]> {
  return transaction(db, async (trx) => {
    const target = await trx
      .selectFrom('assertions as a')
      .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
      .select(['a.account_id', 'a.recipient_email', 'b.issuer_id'])
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!target) return [];
    const samePerson = trx
      .selectFrom('assertions as a')
      .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
      .select('a.id')
      .where('b.issuer_id', '=', target.issuer_id)
      .where('a.recipient_email', '<>', '')
      .where((eb) =>
        target.account_id !== null
          ? eb('a.account_id', '=', target.account_id)
          : eb.and([eb('a.account_id', 'is', null), eb('a.recipient_email', '=', target.recipient_email)]),
      );
    const rows = await trx
      .updateTable('assertions')
      .set({ recipient_name: name })
      .where((eb) => eb.or([eb('id', '=', id), eb('id', 'in', samePerson)]))
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  });
}
