import { newSecretToken, parseSecretToken, secretMatches } from '../earners/secrets';
import type { Db } from './connection';

/** Cookie sessions serve the pages; bearer sessions serve the extension (POST /api/v1/auth/token). */
export type SessionKind = 'cookie' | 'bearer';

export interface NewSession {
  token: string;
  expiresAt: string;
}

export async function createSession(db: Db, accountId: string, kind: SessionKind, ttlMs: number, now = new Date()): Promise<NewSession> {
  const secret = newSecretToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  db.prepare('INSERT INTO sessions (id, secret_hash, account_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    secret.id,
    secret.secretHash,
    accountId,
    kind,
    now.toISOString(),
    expiresAt,
  );
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
  const row = db.prepare('SELECT secret_hash, account_id, kind, expires_at FROM sessions WHERE id = ?').get(parsed.id) as
    | { secret_hash: string; account_id: string; kind: SessionKind; expires_at: string }
    | undefined;
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  if (row.kind !== kind || Date.parse(row.expires_at) <= now.getTime()) return null;
  return { sessionId: parsed.id, accountId: row.account_id };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
}

/** Ends every session of the account (password reset, account deletion). */
export async function deleteAccountSessions(db: Db, accountId: string): Promise<number> {
  return db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId).changes;
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
}
