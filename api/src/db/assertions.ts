import type { Statement } from 'better-sqlite3';
import { hashRecipient, normaliseEmail, randomId } from '../lib/crypto';
import { badgeClassFromRow, type BadgeClass, type BadgeClassRow } from './badgeClasses';
import type { Db } from './connection';
import { issuerFromRow, type Issuer } from './issuers';

export type ClaimState = 'pending' | 'accepted' | 'declined';

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
  /** Private badges (the earner's choice) and badges of deleted accounts are not public: they verify as not_found. */
  isPublic: boolean;
  createdAt: string;
}

interface AssertionRow {
  id: string;
  badge_class_id: string;
  recipient_email: string;
  recipient_salt: string;
  recipient_hash: string;
  recipient_name: string;
  issued_on: string;
  expires: string | null;
  evidence_url: string | null;
  narrative: string | null;
  revoked: number;
  revocation_reason: string | null;
  revoked_at: string | null;
  claim_state: ClaimState;
  is_public: number;
  created_at: string;
}

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
    isPublic: row.is_public === 1,
    createdAt: row.created_at,
  };
}

/** An assertion with its badge class and issuer: everything a page, a document or a verification needs. */
export interface AssertionRecord {
  assertion: Assertion;
  badgeClass: BadgeClass;
  issuer: Issuer;
}

export interface IssueInput {
  email: string;
  name: string;
  evidenceUrl?: string | null;
  narrative?: string | null;
  expires?: string | null;
  issuedOn?: Date;
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

export async function issueAssertion(db: Db, badgeClass: BadgeClass, input: IssueInput, now = new Date()): Promise<Assertion> {
  const id = randomId(16);
  const salt = randomId(16);
  const email = normaliseEmail(input.email);
  const issuedOn = input.issuedOn ?? now;
  const expires =
    input.expires !== undefined && input.expires !== null
      ? new Date(input.expires).toISOString()
      : badgeClass.validityMonths
        ? addMonths(issuedOn, badgeClass.validityMonths).toISOString()
        : null;
  db.prepare(
    `INSERT INTO assertions (id, badge_class_id, recipient_email, recipient_salt, recipient_hash, recipient_name,
       issued_on, expires, evidence_url, narrative, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, badgeClass.id, email, salt, hashRecipient(email, salt), input.name, issuedOn.toISOString(), expires,
    input.evidenceUrl ?? null, input.narrative ?? null, now.toISOString());
  return (await getAssertion(db, id))!;
}

export async function getAssertion(db: Db, id: string): Promise<Assertion | null> {
  const row = db.prepare('SELECT * FROM assertions WHERE id = ?').get(id) as AssertionRow | undefined;
  return row ? assertionFromRow(row) : null;
}

const recordColumns = `SELECT a.*, b.*, i.* FROM assertions a
  JOIN badge_classes b ON b.id = a.badge_class_id
  JOIN issuers i ON i.id = b.issuer_id`;

// statement.columns() builds ~45 descriptor objects on every call (about 40 µs): read it once per statement, not per row.
const columnsByStatement = new WeakMap<Statement, ReturnType<Statement['columns']>>();

/** Splits a raw joined row into one object per source table (columns share names across tables). */
function recordFromRawRow(statement: Statement, raw: unknown[]): AssertionRecord {
  let columns = columnsByStatement.get(statement);
  if (!columns) {
    columns = statement.columns();
    columnsByStatement.set(statement, columns);
  }
  const byTable: Record<string, Record<string, unknown>> = { assertions: {}, badge_classes: {}, issuers: {} };
  columns.forEach((column, index) => {
    byTable[column.table ?? ''][column.column ?? column.name] = raw[index];
  });
  return {
    assertion: assertionFromRow(byTable.assertions as unknown as AssertionRow),
    badgeClass: badgeClassFromRow(byTable.badge_classes as unknown as BadgeClassRow),
    issuer: issuerFromRow(byTable.issuers as never),
  };
}

/** Loads many assertions with their badge classes and issuers in one query. Unknown ids are absent from the map. */
export async function getAssertionRecords(db: Db, ids: readonly string[]): Promise<Map<string, AssertionRecord>> {
  const unique = [...new Set(ids)];
  const records = new Map<string, AssertionRecord>();
  if (unique.length === 0) return records;
  const statement = db.prepare(`${recordColumns} WHERE a.id IN (${unique.map(() => '?').join(', ')})`).raw(true);
  for (const raw of statement.all(...unique) as unknown[][]) {
    const record = recordFromRawRow(statement, raw);
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
  const rows = db
    .prepare(
      `SELECT * FROM assertions WHERE badge_class_id = @badgeClassId
       ${after ? 'AND (created_at, id) < (@createdAt, @id)' : ''}
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    )
    .all({ badgeClassId, limit: limit + 1, createdAt: after?.[0], id: after?.[1] }) as AssertionRow[];
  const items = rows.slice(0, limit).map(assertionFromRow);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}

/** Revokes an assertion; returns false when it was already revoked. */
export async function revokeAssertion(db: Db, id: string, reason: string, now = new Date()): Promise<boolean> {
  const result = db
    .prepare('UPDATE assertions SET revoked = 1, revocation_reason = ?, revoked_at = ? WHERE id = ? AND revoked = 0')
    .run(reason, now.toISOString(), id);
  return result.changes === 1;
}

export async function listRevokedAssertions(db: Db, issuerId: string): Promise<Assertion[]> {
  const rows = db
    .prepare(
      `SELECT a.* FROM assertions a JOIN badge_classes b ON b.id = a.badge_class_id
       WHERE b.issuer_id = ? AND a.revoked = 1 ORDER BY a.revoked_at`,
    )
    .all(issuerId) as AssertionRow[];
  return rows.map(assertionFromRow);
}

export async function countAssertions(db: Db): Promise<number> {
  return (db.prepare('SELECT count(*) AS n FROM assertions').get() as { n: number }).n;
}

// --- Earner accounts (owner, claim state, visibility, recipient name) ---

/** The account that holds an assertion, or null when nobody has claimed it yet. */
export async function getAssertionAccountId(db: Db, id: string): Promise<string | null> {
  const row = db.prepare('SELECT account_id FROM assertions WHERE id = ?').get(id) as { account_id: string | null } | undefined;
  return row?.account_id ?? null;
}

/** Every assertion an account holds, newest first, with badge class and issuer (one query). */
export async function listAccountAssertionRecords(db: Db, accountId: string): Promise<AssertionRecord[]> {
  const statement = db.prepare(`${recordColumns} WHERE a.account_id = ? ORDER BY a.issued_on DESC, a.id`).raw(true);
  return (statement.all(accountId) as unknown[][]).map((raw) => recordFromRawRow(statement, raw));
}

export async function setAssertionAccount(db: Db, id: string, accountId: string): Promise<void> {
  db.prepare('UPDATE assertions SET account_id = ? WHERE id = ?').run(accountId, id);
}

/** Gives an account every unclaimed assertion issued to `email` (an address it has just verified). */
export async function attachUnclaimedAssertions(db: Db, accountId: string, email: string): Promise<number> {
  return db
    .prepare(`UPDATE assertions SET account_id = ? WHERE account_id IS NULL AND recipient_email = ? AND recipient_email <> ''`)
    .run(accountId, normaliseEmail(email)).changes;
}

/** Accepting makes a badge public; declining hides it. */
export async function setClaimState(db: Db, id: string, state: Exclude<ClaimState, 'pending'>): Promise<void> {
  db.prepare('UPDATE assertions SET claim_state = ?, is_public = ? WHERE id = ?').run(state, state === 'accepted' ? 1 : 0, id);
}

export async function setAssertionPublic(db: Db, id: string, isPublic: boolean): Promise<void> {
  db.prepare('UPDATE assertions SET is_public = ? WHERE id = ?').run(isPublic ? 1 : 0, id);
}

/**
 * Corrects the recipient's name on an assertion and on every other badge of the same issuer held by the
 * same person (same account, or same email while unclaimed). Returns the ids changed.
 */
export async function correctRecipientName(db: Db, id: string, name: string): Promise<string[]> {
  const rows = db
    .prepare(
      `WITH target AS (
         SELECT a.account_id, a.recipient_email, b.issuer_id FROM assertions a
         JOIN badge_classes b ON b.id = a.badge_class_id WHERE a.id = @id)
       UPDATE assertions SET recipient_name = @name
       WHERE id = @id OR id IN (
         SELECT a.id FROM assertions a JOIN badge_classes b ON b.id = a.badge_class_id, target t
         WHERE b.issuer_id = t.issuer_id AND a.recipient_email <> '' AND
           ((t.account_id IS NOT NULL AND a.account_id = t.account_id) OR
            (t.account_id IS NULL AND a.account_id IS NULL AND a.recipient_email = t.recipient_email)))
       RETURNING id`,
    )
    .all({ id, name }) as { id: string }[];
  return rows.map((row) => row.id);
}
