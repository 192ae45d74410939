import { resolve } from 'node:path';
import { KEY_ENCRYPTION_KEY_VARIABLE, KeyEncryptionKey } from './credentials/keys';
import { formatRateLimit, parseRateLimit, RATE_LIMITS, rateLimitVariable, type RateLimitRule, type RateLimitSettings } from './earners/rateLimit';

export interface Config {
  port: number;
  publicUrl: string;
  databasePath: string;
  /** NODE_ENV=production: no development conveniences (no outbox), every required setting present. */
  production: boolean;
  /** The mail server (SMTP_URL); null: mail goes to the development outbox. */
  smtpUrl: string | null;
  mailFrom: string | undefined;
  /** Serve /dev/outbox to loopback clients: only without SMTP_URL and never in production. */
  devOutbox: boolean;
  /** TRUST_PROXY: how many proxies in front of the server add an X-Forwarded-For entry (0: none). */
  trustProxy: number;
  rateLimits: RateLimitSettings;
  /**
   * KEY_ENCRYPTION_KEY, which seals issuer signing keys in the database. Null in development on the
   * embedded database without it: the server then uses a key file next to the database (server.ts).
   */
  keyEncryptionKey: KeyEncryptionKey | null;
}

/** Every setting that is wrong, in one message, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const MAX_TRUSTED_HOPS = 10;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const check = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };

  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const publicUrl = check(() => normalisePublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`), '');
  const production = env.NODE_ENV === 'production';
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (production && !smtpUrl) {
    problems.push('SMTP_URL must be set when NODE_ENV=production (smtp://user:password@host:587): without it mail would only reach the development outbox.');
  }
  const trustProxy = check(() => parseTrustProxy(env.TRUST_PROXY), 0);
  const rateLimits = check(() => parseRateLimitSettings(env), 'off' as RateLimitSettings);
  const keyEncryptionKey = check(() => readKeyEncryptionKey(env), null);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    publicUrl,
    databasePath: resolve(env.DATABASE_PATH ?? './data/badgelens.db'),
    production,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || undefined,
    devOutbox: !smtpUrl && !production,
    trustProxy,
    rateLimits,
    keyEncryptionKey,
  };
}

/**
 * KEY_ENCRYPTION_KEY: 64 hexadecimal characters. Required in production, and with DATABASE_URL in any
 * environment: a PostgreSQL database is shared by nodes that must all open the same keys, which a key
 * file on one machine cannot give them. Null (development on the embedded database): a key file.
 */
export function readKeyEncryptionKey(env: NodeJS.ProcessEnv): KeyEncryptionKey | null {
  const value = env[KEY_ENCRYPTION_KEY_VARIABLE]?.trim();
  if (value) return KeyEncryptionKey.fromHex(value);
  const hint = 'set it to 64 hexadecimal characters (32 bytes), e.g. from `openssl rand -hex 32`, the same on every node, and keep it with your backups';
  if (env.NODE_ENV === 'production') {
    throw new Error(`${KEY_ENCRYPTION_KEY_VARIABLE} must be set when NODE_ENV=production (it encrypts the issuers' signing keys): ${hint}.`);
  }
  if (env.DATABASE_URL?.trim()) {
    throw new Error(
      `${KEY_ENCRYPTION_KEY_VARIABLE} must be set with DATABASE_URL, also in development: every node on the shared database must open ` +
        `the same issuer signing keys, which a key file on one machine cannot give them; ${hint}.`,
    );
  }
  return null;
}

/** TRUST_PROXY: unset, empty or 0 = no proxy; N = N proxies, each adding one X-Forwarded-For entry. */
export function parseTrustProxy(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 0;
  const hops = Number(text);
  if (!/^\d+$/.test(text) || hops > MAX_TRUSTED_HOPS) {
    throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (0 to ${MAX_TRUSTED_HOPS}), got "${value}"`);
  }
  return hops;
}

/** RATE_LIMITS=off, or each rule with its RATE_LIMIT_<NAME>=<count>/<window> override. */
export function parseRateLimitSettings(env: NodeJS.ProcessEnv): RateLimitSettings {
  const switchValue = env.RATE_LIMITS?.trim().toLowerCase() ?? '';
  if (switchValue === 'off') return 'off';
  if (switchValue !== '' && switchValue !== 'on') throw new Error(`RATE_LIMITS must be "on" or "off", got "${env.RATE_LIMITS}"`);
  const rules: Record<string, RateLimitRule> = {};
  for (const rule of Object.values(RATE_LIMITS)) {
    const variable = rateLimitVariable(rule.name);
    const value = env[variable]?.trim();
    if (!value) {
      rules[rule.name] = rule;
      continue;
    }
    const parsed = parseRateLimit(value);
    if (!parsed) throw new Error(`${variable} must be <count>/<window> such as "${formatRateLimit(rule)}" (window units s, m, h, d), got "${value}"`);
    rules[rule.name] = { name: rule.name, ...parsed };
  }
  return rules;
}

/** The base every public id is built from: an http(s) origin plus optional path, without a trailing slash. */
export function normalisePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be http(s), got "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
