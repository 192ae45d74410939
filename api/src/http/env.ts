import type { Db } from '../db/connection';
import type { SafeFetch } from '../fetch';

export interface AppDeps {
  db: Db;
  /** Absolute base of every public URL and Open Badges id, without a trailing slash. */
  publicUrl: string;
  /** The clock; tests pass a fixed one to check expiry. */
  now?: () => Date;
  /** Take the client address for rate limits from X-Forwarded-For (only behind your own proxy). */
  trustProxy?: boolean;
  /** Serve /dev/outbox: only when mail goes to the embedded outbox, never with a real SMTP server. */
  devOutbox?: boolean;
  /** The one outbound-fetch function (SSRF-safe); tests pass one with FETCH_TEST_HOSTS-style hosts or a fake resolver. */
  safeFetch?: SafeFetch;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    issuerId: string;
    /** The signed-in earner (set by earnerAuth / the page session). */
    accountId: string;
    sessionId: string;
  };
}
