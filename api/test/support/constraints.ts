// The words each engine uses when a constraint refuses a write.
export const VIOLATES = {
  check: /CHECK constraint failed|violates check constraint/,
  foreignKey: /FOREIGN KEY constraint failed|violates foreign key constraint/,
  unique: /UNIQUE constraint failed|duplicate key value violates unique constraint/,
} as const;
