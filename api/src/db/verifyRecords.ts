// What POST /api/v1/verify reads of this server's badges: issued assertions and self-claims together, in
// one query per batch, with only the columns a verify answer shows (not the 57 of a full record).
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type CompiledQuery } from 'kysely';
import type { BadgeAttributeKind } from '../../../shared/schemas/attributes';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { engineOf, sqliteHandle, type Db } from './engine';
import type { ClaimState } from './schema';

/** The badge class and issuer columns both kinds of row carry. */
interface VerifyRowBase {
  id: string;
  badge_class_id: string;
  badge_class_name: string;
  badge_class_description: string;
  category: BadgeCategory;
  attribute_kind: BadgeAttributeKind | null;
  attribute_label: string | null;
  issuer_id: string;
  issuer_name: string;
  issuer_url: string;
  issuer_image: string | null;
}

/** An issued assertion (the self-claim columns are null). */
export interface VerifyAssertionRow extends VerifyRowBase {
  kind: 'assertion';
  recipient_name: string;
  issued_on: string;
  expires: string | null;
  revoked: number;
  revocation_reason: string | null;
  is_public: number;
  claim_state: ClaimState;
  /** JSON, as stored. */
  attribute_value: string | null;
}

/** A self-claim: `issued_on` is when it was claimed; the holder's name from the account. */
export interface VerifySelfClaimRow extends VerifyRowBase {
  kind: 'self_claim';
  issued_on: string;
  first_name: string;
  last_name: string;
}

export type VerifyRow = VerifyAssertionRow | VerifySelfClaimRow;

/** The one statement for `count` ids (they are bound twice: once per branch). */
function buildQuery(db: Db, count: number): CompiledQuery<VerifyRow> {
  const ids = Array.from({ length: count }, () => '');
  const badgeClassAndIssuer = [
    'b.id as badge_class_id',
    'b.name as badge_class_name',
    'b.description as badge_class_description',
    'b.category as category',
    'b.attribute_kind as attribute_kind',
    'b.attribute_label as attribute_label',
    'i.id as issuer_id',
    'i.name as issuer_name',
    'i.url as issuer_url',
    'i.image as issuer_image',
  ] as const;
  const nothing = sql<null>`null`;
  const assertions = db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .innerJoin('issuers as i', 'i.id', 'b.issuer_id')
    .select([
      sql<string>`'assertion'`.as('kind'),
      'a.id as id',
      'a.recipient_name as recipient_name',
      'a.issued_on as issued_on',
      'a.expires as expires',
      'a.revoked as revoked',
      'a.revocation_reason as revocation_reason',
      'a.is_public as is_public',
      'a.claim_state as claim_state',
      'a.attribute_value as attribute_value',
      nothing.as('first_name'),
      nothing.as('last_name'),
      ...badgeClassAndIssuer,
    ])
    .where('a.id', 'in', ids);
  const selfClaims = db
    .selectFrom('self_claims as s')
    .innerJoin('accounts as acc', 'acc.id', 's.account_id')
    .innerJoin('badge_classes as b', 'b.id', 's.badge_class_id')
    .innerJoin('issuers as i', 'i.id', 'b.issuer_id')
    .select([
      sql<string>`'self_claim'`.as('kind'),
      's.id as id',
      nothing.as('recipient_name'),
      's.created_at as issued_on',
      nothing.as('expires'),
      nothing.as('revoked'),
      nothing.as('revocation_reason'),
      nothing.as('is_public'),
      nothing.as('claim_state'),
      nothing.as('attribute_value'),
      'acc.first_name as first_name',
      'acc.last_name as last_name',
      ...badgeClassAndIssuer,
    ])
    .where('s.id', 'in', ids);
  // The branches differ in which columns are null; VerifyRow tells the two kinds apart by `kind`.
  return assertions.unionAll(selfClaims as unknown as typeof assertions).compile() as unknown as CompiledQuery<VerifyRow>;
}

// Built once per engine and id count: the verify route runs it on every request.
const compiledQueries = new Map<string, CompiledQuery<VerifyRow>>();

function compiledQuery(db: Db, count: number): CompiledQuery<VerifyRow> {
  const key = `${engineOf(db)} ${count}`;
  let compiled = compiledQueries.get(key);
  if (!compiled) {
    compiled = buildQuery(db, count);
    compiledQueries.set(key, compiled);
  }
  return compiled;
}

/**
 * The rows of these ids (unknown ids absent), by id. An issued assertion wins over a self-claim of the same
 * id (an issuer verifying a claim in place issues under its id).
 */
export async function getVerifyRows(db: Db, ids: readonly string[]): Promise<Map<string, VerifyRow>> {
  const unique = [...new Set(ids)];
  const rows = new Map<string, VerifyRow>();
  if (unique.length === 0) return rows;
  const { rows: found } = await db.executeQuery<VerifyRow>({ ...compiledQuery(db, unique.length), parameters: [...unique, ...unique] });
  for (const row of found) {
    if (row.kind === 'assertion' || !rows.has(row.id)) rows.set(row.id, row);
  }
  return rows;
}

const compiledVersionQueries = new Map<string, CompiledQuery<{ version: number | string }>>();
const rawVersionStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/**
 * The number migration 019's triggers bump on every change a verify answer shows (as text: PostgreSQL's
 * bigint arrives as a string). Badges read while it had this value are still what the database holds.
 */
export async function verifyDataVersion(db: Db): Promise<string> {
  // Embedded SQLite with no transaction open on its one connection has nothing uncommitted to show: read it
  // directly, the hot path of every verify request. Inside a transaction, wait for it like any query.
  const raw = sqliteHandle(db);
  if (raw && !raw.inTransaction) {
    let statement = rawVersionStatements.get(raw);
    if (!statement) {
      statement = raw.prepare('SELECT version FROM verify_data_version WHERE id = 1').pluck();
      rawVersionStatements.set(raw, statement);
    }
    const version = statement.get() as number | undefined;
    if (version === undefined) throw new Error('verify_data_version has no row: the database is not migrated');
    return String(version);
  }
  const engine = engineOf(db);
  let compiled = compiledVersionQueries.get(engine);
  if (!compiled) {
    compiled = db.selectFrom('verify_data_version').select('version').where('id', '=', 1).compile();
    compiledVersionQueries.set(engine, compiled);
  }
  const { rows } = await db.executeQuery(compiled);
  if (rows.length !== 1) throw new Error('verify_data_version has no row: the database is not migrated');
  return String(rows[0].version);
}
