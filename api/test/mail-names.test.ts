// Issue 11 item 14: names chosen by issuers or by whoever registers cannot put line breaks, text
// reversal or links into our mail. Checked on what a real SMTP server on loopback receives.
import { describe, expect, it } from 'vitest';
import { mailName } from '../src/mail/templates';
import {
  Browser,
  DEFAULT_PASSWORD,
  issueBadge,
  issuerWithBadge,
  latestMail,
  PUBLIC_URL,
  smtpWorlds,
  verifiedAccount,
  type ReceivedMail,
} from './earners-helpers';

const { smtp: mailbox, world: newWorld } = smtpWorlds();

/** Every link a mail client could draw from this mail: URLs in the text, hrefs in the HTML, bare domains anywhere. */
function linksOf(mail: { subject: string; text: string; html: string }): string[] {
  const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1].replaceAll('&amp;', '&'));
  const visible = [mail.subject, mail.text, mail.html.replace(/<[^>]*>/g, ' ')].join('\n');
  const urls = visible.match(/\b(?:https?|ftp):\/\/[^\s<>"']+/gi) ?? [];
  return [...hrefs, ...urls];
}

const OUR_LINK = new RegExp(`^(${PUBLIC_URL.replace(/[.]/g, '\\.')}/|https://www\\.linkedin\\.com/)`);

function expectNoLinkFromNames(mail: ReceivedMail | { subject: string; text: string; html: string }, label: string) {
  for (const link of linksOf(mail)) expect(link, `${label}: ${link}`).toMatch(OUR_LINK);
  // What remains once our own links are taken out (the LinkedIn link carries the names percent-encoded, as data).
  const everything = `${mail.subject}\n${mail.text}\n${mail.html}`.replace(/href="[^"]*"/g, '').replace(/https:\/\/www\.linkedin\.com\/\S+/g, '');
  expect(everything, label).not.toMatch(/evil\.example/i);
  expect(everything, label).not.toMatch(/www\.evil/i);
  expect(everything, label).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  expect(mail.subject, label).not.toMatch(/[\r\n\t]/);
}

describe('names in mail', () => {
  it('issuance mail: a hostile issuer, badge and recipient name stay on one line and carry no link', async () => {
    const world = await newWorld();
    const issuer = await issuerWithBadge(world, 'Welding — claim it at https://evil.example/claim', 'Guild\r\nBcc: everyone@evil.example');
    await issueBadge(world, issuer, 'jane@example.com', 'Jane\u202Eelpmaxe.live\u202C www.evil.example\nDoe');
    expect(await world.deliver()).toEqual({ sent: 1, failed: 0 });
    const mail = mailbox.received.find((received) => received.to.includes('jane@example.com'))!;
    expectNoLinkFromNames(mail, 'issuance');
    expect(mail.subject).toBe('Guild Bcc: everyone@evil[.]example has issued you a digital badge for Welding — claim it at evil[.]example/claim');
    expect(mail.text).toContain('Hello Janeelpmaxe[.]live www[.]evil[.]example Doe,');
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.text).toMatch(new RegExp(`Claim your badge: ${PUBLIC_URL}/claim/\\S+`));
  });

  it('account mail: a first name with a link or a domain is defused in the activation and reset mail', async () => {
    const world = await newWorld();
    const browser = new Browser(world.app);
    await browser.get('/register');
    const registered = await browser.post('/register', {
      firstName: 'Visit ｗｗｗ．ｅｖｉｌ．ｅｘａｍｐｌｅ now',
      lastName: 'Doe',
      email: 'jane@example.com',
      password: DEFAULT_PASSWORD,
      passwordConfirm: DEFAULT_PASSWORD,
      terms: 'on',
    });
    expect(registered.status).toBe(200);
    await verifiedAccount(world, 'sam@example.com', DEFAULT_PASSWORD, { firstName: 'Sam http://evil.example/x', lastName: 'Roe' });
    await browser.get('/reset');
    expect((await browser.post('/reset', { email: 'sam@example.com' })).status).toBe(200);
    await world.deliver();
    const activation = await latestMail(world, mailbox, 'jane@example.com', /Confirm your email/);
    expectNoLinkFromNames(activation, 'activation');
    expect(activation.text).toContain('Hello Visit www[.]evil[.]example now,');
    const reset = await latestMail(world, mailbox, 'sam@example.com', /new BadgeLens password/);
    expectNoLinkFromNames(reset, 'reset');
    expect(reset.text).toContain('Hello Sam evil[.]example/x,');
  });
});

describe('mailName', () => {
  it('keeps ordinary names as they are', () => {
    for (const name of ['Jane Doe', 'J. R. R. Tolkien', 'J.R.R. Tolkien', 'Ph.D. Ana Ruiz', "Seán O'Brien", 'José Müller-Lüdenscheidt', '李小龍', 'Acme 2.0 Training', 'Mehr\u200Cnaz']) {
      expect(mailName(name), name).toBe(name);
    }
  });

  it('puts a name on one line, drops text-reversing controls, and defuses links and domains', () => {
    expect(mailName('Jane\r\nBcc: x@y.test')).toBe('Jane Bcc: x@y[.]test');
    expect(mailName('a\u2028b\tc\u0085d')).toBe('a b c d');
    expect(mailName('moc.live\u202E')).toBe('moc[.]live');
    expect(mailName('Claim at https://evil.example/login now')).toBe('Claim at evil[.]example/login now');
    expect(mailName('HTTP://EVIL.EXAMPLE')).toBe('EVIL[.]EXAMPLE');
    expect(mailName('www.evil.co.uk')).toBe('www[.]evil[.]co[.]uk');
    expect(mailName('ｅｖｉｌ．ｃｏｍ')).toBe('evil[.]com');
    expect(mailName('evil。com')).toBe('evil[.]com');
    expect(mailName('mailto:someone@evil.example')).toBe('someone@evil[.]example');
    expect(mailName('ftp://files.evil.example')).toBe('files[.]evil[.]example');
  });
});
