import { randomId, sha256Hex } from '../lib/crypto';
import type { Db } from './connection';

const KEY_PREFIX = 'blk_';

/** Creates an issuer API key. The key itself is returned once and only its hash is stored. */
export async function createApiKey(db: Db, issuerId: string, label: string | null = null, now = new Date()): Promise<{ id: string; apiKey: string }> {
  const id = randomId(9);
  const apiKey = KEY_PREFIX + randomId(32);
  db.prepare('INSERT INTO issuer_api_keys (id, issuer_id, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, issuerId, sha256Hex(apiKey), label, now.toISOString());
  return { id, apiKey };
}

/** The issuer a live key belongs to. Keys are 256-bit random, so a hash lookup is safe against timing. */
export async function findIssuerIdByApiKey(db: Db, apiKey: string): Promise<string | null> {
  if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) return null;
  const row = db
    .prepare('SELECT issuer_id FROM issuer_api_keys WHERE key_hash = ? AND revoked_at IS NULL')
    .get(sha256Hex(apiKey)) as { issuer_id: string } | undefined;
  return row?.issuer_id ?? null;
}
