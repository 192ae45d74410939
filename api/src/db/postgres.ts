// The engine for many nodes: PostgreSQL through a pg connection pool behind Kysely's PostgreSQL dialect.
import { PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;

/**
 * count(*) and sum() answer int8, which pg hands out as strings; every count here fits in a double,
 * so they come back as numbers, as they do from SQLite.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function postgresDialect(connectionString: string, maxConnections = 10): PostgresDialect {
  const pool = new pg.Pool({ connectionString, max: maxConnections, types });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the next
  // query reconnects. Once the pool is closing, its connections going away is expected.
  pool.on('error', (error) => {
    if (!pool.ending) console.error('PostgreSQL connection lost:', error.message);
  });
  return new PostgresDialect({ pool });
}
