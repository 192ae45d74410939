import { sql } from 'kysely';
import { isPostgres, type Db } from './engine';

/**
 * Keys of PostgreSQL advisory locks: one per job that must run on one node at a time. `initialData`
 * guards filling an empty database (demo seed, copy-database): whoever comes second finds data.
 */
const ADVISORY_LOCKS = {
  migrations: 4_242_001,
  initialData: 4_242_002,
} as const;

/**
 * Serialises `job` across every node until the transaction `trx` ends. On PostgreSQL an advisory
 * transaction lock; on SQLite the transaction itself (BEGIN IMMEDIATE) already excludes every other writer.
 */
export async function lockForTransaction(trx: Db, job: keyof typeof ADVISORY_LOCKS): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockForTransaction needs a transaction');
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS[job]})`.execute(trx);
}

/**
 * Serialises work on one `key` (a person at an issuer, say) across every node until `trx` ends: a
 * PostgreSQL advisory transaction lock on the key's hash; on SQLite the transaction already excludes
 * every other writer.
 */
export async function lockKeyForTransaction(trx: Db, key: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockKeyForTransaction needs a transaction');
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
