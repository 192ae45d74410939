/**
 * A write refused because a row it refers to is gone (PostgreSQL 23503; SQLite's foreign-key
 * constraint): it lost a race with a deletion.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
