import { newSecretToken, parseSecretToken, secretMatches } from '../earners/secrets';
import type { Db } from './engine';
import { isForeignKeyViolation } from './errors';

/** Cookie sessions serve the pages; bearer sessions serve the extension (POST /api/v1/auth/token). */
export type SessionKind = 'cookie' | 'bearer';

export interface NewSession {
  token: string;
  expiresAt: string;
}

/**
 * Creates a session for the account, only while its credentials are still those of `credentialVersion`
 * (the version read together with the password that was checked): one INSERT … SELECT, so a password
 * changed or an account deleted during the check leaves nothing behind. Null when refused.
 */
export async function createSession(
  db: Db,
  account: { id: string; credentialVersion: number },
  kind: SessionKind,
  ttlMs: number,
  now = new Date(),
): Promise<NewSession | null> {
  const secret = newSecretToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  try {
    const result = await db
      .insertInto('sessions')
      .columns(['id', 'secret_hash', 'account_id', 'kind', 'created_at', 'expires_at', 'credential_version'])
      .expression((eb) =>
        eb
          .selectFrom('accounts')
          .select((inner) => [
            inner.val(secret.id).as('id'),
            inner.val(secret.secretHash).as('secret_hash'),
            'id as account_id',
            inner.val(kind).as('kind'),
            inner.val(now.toISOString()).as('created_at'),
            inner.val(expiresAt).as('expires_at'),
            'credential_version',
          ])
          .where('id', '=', account.id)
          .where('credential_version', '=', account.credentialVersion),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  } catch (error) {
    // PostgreSQL: the account was deleted by a transaction that committed while this statement ran.
    if (isForeignKeyViolation(error)) return null;
    throw error;
  }
  return { token: secret.token, expiresAt };
}

export interface SessionMatch {
  sessionId: string;
  accountId: string;
}

/**
 * The live session of that kind the token opens, or null (unknown, altered, expired, of another kind, or
 * created before the account's password last changed).
 */
export async function findSession(db: Db, token: string, kind: SessionKind, now = new Date()): Promise<SessionMatch | null> {
  const parsed = parseSecretToken(token);
  if (!parsed) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.secret_hash', 's.account_id', 's.kind', 's.expires_at', 's.credential_version', 'a.credential_version as current_version'])
    .where('s.id', '=', parsed.id)
    .executeTakeFirst();
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  if (row.kind !== kind || Date.parse(row.expires_at) <= now.getTime() || row.credential_version !== row.current_version) return null;
  return { sessionId: parsed.id, accountId: row.account_id };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of the account (password reset, account deletion). */
export async function deleteAccountSessions(db: Db, accountId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
