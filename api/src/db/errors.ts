/**
 * A write refused because a row it refers to is gone (PostgreSQL 23503; SQLite's foreign-key
 * constraint): it lost a race with a deletion.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A write refused because a row with the same unique key exists (PostgreSQL 23505; SQLite's unique or primary key constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
