import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * One number that changes whenever anything a verify answer shows of this server's badges changes: the
 * verify route keeps badges it read in memory and trusts them while this number stays the same, so a
 * batch of known badges costs one tiny read instead of the joined query. Triggers keep it, so an edit made
 * with plain SQL counts too, and every API node reads the same row. Only the columns an answer shows
 * count: view and verification tallies, sessions and logins never touch it.
 *
 * On PostgreSQL the bump is one UPDATE per statement, taken inside the writer's transaction: readers see
 * the new number together with the new data (never before it), at the price of writers of these tables
 * queueing on that one row until they commit.
 */
const WATCHED: { table: string; insert: boolean; columns: string[] }[] = [
  { table: 'assertions', insert: true, columns: ['id', 'badge_class_id', 'recipient_name', 'issued_on', 'expires', 'revoked', 'revocation_reason', 'is_public', 'claim_state', 'attribute_value'] },
  { table: 'self_claims', insert: true, columns: ['id', 'account_id', 'badge_class_id', 'created_at'] },
  { table: 'badge_classes', insert: false, columns: ['id', 'issuer_id', 'name', 'description', 'category', 'attribute_kind', 'attribute_label'] },
  { table: 'issuers', insert: false, columns: ['id', 'name', 'url', 'image'] },
  { table: 'accounts', insert: false, columns: ['first_name', 'last_name'] },
];

/** Each watched table's events: INSERT (where a new row can answer for a known id), UPDATE OF the shown columns, DELETE. */
function events({ insert, columns }: (typeof WATCHED)[number]): { name: string; event: string }[] {
  return [...(insert ? [{ name: 'insert', event: 'INSERT' }] : []), { name: 'update', event: `UPDATE OF ${columns.join(', ')}` }, { name: 'delete', event: 'DELETE' }];
}

export const m019VerifyDataVersion: Migration = {
  name: 'verify data version',
  sqlite(db) {
    const triggers = WATCHED.flatMap((watched) =>
      events(watched).map(
        ({ name, event }) => `CREATE TRIGGER ${watched.table}_verify_${name} AFTER ${event} ON ${watched.table} BEGIN UPDATE verify_data_version SET version = version + 1; END;`,
      ),
    );
    db.exec(`
      CREATE TABLE verify_data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT;
      INSERT INTO verify_data_version (id, version) VALUES (1, 1);
      ${triggers.join('\n')}
    `);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE verify_data_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
      INSERT INTO verify_data_version (id, version) VALUES (1, 1);
      CREATE FUNCTION verify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE verify_data_version SET version = version + 1;
        RETURN NULL;
      END $$;
    `.execute(db);
    for (const watched of WATCHED) {
      for (const { name, event } of events(watched)) {
        await sql.raw(`CREATE TRIGGER ${watched.table}_verify_${name} AFTER ${event} ON ${watched.table} FOR EACH STATEMENT EXECUTE FUNCTION verify_data_changed()`).execute(db);
      }
    }
  },
};
