import { newSecretToken, parseSecretToken, secretMatches } from '../earners/secrets';
import type { Db } from './engine';

/** Cookie sessions serve the pages; bearer sessions serve the extension (POST /api/v1/auth/token). */
export type SessionKind = 'cookie' | 'bearer';

export interface NewSession {
  token: string;
  expiresAt: string;
}

export async function createSession(db: Db, accountId: string, kind: SessionKind, ttlMs: number, now = new Date()): Promise<NewSession> {
  const secret = newSecretToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({ id: secret.id, secret_hash: secret.secretHash, account_id: accountId, kind, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return { token: secret.token, expiresAt };
}

export interface SessionMatch {
  sessionId: string;
  accountId: string;
}

/** The live session of that kind the token opens, or null (unknown, altered, expired or of another kind). */
export async function findSession(db: Db, token: string, kind: SessionKind, now = new Date()): Promise<SessionMatch | null> {
  const parsed = parseSecretToken(token);
  if (!parsed) return null;
  const row = await db.selectFrom('sessions').select(['secret_hash', 'account_id', 'kind', 'expires_at']).where('id', '=', parsed.id).executeTakeFirst();
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  if (row.kind !== kind || Date.parse(row.expires_at) <= now.getTime()) return null;
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
