import { constantTimeEqual, randomId, sha256Hex } from '../lib/crypto';

/**
 * Secret tokens travel as "<id>.<secret>": the id finds the stored row, the secret is kept only as a
 * SHA-256 hash and compared in constant time, so neither a database leak nor response timing reveals it.
 */
export interface SecretToken {
  id: string;
  secretHash: string;
  /** What the holder gets (in a link or a cookie); never stored. */
  token: string;
}

const TOKEN_PATTERN = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/;

export function newSecretToken(): SecretToken {
  const id = randomId(12);
  const secret = randomId(32);
  return { id, secretHash: sha256Hex(secret), token: `${id}.${secret}` };
}

export function parseSecretToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  return constantTimeEqual(sha256Hex(secret), storedHash);
}

export type OneTimeFailure = 'invalid' | 'expired' | 'used';

/** What every stored one-time link keeps beside its own fields. */
interface OneTimeRow {
  secret_hash: string;
  used_at: string | null;
  expires_at: string;
}

/**
 * Finds the stored row of a one-time link's token and judges it without using it up: unknown, altered or
 * malformed tokens are 'invalid', then a used link is 'used' before an old one is 'expired'.
 */
export async function checkOneTimeSecret<T extends OneTimeRow>(
  token: string,
  findRow: (id: string) => Promise<T | undefined>,
  now: Date,
): Promise<{ ok: true; row: T } | { ok: false; reason: OneTimeFailure }> {
  const parsed = parseSecretToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const row = await findRow(parsed.id);
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { ok: false, reason: 'invalid' };
  if (row.used_at !== null) return { ok: false, reason: 'used' };
  if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, row };
}
