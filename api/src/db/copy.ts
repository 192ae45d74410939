// copy-database: every row of one database into another, empty one (an embedded SQLite database into
// PostgreSQL when an operator moves to several nodes). Both are migrated to the same version first.
import { sql } from 'kysely';
import { isPostgres, transaction, type Db } from './engine';
import { lockForTransaction } from './locks';
import type { Database } from './schema';
import { reindexAllBadgeClasses } from './search';

/** Parents before children, so every foreign key finds its row. The search index is rebuilt, not copied. */
export const COPIED_TABLES = [
  'issuers',
  'issuer_api_keys',
  'badge_classes',
  'skill_synonyms',
  'accounts',
  'assertions',
  'account_emails',
  'sessions',
  'one_time_tokens',
  'mail_queue',
  'outbox',
  'assertion_daily_counts',
  'assertion_daily_verifications',
  'rate_limit_counters',
  'issuer_keys',
  'status_lists',
  'assertion_credentials',
] as const satisfies readonly (keyof Database)[];

export type CopiedTable = (typeof COPIED_TABLES)[number];

/** Tables whose integer ids the target numbers by itself afterwards (identity columns on PostgreSQL). */
const NUMBERED_TABLES = ['mail_queue', 'outbox'] as const;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const BATCH_ROWS = 500;

export class TargetNotEmptyError extends Error {
  constructor(readonly table: string) {
    super(`The target database is not empty (table ${table} has rows): copy-database only fills an empty database.`);
  }
}

async function hasRows(db: Db, table: CopiedTable): Promise<boolean> {
  return (await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Copies every row of `source` into `target` in one transaction on the target: all of it or nothing.
 * Refuses a target holding any row. Returns the rows copied per table.
 */
export async function copyDatabase(source: Db, target: Db): Promise<Record<CopiedTable, number>> {
  return transaction(target, async (trx) => {
    await lockForTransaction(trx, 'initialData');
    for (const table of COPIED_TABLES) if (await hasRows(trx, table)) throw new TargetNotEmptyError(table);
    const copied = {} as Record<CopiedTable, number>;
    for (const table of COPIED_TABLES) {
      copied[table] = 0;
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        // The rows come from the same schema: Kysely cannot tell which table's row type `table` holds.
        if (batch.length) await trx.insertInto(table).values(batch as never).execute();
        copied[table] += batch.length;
        batch = [];
      };
      for await (const row of source.selectFrom(table).selectAll().stream()) {
        batch.push(row as Record<string, unknown>);
        if (batch.length === BATCH_ROWS) await flush();
      }
      await flush();
    }
    await reindexAllBadgeClasses(trx);
    if (isPostgres(trx)) {
      for (const table of NUMBERED_TABLES) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) FROM ${sql.table(table)}`.execute(trx);
      }
    }
    return copied;
  });
}
