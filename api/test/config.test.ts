import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, normalisePublicUrl, parseTrustProxy } from '../src/config';
import { formatRateLimit, parseRateLimit, RATE_LIMITS, rateLimitVariable } from '../src/earners/rateLimit';

const KEK = '0f'.repeat(32);

describe('config', () => {
  it('defaults to port 8787, localhost public URL and ./data/badgelens.db', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.publicUrl).toBe('http://localhost:8787');
    expect(config.databasePath.endsWith('/data/badgelens.db')).toBe(true);
    expect(config).toMatchObject({ production: false, smtpUrl: null, devOutbox: true, trustProxy: 0, rateLimits: RATE_LIMITS });
  });

  it('reads PORT, PUBLIC_URL and DATABASE_PATH', () => {
    const config = loadConfig({ PORT: '9000', PUBLIC_URL: 'https://badges.example.org/', DATABASE_PATH: '/tmp/x.db' });
    expect(config).toMatchObject({ port: 9000, publicUrl: 'https://badges.example.org', databasePath: '/tmp/x.db' });
  });

  it('keeps a path prefix but drops trailing slashes, and refuses what cannot be a public base', () => {
    expect(normalisePublicUrl('https://example.org/badges//')).toBe('https://example.org/badges');
    expect(() => normalisePublicUrl('ftp://example.org')).toThrow(/http/);
    expect(() => normalisePublicUrl('not a url')).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('requires SMTP_URL in production, and never serves the outbox there or when mail has a real server', () => {
    for (const SMTP_URL of [undefined, '', '   ']) {
      expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL }), String(SMTP_URL)).toThrow(/SMTP_URL/);
    }
    expect(loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:587', KEY_ENCRYPTION_KEY: KEK })).toMatchObject({ production: true, devOutbox: false });
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' })).toMatchObject({ devOutbox: false, smtpUrl: 'smtp://mail.example.org:587' });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ devOutbox: true });
  });

  it('reads KEY_ENCRYPTION_KEY: required in production and with DATABASE_URL, a key file otherwise (null here)', () => {
    expect(loadConfig({}).keyEncryptionKey).toBeNull();
    expect(loadConfig({ KEY_ENCRYPTION_KEY: '' }).keyEncryptionKey).toBeNull();
    expect(loadConfig({ KEY_ENCRYPTION_KEY: ` ${KEK.toUpperCase()} ` }).keyEncryptionKey?.toHex()).toBe(KEK);
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/badgelens', KEY_ENCRYPTION_KEY: KEK }).keyEncryptionKey?.toHex()).toBe(KEK);
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/KEY_ENCRYPTION_KEY must be set when NODE_ENV=production/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db.example/badgelens' })).toThrow(/KEY_ENCRYPTION_KEY must be set with DATABASE_URL, also in development/);
    for (const bad of ['abc', KEK.slice(1), `${KEK}00`, 'g'.repeat(64)]) {
      try {
        loadConfig({ KEY_ENCRYPTION_KEY: bad });
        expect.unreachable(bad);
      } catch (error) {
        expect((error as ConfigError).problems, bad).toEqual([expect.stringMatching(/^KEY_ENCRYPTION_KEY must be 64 hexadecimal characters/)]);
        // The message never repeats the value.
        expect((error as Error).message.includes(bad)).toBe(false);
      }
    }
  });

  it('lists every wrong setting at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'x', PUBLIC_URL: 'https://badges.example.org', TRUST_PROXY: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.split(' ')[0])).toEqual(['PORT', 'SMTP_URL', 'TRUST_PROXY', 'KEY_ENCRYPTION_KEY']);
    }
  });

  it('reads TRUST_PROXY as a number of hops', () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy('')).toBe(0);
    expect(parseTrustProxy('0')).toBe(0);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
    for (const bad of ['true', 'yes', '-1', '1.5', '11', '0x1']) expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '3' }).trustProxy).toBe(3);
  });

  it('makes every rate limit a setting, and RATE_LIMITS=off switches them all off', () => {
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toBe('off');
    expect(loadConfig({ RATE_LIMITS: 'OFF' }).rateLimits).toBe('off');
    expect(() => loadConfig({ RATE_LIMITS: 'false' })).toThrow(/RATE_LIMITS/);
    const tuned = loadConfig({ RATE_LIMIT_LOGIN: '5/1m', RATE_LIMIT_VERIFY: '1000/10s' }).rateLimits;
    expect(tuned).not.toBe('off');
    if (tuned === 'off') return;
    expect(tuned.login).toEqual({ name: 'login', limit: 5, windowMs: 60_000 });
    expect(tuned.verify).toEqual({ name: 'verify', limit: 1000, windowMs: 10_000 });
    expect(tuned.reset).toEqual(RATE_LIMITS.reset);
    expect(() => loadConfig({ RATE_LIMIT_REGISTER: 'twenty an hour' })).toThrow(/RATE_LIMIT_REGISTER must be <count>\/<window> such as "20\/1h"/);
  });

  it('reads and writes rate-limit settings as <count>/<window>', () => {
    expect(parseRateLimit('30/15m')).toEqual({ limit: 30, windowMs: 15 * 60_000 });
    expect(parseRateLimit(' 300 / 1 m ')).toEqual({ limit: 300, windowMs: 60_000 });
    expect(parseRateLimit('10/1d')).toEqual({ limit: 10, windowMs: 86_400_000 });
    for (const bad of ['0/1m', '5/0s', '5', '5/m', '5/1w', '-5/1m', '5/1.5m']) expect(parseRateLimit(bad), bad).toBeNull();
    for (const rule of Object.values(RATE_LIMITS)) expect(parseRateLimit(formatRateLimit(rule))).toEqual({ limit: rule.limit, windowMs: rule.windowMs });
    expect(rateLimitVariable('login')).toBe('RATE_LIMIT_LOGIN');
    expect(rateLimitVariable('altEmail')).toBe('RATE_LIMIT_ALT_EMAIL');
  });

  it('documents every setting and every rate limit with its default in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const setting of ['PORT', 'PUBLIC_URL', 'DATABASE_PATH', 'SMTP_URL', 'MAIL_FROM', 'NODE_ENV', 'TRUST_PROXY', 'RATE_LIMITS', 'KEY_ENCRYPTION_KEY']) {
      expect(readme, setting).toContain(`\`${setting}\``);
    }
    for (const rule of Object.values(RATE_LIMITS)) {
      expect(readme, rule.name).toContain(`\`${rateLimitVariable(rule.name)}\` | \`${formatRateLimit(rule)}\``);
    }
  });
});
