import { randomId, sha256Hex } from '../lib/crypto';
import type { Db } from './engine';

const KEY_PREFIX = 'blk_';

/** Creates an issuer API key. The key itself is returned once and only its hash is stored. */
export async function createApiKey(db: Db, issuerId: string, label: string | null = null, now = new Date()): Promise<{ id: string; apiKey: string }> {
  const id = randomId(9);
  const apiKey = KEY_PREFIX + randomId(32);
  await db
    .insertInto('issuer_api_keys')
    .values({ id, issuer_id: issuerId, key_hash: sha256Hex(apiKey), label, created_at: now.toISOString() })
    .execute();
  return { id, apiKey };
}

/** How stale a key's `last_used_at` may get before a use writes it again (one write a minute per key at most). */
const LAST_USED_PRECISION_MS = 60_000;

/** The issuer a live key belongs to (noting when the key was last used). Keys are 256-bit random, so a hash lookup is safe against timing. */
export async function findIssuerIdByApiKey(db: Db, apiKey: string, now = new Date()): Promise<string | null> {
  if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) return null;
  const row = await db
    .selectFrom('issuer_api_keys')
    .select(['id', 'issuer_id', 'last_used_at'])
    .where('key_hash', '=', sha256Hex(apiKey))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || Date.parse(row.last_used_at) <= now.getTime() - LAST_USED_PRECISION_MS) {
    await db.updateTable('issuer_api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return row.issuer_id;
}
