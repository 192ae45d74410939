// A database made by the release before the PostgreSQL data layer (fixtures/legacy, schema version 4)
// opened with today's code: migrated in place, nothing lost, everything still working.
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { searchCatalogue } from '../../src/catalogue/search';
import { openDb } from '../../src/db/connection';
import { listMailQueue, listOutbox } from '../../src/db/mailQueue';
import { migrations } from '../../src/db/migrations';
import { schemaVersion } from '../../src/db/migrate';
import { createMailTransport } from '../../src/mail/transport';
import { processMailQueue } from '../../src/mail/worker';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../../src/earners/demoAccounts';
import { jsonRequest } from '../helpers';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'legacy', 'badgelens-v4.db');
const PUBLIC_URL = 'https://badges.legacy.example';
const LEGACY_TABLES = [
  'issuers', 'issuer_api_keys', 'badge_classes', 'assertions', 'accounts', 'account_emails', 'sessions',
  'one_time_tokens', 'mail_queue', 'outbox', 'assertion_daily_counts', 'badge_classes_fts',
];
/** Columns later migrations added, with the value old rows get. */
const ADDED_COLUMNS: Record<string, Record<string, unknown>> = {
  mail_queue: { lease_until: null, lease_token: null, message_id: 'a Message-ID of its own' },
  accounts: { login_attempts_pending: 0, login_attempts_until: null, credential_version: 0 },
  sessions: { credential_version: 0 },
  one_time_tokens: { password_hash: null, first_name: null, last_name: null },
  // Migration 017 backfills claimed and decided badges with their creation time.
  assertions: {
    claimed_at: 'the creation time, once claimed',
    accepted_at: 'the creation time, once accepted',
    declined_at: 'the creation time, once declined',
    attribute_value: null,
  },
  badge_classes: { archived_at: null, attribute_kind: null, attribute_label: null },
  issuer_api_keys: { last_used_at: null },
};

/** Columns later migrations rewrote, read back as the old release wrote them. */
const REWRITTEN_COLUMNS: Record<string, Record<string, (value: unknown) => unknown>> = {
  // Migration 010 gives each inline requirement the id of its shared requirement object.
  badge_classes: {
    requirements: (value) =>
      JSON.stringify((JSON.parse(String(value)) as Record<string, unknown>[]).map(({ id: _id, provider, ...requirement }) => (provider == null ? requirement : { ...requirement, provider }))),
  },
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-legacy-'));
  dirs.push(dir);
  const path = join(dir, 'badgelens.db');
  copyFileSync(FIXTURE, path);
  return path;
}

/** Every row of every table of the old schema, as sorted JSON lines per table. */
function dump(path: string): Record<string, string[]> {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return Object.fromEntries(
      LEGACY_TABLES.map((table) => {
        const rows = raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        const added = Object.keys(ADDED_COLUMNS[table] ?? {});
        const rewritten = REWRITTEN_COLUMNS[table] ?? {};
        const asOld = (column: string, value: unknown) => (rewritten[column] ? rewritten[column](value) : value);
        return [
          table,
          rows
            .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([column]) => !added.includes(column)).map(([column, value]) => [column, asOld(column, value)]))))
            .sort(),
        ];
      }),
    );
  } finally {
    raw.close();
  }
}

describe('a database made by the release before (schema version 4)', () => {
  it('is migrated in place to the latest version with every row of every table kept', async () => {
    const path = copyOfFixture();
    const before = dump(path);
    const legacy = new BetterSqlite3(path, { readonly: true });
    expect(legacy.pragma('user_version', { simple: true })).toBe(4);
    legacy.close();
    for (const table of LEGACY_TABLES) expect(before[table].length, table).toBeGreaterThan(0);

    const db = await openDb(path);
    expect(await schemaVersion(db)).toBe(migrations.length);
    const queued = await listMailQueue(db);
    expect(queued.map((mail) => mail.subject)).toContain('Queued before the upgrade');
    expect((await db.selectFrom('mail_queue').select(['lease_until', 'lease_token']).execute()).every((row) => row.lease_until === null && row.lease_token === null)).toBe(true);
    await db.destroy();
    expect(dump(path)).toEqual(before);
  });

  it('keeps working: the demo earner signs in, badges verify, the catalogue searches, queued mail goes out', async () => {
    const db = await openDb(copyOfFixture());
    try {
      const app = createApp({ db, publicUrl: PUBLIC_URL });
      const token = await app.request('/api/v1/auth/token', jsonRequest('POST', { email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }));
      expect(token.status).toBe(201);
      const { token: bearer } = await token.json();
      const { items } = await (await app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${bearer}` } })).json();
      expect(items.length).toBeGreaterThanOrEqual(5);

      const accepted = (items as { id: string; claimState: string }[]).find((item) => item.claimState === 'accepted')!;
      const verified = await app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/${accepted.id}`] }));
      expect((await verified.json()).results[0].badge.assertionId).toBe(accepted.id);
      expect((await searchCatalogue(db, { q: 'TIG' })).length).toBeGreaterThanOrEqual(3);

      const transport = createMailTransport({ db });
      expect(await processMailQueue({ db, now: () => new Date('2026-05-01T12:05:00.000Z') }, transport)).toEqual({ sent: 1, failed: 0 });
      transport.close();
      expect((await listOutbox(db)).map((mail) => mail.subject)).toContain('Queued before the upgrade');
    } finally {
      await db.destroy();
    }
  });
});
