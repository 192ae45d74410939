import type { KeyEncryptionKey } from '../credentials/keys';
import type { Db } from '../db/connection';
import type { RateLimitSettings } from '../earners/rateLimit';
import type { SafeFetch } from '../fetch';
import type { BadgeEventCounter } from '../sharing/badgeEventCounter';
import type { ForeignVerifier } from '../verify/foreign';

export interface AppDeps {
  db: Db;
  /** Absolute base of every public URL and Open Badges id, without a trailing slash. */
  publicUrl: string;
  /** The clock; tests pass a fixed one to check expiry. */
  now?: () => Date;
  /**
   * How many proxies in front of the server to trust (TRUST_PROXY): the client address is then the
   * `trustProxy`-th X-Forwarded-For entry from the right. 0: the socket's address.
   */
  trustProxy?: number;
  /** Serve /dev/outbox (to loopback clients only): only when mail goes to the embedded outbox, never in production. */
  devOutbox?: boolean;
  /** The rate-limit rules in force (RATE_LIMIT_* settings), or 'off' (RATE_LIMITS=off, for load tests). */
  rateLimits?: RateLimitSettings;
  /** The one outbound-fetch function (SSRF-safe); tests pass one with FETCH_TEST_HOSTS-style hosts or a fake resolver. */
  safeFetch?: SafeFetch;
  /**
   * Seals issuer signing keys in the database (KEY_ENCRYPTION_KEY). Without it, a key made up for this
   * database that lives as long as the process (tests); the server always passes the configured one.
   */
  keyEncryptionKey?: KeyEncryptionKey;
  /**
   * Queue an Open Badges 3.0 credential for every badge issued (default true). Only bench/issue.ts
   * switches it off, to measure issuing without it.
   */
  issueCredentials?: boolean;
  /** Verifies badges of other sites (through `safeFetch`), with its result cache; tests pass one with a short time budget. */
  foreignVerifier?: ForeignVerifier;
  /** Told when a bulk-issuing job was queued, so the worker of this node starts on it at once (server.ts). */
  onBulkJobQueued?: () => void;
  /** Badge views and shares, counted in memory and written in batches; the server stops it on shutdown (default: one of its own). */
  badgeEvents?: BadgeEventCounter;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    issuerId: string;
    /** The signed-in earner (set by earnerAuth / the page session). */
    accountId: string;
    sessionId: string;
    /** Set by a page at a badge URL that is not an issued badge (a self-claim): its views are not counted. */
    badgeViewNotCounted?: boolean;
  };
}
