import { newSecretToken, parseSecretToken, secretMatches } from '../earners/secrets';
import { normaliseEmail } from '../lib/crypto';
import type { Db } from './connection';

/**
 * Single-use tokens sent by email: claim a badge (30 days), activate an account (48 h), reset a
 * password (1 h), verify an alternate email (48 h).
 */
export type TokenKind = 'claim' | 'activation' | 'reset' | 'alt_email';

export const TOKEN_LIFETIMES_MS: Record<TokenKind, number> = {
  claim: 30 * 24 * 60 * 60 * 1000,
  activation: 48 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
  alt_email: 48 * 60 * 60 * 1000,
};

export interface TokenSubject {
  accountId?: string | null;
  assertionId?: string | null;
  email?: string | null;
}

export interface OneTimeToken {
  id: string;
  kind: TokenKind;
  accountId: string | null;
  assertionId: string | null;
  email: string | null;
  expiresAt: string;
}

export type TokenCheck = { ok: true; token: OneTimeToken } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function createOneTimeToken(db: Db, kind: TokenKind, subject: TokenSubject, now = new Date()): Promise<string> {
  const secret = newSecretToken();
  db.prepare(
    `INSERT INTO one_time_tokens (id, secret_hash, kind, account_id, assertion_id, email, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    secret.id,
    secret.secretHash,
    kind,
    subject.accountId ?? null,
    subject.assertionId ?? null,
    subject.email ? normaliseEmail(subject.email) : null,
    now.toISOString(),
    new Date(now.getTime() + TOKEN_LIFETIMES_MS[kind]).toISOString(),
  );
  return secret.token;
}

interface TokenRow {
  id: string;
  secret_hash: string;
  kind: TokenKind;
  account_id: string | null;
  assertion_id: string | null;
  email: string | null;
  expires_at: string;
  used_at: string | null;
}

/** Checks a token of `kind` without using it up. Unknown, altered and other-kind tokens are all 'invalid'. */
export async function checkOneTimeToken(db: Db, token: string, kind: TokenKind, now = new Date()): Promise<TokenCheck> {
  const parsed = parseSecretToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const row = db.prepare('SELECT * FROM one_time_tokens WHERE id = ?').get(parsed.id) as TokenRow | undefined;
  if (!row || !secretMatches(parsed.secret, row.secret_hash) || row.kind !== kind) return { ok: false, reason: 'invalid' };
  if (row.used_at !== null) return { ok: false, reason: 'used' };
  if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    token: { id: row.id, kind: row.kind, accountId: row.account_id, assertionId: row.assertion_id, email: row.email, expiresAt: row.expires_at },
  };
}

/** Uses a token up; false when it was already used (two racing requests: only one wins). */
export async function consumeOneTimeToken(db: Db, tokenId: string, now = new Date()): Promise<boolean> {
  return db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now.toISOString(), tokenId).changes === 1;
}

/** Uses up every open token of `kind` for an assertion (a claimed badge's other claim links stop working). */
export async function consumeAssertionTokens(db: Db, assertionId: string, kind: TokenKind, now = new Date()): Promise<void> {
  db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE assertion_id = ? AND kind = ? AND used_at IS NULL').run(now.toISOString(), assertionId, kind);
}

/** Uses up every open token of `kind` for an account (a new reset link replaces older ones). */
export async function consumeAccountTokens(db: Db, accountId: string, kind: TokenKind, now = new Date()): Promise<void> {
  db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE account_id = ? AND kind = ? AND used_at IS NULL').run(now.toISOString(), accountId, kind);
}
