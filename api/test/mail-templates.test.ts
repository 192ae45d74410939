// The emails that ask for one action (activation, password reset, a second address, a locked account, a
// membership link): each carries its link as a button and as plain text in both parts, and escapes names.
import { describe, expect, it } from 'vitest';
import { accountLockedEmail, activationEmail, alternateEmailVerificationEmail, membershipLinkEmail, passwordResetEmail } from '../src/mail/templates';

const URL = 'https://badges.example/activate?token=a&b=<c>';
const NAME = 'Jo <b>"Bold"</b>';

const emails = {
  activation: activationEmail({ to: 'jo@example.com', firstName: NAME, activationUrl: URL }),
  'password reset': passwordResetEmail({ to: 'jo@example.com', firstName: NAME, resetUrl: URL }),
  'second address': alternateEmailVerificationEmail({ to: 'jo@example.com', firstName: NAME, verifyUrl: URL }),
  'locked account': accountLockedEmail({ to: 'jo@example.com', firstName: NAME, resetUrl: URL, resetRequestUrl: 'https://badges.example/reset' }),
  'membership link': membershipLinkEmail({ to: 'jo@example.com', recipientName: NAME, issuerName: 'Guild', memberId: 'M-1', linkUrl: URL }),
};

describe.each(Object.entries(emails))('the %s email', (_name, mail) => {
  const escapedUrl = 'https://badges.example/activate?token=a&amp;b=&lt;c&gt;';

  it('greets by name, escaped in HTML', () => {
    expect(mail.text.startsWith(`Hello ${NAME},\n\n`)).toBe(true);
    expect(mail.html).toContain('<p>Hello Jo &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;,</p>');
    expect(mail.html).not.toContain('<b>');
  });

  it('has its link as a button and as plain text in the HTML part, and on a line of its own in the text part', () => {
    expect(mail.html).toContain(`href="${escapedUrl}"`);
    expect(mail.html).toContain(`The button&#39;s address: ${escapedUrl}`);
    expect(mail.text.split('\n')).toContain(URL);
  });

  it('says how long the link works in both parts', () => {
    const smallPrint = /The link works once and for (48 hours|one hour)/;
    expect(mail.text).toMatch(smallPrint);
    expect(mail.html).toMatch(smallPrint);
  });
});
