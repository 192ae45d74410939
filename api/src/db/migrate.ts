import type Database from 'better-sqlite3';
import { migrations } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly dbVersion: number, readonly codeVersion: number) {
    super(
      `The database is at schema version ${dbVersion} but this code only knows up to ${codeVersion}. ` +
        'Upgrade BadgeLens instead of running an older version against this database.',
    );
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, upTo: number = migrations.length): void {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
  for (let version = current + 1; version <= upTo; version++) {
    const migration = migrations[version - 1];
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
