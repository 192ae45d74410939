import { checkOneTimeSecret, newSecretToken } from '../earners/secrets';
import { normaliseEmail } from '../lib/crypto';
import type { Db } from './engine';

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

/** What an activation link confirms: the registration that sent it (whoever opens the link must know its password). */
export interface Registration {
  passwordHash: string;
  firstName: string;
  lastName: string;
}

export interface TokenSubject {
  accountId?: string | null;
  assertionId?: string | null;
  email?: string | null;
  registration?: Registration | null;
}

export interface OneTimeToken {
  id: string;
  kind: TokenKind;
  accountId: string | null;
  assertionId: string | null;
  email: string | null;
  /** Activation links only (null on links created before registrations were stored with them). */
  registration: Registration | null;
  expiresAt: string;
}

export type TokenCheck = { ok: true; token: OneTimeToken } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function createOneTimeToken(db: Db, kind: TokenKind, subject: TokenSubject, now = new Date()): Promise<string> {
  const secret = newSecretToken();
  await db
    .insertInto('one_time_tokens')
    .values({
      id: secret.id,
      secret_hash: secret.secretHash,
      kind,
      account_id: subject.accountId ?? null,
      assertion_id: subject.assertionId ?? null,
      email: subject.email ? normaliseEmail(subject.email) : null,
      password_hash: subject.registration?.passwordHash ?? null,
      first_name: subject.registration?.firstName ?? null,
      last_name: subject.registration?.lastName ?? null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIMES_MS[kind]).toISOString(),
    })
    .execute();
  return secret.token;
}

/** Checks a token of `kind` without using it up. Unknown, altered and other-kind tokens are all 'invalid'. */
export async function checkOneTimeToken(db: Db, token: string, kind: TokenKind, now = new Date()): Promise<TokenCheck> {
  // A token of another kind is unknown here.
  const check = await checkOneTimeSecret(token, (id) => db.selectFrom('one_time_tokens').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst(), now);
  if (!check.ok) return check;
  const { row } = check;
  return {
    ok: true,
    token: {
      id: row.id,
      kind: row.kind,
      accountId: row.account_id,
      assertionId: row.assertion_id,
      email: row.email,
      registration:
        row.password_hash !== null ? { passwordHash: row.password_hash, firstName: row.first_name ?? '', lastName: row.last_name ?? '' } : null,
      expiresAt: row.expires_at,
    },
  };
}

/** Uses a token up; false when it was already used (two racing requests: only one wins). */
export async function consumeOneTimeToken(db: Db, tokenId: string, now = new Date()): Promise<boolean> {
  const result = await db.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('id', '=', tokenId).where('used_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Uses up every open token of `kind` for an assertion (a claimed badge's other claim links stop working). */
export async function consumeAssertionTokens(db: Db, assertionId: string, kind: TokenKind, now = new Date()): Promise<void> {
  await db
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('assertion_id', '=', assertionId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .execute();
}

/** Uses up every open token of `kind` for an account (a new reset link replaces older ones). */
export async function consumeAccountTokens(db: Db, accountId: string, kind: TokenKind, now = new Date()): Promise<void> {
  await db
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .execute();
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Forgets one-time tokens a week after they expired or were used (a late click still gets the clear "expired"/"used" page). */
export async function deleteStaleTokens(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - WEEK_MS).toISOString();
  const result = await db
    .deleteFrom('one_time_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', cutoff), eb('used_at', '<=', cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
