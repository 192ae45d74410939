// The mail queue's leases: a worker holds a message while it sends it; a worker that dies mid-send lets
// its lease run out and the message goes out once, from another worker.
import { describe, expect, it } from 'vitest';
import { enqueueMail, leaseNextMail, listMailQueue, markMailAttemptFailed, markMailSent } from '../src/db/mailQueue';
import type { MailTransport } from '../src/mail/transport';
import { MAIL_LEASE_MS, processMailQueue } from '../src/mail/worker';
import { testDb } from './helpers';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const message = (to: string) => ({ to, subject: `For ${to}`, html: '<p>Hi</p>', text: 'Hi' });

function recordingTransport(): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return { kind: 'smtp', sent, send: async (mail) => void sent.push(mail.to), close: () => {} };
}

describe('mail leases', () => {
  it('gives a due message to one worker at a time, and again once its lease has run out', async () => {
    const db = await testDb();
    await enqueueMail(db, message('a@example.test'), T0);
    const first = await leaseNextMail(db, T0, 60_000);
    expect(first).toMatchObject({ to: 'a@example.test', leaseUntil: at(60_000).toISOString() });
    expect(await leaseNextMail(db, at(59_999), 60_000)).toBeNull();

    const second = await leaseNextMail(db, at(60_000), 60_000);
    expect(second?.id).toBe(first!.id);
    expect(second!.leaseToken).not.toBe(first!.leaseToken);
    // The first worker lost its lease: what it reports is not recorded.
    expect(await markMailSent(db, first!, at(61_000))).toBe(false);
    await markMailAttemptFailed(db, first!, 'late failure', null);
    expect((await listMailQueue(db))[0]).toMatchObject({ status: 'queued', attempts: 0, lastError: null });

    expect(await markMailSent(db, second!, at(62_000))).toBe(true);
    expect((await listMailQueue(db))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await leaseNextMail(db, at(10 * 60_000), 60_000)).toBeNull();
  });

  it('takes messages oldest due first, skipping those leased by another worker', async () => {
    const db = await testDb();
    for (const to of ['1@example.test', '2@example.test', '3@example.test']) await enqueueMail(db, message(to), T0);
    const leased = [await leaseNextMail(db, T0, 60_000), await leaseNextMail(db, T0, 60_000), await leaseNextMail(db, T0, 60_000)];
    expect(leased.map((mail) => mail?.to)).toEqual(['1@example.test', '2@example.test', '3@example.test']);
    expect(await leaseNextMail(db, T0, 60_000)).toBeNull();
  });

  it("sends the mail of a worker that died mid-send exactly once, after the lease", async () => {
    const db = await testDb();
    for (const to of ['a@example.test', 'b@example.test']) await enqueueMail(db, message(to), T0);
    // A worker takes the first message and dies before sending it.
    expect((await leaseNextMail(db, T0, MAIL_LEASE_MS))?.to).toBe('a@example.test');

    const transport = recordingTransport();
    expect(await processMailQueue({ db, now: () => at(1_000) }, transport)).toEqual({ sent: 1, failed: 0 });
    expect(transport.sent).toEqual(['b@example.test']);
    expect(await processMailQueue({ db, now: () => at(MAIL_LEASE_MS) }, transport)).toEqual({ sent: 1, failed: 0 });
    expect(await processMailQueue({ db, now: () => at(2 * MAIL_LEASE_MS) }, transport)).toEqual({ sent: 0, failed: 0 });
    expect(transport.sent).toEqual(['b@example.test', 'a@example.test']);
    expect((await listMailQueue(db)).map((mail) => mail.status)).toEqual(['sent', 'sent']);
  });
});
