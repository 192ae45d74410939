import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin, UsageError, withDashValuesAttached } from '../src/cli/admin';
import { openDb } from '../src/db/connection';
import { listMailQueue } from '../src/db/mailQueue';
import { countRows, TEST_ENGINE } from './helpers';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

let dir: string;
let env: NodeJS.ProcessEnv;
let postgresDatabase: string | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'badgelens-console-cli-'));
  if (TEST_ENGINE === 'postgres') {
    const created = await createTestDatabase(false);
    postgresDatabase = created.name;
    env = { DATABASE_URL: created.url, PUBLIC_URL: 'https://badges.example' };
  } else {
    env = { DATABASE_PATH: join(dir, 'badgelens.db'), DATABASE_URL: '', PUBLIC_URL: 'https://badges.example' };
  }
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (postgresDatabase) await dropTestDatabase(postgresDatabase);
  postgresDatabase = null;
});

const issuerArgs = ['create-issuer', '--name', 'Guild of CLI Owners', '--url', 'https://guild.test', '--email', 'office@guild.test'];

describe('admin create-issuer --owner-email', () => {
  it('queues a one-time console invitation to the owner, with a link on PUBLIC_URL', async () => {
    const result = await runAdmin([...issuerArgs, '--owner-email', 'Owner@Guild.test'], env);
    expect(result).toHaveProperty('issuerId');
    const db = await openDb(env.DATABASE_URL || env.DATABASE_PATH!);
    try {
      const invitation = await db.selectFrom('issuer_staff_invitations').selectAll().executeTakeFirstOrThrow();
      expect(invitation).toMatchObject({ issuer_id: (result as { issuerId: string }).issuerId, email: 'owner@guild.test', role: 'owner', invited_by: null, used_at: null });
      const [mail] = await listMailQueue(db);
      expect(mail.to).toBe('Owner@Guild.test');
      expect(mail.subject).toBe('You are invited to issue badges for Guild of CLI Owners on BadgeLens');
      expect(mail.text).toMatch(/https:\/\/badges\.example\/console\/invitations\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
      // Only the secret's hash is stored.
      const secret = /invitations\/[^.]+\.([A-Za-z0-9_-]+)/.exec(mail.text)![1];
      expect(invitation.secret_hash).not.toContain(secret);
      expect((await db.selectFrom('console_audit_log').select(['action', 'subject', 'actor_email']).execute())[0]).toEqual({ action: 'staff.invite', subject: 'Owner@Guild.test', actor_email: 'operator (admin create-issuer)' });
    } finally {
      await db.destroy();
    }
  });

  it('refuses a bad owner address before creating anything', async () => {
    await expect(runAdmin([...issuerArgs, '--owner-email', 'not-an-address'], env)).rejects.toThrow(UsageError);
    const db = await openDb(env.DATABASE_URL || env.DATABASE_PATH!);
    try {
      expect(await countRows(db, 'issuers')).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});

describe('admin options whose value starts with a dash', () => {
  it('takes the value for the option, as ids starting with "-" need (one in 64)', async () => {
    expect(withDashValuesAttached(['--badge', '-bDA7a75Grc1gfVB', 'rows.csv'])).toEqual(['--badge=-bDA7a75Grc1gfVB', 'rows.csv']);
    expect(withDashValuesAttached(['--badge', '--issuer', 'x', '-', '-y'])).toEqual(['--badge', '--issuer', 'x', '-', '-y']);
    const created = (await runAdmin(issuerArgs, env)) as { issuerId: string };
    // Neither an "ambiguous option" error nor the next option read as the value: the id is looked up.
    await expect(runAdmin(['create-key', '--issuer', '-bDA7a75Grc1gfVB'], env)).rejects.toThrow('no issuer with id "-bDA7a75Grc1gfVB"');
    expect(await runAdmin(['create-key', '--issuer', created.issuerId, '--label', '-ci-'], env)).toHaveProperty('apiKey');
  });
});
