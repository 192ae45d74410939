// Several API nodes on one PostgreSQL database, each with its own connection pool (as separate
// processes would have): what one node does, the others see; nothing is done twice.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { seedIfEmpty } from '../../src/cli/seed';
import { createAccount, getAccount, reserveLoginAttempt, settleFailedLogin } from '../../src/db/accounts';
import { openDb, type Db } from '../../src/db/connection';
import { enqueueMail, listMailQueue } from '../../src/db/mailQueue';
import { migrations } from '../../src/db/migrations';
import { schemaVersion } from '../../src/db/migrate';
import { RATE_LIMITS } from '../../src/earners/rateLimit';
import type { MailTransport } from '../../src/mail/transport';
import { processMailQueue } from '../../src/mail/worker';
import { demoData } from '../../src/seed/demo-data';
import { countRows, jsonRequest, PUBLIC_URL } from '../helpers';
import { createTestDatabase, dropTestDatabase } from '../support/testDatabase';

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function sharedDatabase(migrated: boolean): Promise<string> {
  const { name, url } = await createTestDatabase(migrated);
  cleanUps.push(() => dropTestDatabase(name));
  return url;
}

async function nodes(url: string, count: number): Promise<Db[]> {
  const opened = await Promise.all(Array.from({ length: count }, () => openDb(url)));
  cleanUps.push(async () => void (await Promise.all(opened.map((db) => db.destroy()))));
  return opened;
}

describe('several nodes on one PostgreSQL database', () => {
  it('migrate an empty database once and load the demo data once when they start at the same moment', async () => {
    const url = await sharedDatabase(false);
    const [first, ...others] = await nodes(url, 4);
    expect(await schemaVersion(first)).toBe(migrations.length);
    const seeded = await Promise.all([first, ...others].map((db) => seedIfEmpty(db, { publicUrl: PUBLIC_URL })));
    expect(seeded.filter((summary) => summary !== null)).toHaveLength(1);
    expect(await countRows(first, 'issuers')).toBe(demoData.issuers.length);
    // The awards, and the badges linked memberships add on top: exactly what the one seeding run reported.
    const [summary] = seeded.filter((candidate) => candidate !== null);
    expect(summary!.assertions).toBeGreaterThan(demoData.earners.flatMap((earner) => earner.awards).length);
    expect(await countRows(first, 'assertions')).toBe(summary!.assertions);
  });

  it('reserve at most ten password checks between them for one account, and count every failure', async () => {
    const [first, ...others] = await nodes(await sharedDatabase(true), 3);
    const account = await createAccount(first, { firstName: 'Pat', lastName: 'Doe', email: 'pat@example.test', passwordHash: 'x', verified: true });
    const dbs = [first, ...others];
    const reservations = await Promise.all(Array.from({ length: 15 }, (_, i) => reserveLoginAttempt(dbs[i % dbs.length], 'pat@example.test', 10)));
    expect(reservations.filter((reservation) => reservation.status === 'reserved')).toHaveLength(10);
    expect(reservations.filter((reservation) => reservation.status === 'busy')).toHaveLength(5);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => settleFailedLogin(dbs[i % dbs.length], account.id, 10)));
    expect(results.filter((result) => result?.lockedNow)).toHaveLength(1);
    expect(await getAccount(others[0], account.id)).toMatchObject({ failedLogins: 10, lockedAt: expect.any(String) });
    expect((await reserveLoginAttempt(others[1], 'pat@example.test', 10)).status).toBe('locked');
  });

  it('share rate-limit counters: a client limited on one node is limited on the others', async () => {
    const dbs = await nodes(await sharedDatabase(true), 2);
    const apps = dbs.map((db) => createApp({ db, publicUrl: PUBLIC_URL, trustProxy: 1 }));
    const login = (i: number) =>
      apps[i % 2].request('/api/v1/auth/token', jsonRequest('POST', { email: 'nobody@example.test', password: 'wrong password' }, { 'X-Forwarded-For': '198.51.100.7' }));
    for (let i = 0; i < RATE_LIMITS.login.limit; i++) expect((await login(i)).status).toBe(401);
    const limited = await login(RATE_LIMITS.login.limit);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('send each queued message once, however many workers run at the same time', async () => {
    const dbs = await nodes(await sharedDatabase(true), 3);
    const addresses = Array.from({ length: 40 }, (_, i) => `earner${i}@example.test`);
    for (const to of addresses) await enqueueMail(dbs[0], { to, subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' });
    const sent: string[] = [];
    // A slow mail server: every worker is mid-send while the others look for work.
    const transport: MailTransport = { kind: 'smtp', send: (mail) => new Promise((resolve) => setTimeout(() => resolve(void sent.push(mail.to)), 5)), close: () => {} };
    const runs = await Promise.all(dbs.flatMap((db) => [1, 2].map(() => processMailQueue({ db, now: () => new Date(), batchSize: 40 }, transport))));
    expect(runs.reduce((total, run) => total + run.sent, 0)).toBe(40);
    expect(sent.sort()).toEqual([...addresses].sort());
    expect((await listMailQueue(dbs[1])).every((mail) => mail.status === 'sent')).toBe(true);
  });
});
