import { afterEach, describe, expect, it } from 'vitest';
import { enqueueMail, listMailQueue, listOutbox } from '../src/db/mailQueue';
import { exponentialBackoffMs, processMailQueue, startMailWorker } from '../src/mail/worker';
import { createMailTransport } from '../src/mail/transport';
import { issuanceEmail } from '../src/mail/templates';
import { earnerWorld, issueBadge, issuerWithBadge, startSmtpServer } from './earners-helpers';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A loopback port with nothing listening (an SMTP server that is down). */
async function downPort(): Promise<number> {
  const probe = await startSmtpServer();
  await probe.close();
  return probe.port;
}

describe('mail queue', () => {
  it('keeps mail while the SMTP server is down, retries with back-off, delivers once it is back, and never twice', async () => {
    const port = await downPort();
    const world = await earnerWorld({ smtpPort: port });
    closers.push(() => world.transport.close());
    const issuer = await issuerWithBadge(world);

    const started = Date.now();
    await issueBadge(world, issuer, 'jane@example.com', 'Jane Doe');
    expect(Date.now() - started).toBeLessThan(2000); // the request never waits for mail

    expect(await world.deliver()).toEqual({ sent: 0, failed: 1 });
    let [mail] = await listMailQueue(world.db);
    expect(mail).toMatchObject({ status: 'queued', attempts: 1, to: 'jane@example.com' });
    expect(mail.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.parse(mail.nextAttemptAt) - world.clock.now().getTime()).toBe(exponentialBackoffMs(1));

    // Not due yet: nothing is tried.
    expect(await world.deliver()).toEqual({ sent: 0, failed: 0 });
    world.clock.advance(exponentialBackoffMs(1));
    expect(await world.deliver()).toEqual({ sent: 0, failed: 1 });
    [mail] = await listMailQueue(world.db);
    expect(mail.attempts).toBe(2);
    expect(Date.parse(mail.nextAttemptAt) - world.clock.now().getTime()).toBe(exponentialBackoffMs(2));
    expect(exponentialBackoffMs(2)).toBe(2 * exponentialBackoffMs(1));

    // The server comes back on the same port.
    const mailbox = await startSmtpServer(port);
    closers.push(mailbox.close);
    world.clock.advance(exponentialBackoffMs(2));
    expect(await world.deliver()).toEqual({ sent: 1, failed: 0 });
    expect(mailbox.received).toHaveLength(1);
    expect(mailbox.received[0].subject).toMatch(/has issued you a digital badge/);
    [mail] = await listMailQueue(world.db);
    expect(mail).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    // Sent mail keeps no body: its links carry tokens that are otherwise stored only as hashes.
    expect(mail).toMatchObject({ html: '', text: '' });

    world.clock.advance(24 * 60 * 60 * 1000);
    expect(await world.deliver()).toEqual({ sent: 0, failed: 0 });
    expect(mailbox.received).toHaveLength(1);
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const port = await downPort();
    const world = await earnerWorld({ smtpPort: port });
    closers.push(() => world.transport.close());
    await enqueueMail(world.db, { to: 'x@example.com', subject: 's', html: '<p>h</p>', text: 't' }, world.clock.now());
    const deps = { db: world.db, now: world.clock.now, maxAttempts: 2, backoffMs: () => 1000 };
    expect(await processMailQueue(deps, world.transport)).toEqual({ sent: 0, failed: 1 });
    world.clock.advance(1000);
    expect(await processMailQueue(deps, world.transport)).toEqual({ sent: 0, failed: 1 });
    const [mail] = await listMailQueue(world.db);
    expect(mail).toMatchObject({ status: 'failed', attempts: 2, html: '', text: '' });
    world.clock.advance(60 * 60 * 1000);
    expect(await processMailQueue(deps, world.transport)).toEqual({ sent: 0, failed: 0 });
  });

  it('backs off exponentially up to one hour', () => {
    expect([1, 2, 3, 4].map(exponentialBackoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(exponentialBackoffMs(30)).toBe(60 * 60 * 1000);
  });

  it('without SMTP_URL, mail lands in the outbox table (shown at /dev/outbox to this machine only: outbox.test.ts)', async () => {
    const world = await earnerWorld();
    const issuer = await issuerWithBadge(world);
    await issueBadge(world, issuer, 'jane@example.com', 'Jane <b>Doe</b>');
    expect(world.transport.kind).toBe('outbox');
    expect(await world.deliver()).toEqual({ sent: 1, failed: 0 });
    const [mail] = await listOutbox(world.db);
    expect(mail.to).toBe('jane@example.com');
    expect(mail.html).toContain('Jane &lt;b&gt;Doe&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Doe');
    // app.request() has no socket, so nothing proves the reader sits at this machine.
    expect((await world.app.request('/dev/outbox')).status).toBe(404);
  });

  it('the worker runs on its own and stops cleanly', async () => {
    const mailbox = await startSmtpServer();
    closers.push(mailbox.close);
    const world = await earnerWorld({ smtpPort: mailbox.port });
    closers.push(() => world.transport.close());
    await enqueueMail(world.db, { to: 'a@example.com', subject: 'hello', html: '<p>hi</p>', text: 'hi' }, world.clock.now());
    const stop = startMailWorker({ db: world.db, now: world.clock.now }, world.transport, 20);
    for (let i = 0; i < 100 && mailbox.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(mailbox.received.map((m) => m.subject)).toEqual(['hello']);
  });

  it('escapes every value in the HTML part', () => {
    const mail = issuanceEmail({
      to: 'a@example.com',
      recipientName: '<script>x</script>',
      issuerName: 'A & B',
      badgeName: '"quoted"',
      claimUrl: 'https://b.test/claim/x?a=1&b=2',
      badgeUrl: 'https://b.test/assertions/1',
      imageUrl: 'https://b.test/assertions/1/image',
      linkedInAddToProfileUrl: 'https://www.linkedin.com/profile/add?a=1&b=2',
    });
    expect(mail.html).not.toMatch(/<script>/);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="https://b.test/claim/x?a=1&amp;b=2"');
    expect(mail.subject).toBe('A & B has issued you a digital badge for "quoted"');
    expect(mail.text).toContain('https://b.test/claim/x?a=1&b=2');
    expect(createMailTransport({ db: null as never }).kind).toBe('outbox');
  });
});
