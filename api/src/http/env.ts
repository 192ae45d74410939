import type { Db } from '../db/connection';

export interface AppDeps {
  db: Db;
  /** Absolute base of every public URL and Open Badges id, without a trailing slash. */
  publicUrl: string;
  /** The clock; tests pass a fixed one to check expiry. */
  now?: () => Date;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    issuerId: string;
  };
}
