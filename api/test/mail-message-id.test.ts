// A message's Message-ID is chosen when it is queued and stored with it: a copy sent again after a worker
// died between the mail server's "accepted" and "marked sent" carries the same Message-ID, so mail
// clients and servers recognise it as the same message.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { leaseNextMail, listMailQueue } from '../src/db/mailQueue';
import { MAIL_LEASE_MS } from '../src/mail/worker';
import { Browser, earnerWorld, startSmtpServer, verifiedAccount, type EarnerWorld, type ReceivedMail } from './earners-helpers';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const closers: (() => void)[] = [];
afterEach(() => {
  smtp.received.length = 0;
  for (const close of closers.splice(0)) close();
});

async function world(): Promise<EarnerWorld> {
  const w = await earnerWorld({ smtpPort: smtp.port });
  closers.push(() => w.transport.close());
  return w;
}

function messageIdOf(mail: ReceivedMail): string {
  const header = /^message-id:\s*(.+)$/im.exec(mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' '));
  if (!header) throw new Error(`no Message-ID in:\n${mail.raw.slice(0, 500)}`);
  return header[1].trim();
}

async function requestReset(w: EarnerWorld, email: string) {
  const browser = new Browser(w.app);
  await browser.get('/reset');
  expect((await browser.post('/reset', { email })).status).toBe(200);
}

describe('Message-ID', () => {
  it('is fixed when the mail is queued: the copy sent again after a worker crash carries the same one', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await requestReset(w, 'jane@example.com');

    // A worker takes the message and the mail server accepts it; then the worker's process dies before it
    // can mark the message sent.
    const leased = await leaseNextMail(w.db, w.clock.now(), MAIL_LEASE_MS);
    expect(leased).not.toBeNull();
    await w.transport.send(leased!);
    expect(smtp.received).toHaveLength(1);

    // Its lease runs out; another worker sends it again.
    w.clock.advance(MAIL_LEASE_MS + 1000);
    expect(await w.deliver()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const [first, again] = smtp.received.map(messageIdOf);
    expect(again).toBe(first);
    expect(first).toMatch(/^<[A-Za-z0-9_-]{20,}@badges\.test>$/);
    expect((await listMailQueue(w.db)).map((mail) => [mail.status, mail.messageId])).toEqual([['sent', first]]);
  });

  it('differs between messages', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await verifiedAccount(w, 'joe@example.com');
    await requestReset(w, 'jane@example.com');
    await requestReset(w, 'joe@example.com');
    expect(await w.deliver()).toEqual({ sent: 2, failed: 0 });
    const [jane, joe] = smtp.received.map(messageIdOf);
    expect(jane).not.toBe(joe);
  });
});
