// Mail someone else can make us send is limited per sender (account or issuer) and per recipient:
// alternate-email confirmations, resent claim emails, and the account emails (activation, reset,
// "already registered") that anyone may trigger for any address.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS, type RateLimitRule } from '../src/earners/rateLimit';
import {
  Browser,
  earnerWorld,
  fromAddress,
  issueBadge,
  issuerWithBadge,
  logIn,
  startSmtpServer,
  verifiedAccount,
  type EarnerWorld,
} from './earners-helpers';

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

const DAY = 24 * 60 * 60 * 1000;

/** The default rules with some of them made small (the settings RATE_LIMIT_<NAME> do the same). */
function rules(overrides: Record<string, Pick<RateLimitRule, 'limit' | 'windowMs'>>): Record<string, RateLimitRule> {
  const all: Record<string, RateLimitRule> = {};
  for (const rule of Object.values(RATE_LIMITS) as RateLimitRule[]) all[rule.name] = overrides[rule.name] ? { name: rule.name, ...overrides[rule.name] } : rule;
  return all;
}

async function world(overrides: Record<string, Pick<RateLimitRule, 'limit' | 'windowMs'>> = {}): Promise<EarnerWorld> {
  const w = await earnerWorld({ smtpPort: smtp.port, trustProxy: 1, rateLimits: rules(overrides) });
  closers.push(() => w.transport.close());
  return w;
}

const received = (to: string, subject: RegExp) => smtp.received.filter((mail) => mail.to.includes(to) && subject.test(mail.subject)).length;

async function addEmail(browser: Browser, email: string) {
  await browser.get('/profile');
  return browser.post('/profile/emails', { email });
}

async function removeEmail(browser: Browser, email: string) {
  await browser.get('/profile');
  expect((await browser.post('/profile/emails/remove', { email })).status).toBe(303);
}

describe('alternate-email confirmation mail', () => {
  it('is limited per recipient address, whichever account asks', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await verifiedAccount(w, 'mallory@example.com');
    const { browser: jane } = await logIn(w, 'jane@example.com');
    const { browser: mallory } = await logIn(w, 'mallory@example.com');
    const limit = RATE_LIMITS.altEmailRecipient.limit;

    // Adding, removing and adding again: each time a new email to the same address.
    for (let i = 0; i < limit; i++) {
      expect((await addEmail(i % 2 ? mallory : jane, 'victim@example.org')).status).toBe(303);
      await removeEmail(i % 2 ? mallory : jane, 'victim@example.org');
    }
    const refused = await addEmail(jane, 'victim@example.org');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('victim@example.org');
    expect((await addEmail(mallory, 'victim@example.org')).status).toBe(429);
    await w.deliver();
    expect(received('victim@example.org', /Confirm your additional email/)).toBe(limit);

    // A day later the address may be asked again.
    w.clock.advance(DAY);
    expect((await addEmail(jane, 'victim@example.org')).status).toBe(303);
  });

  it('is limited per account, whatever the addresses', async () => {
    const w = await world({ altEmailAccount: { limit: 4, windowMs: DAY } });
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    for (let i = 0; i < 4; i++) expect((await addEmail(browser, `address${i}@example.org`)).status).toBe(303);
    const refused = await addEmail(browser, 'address4@example.org');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many confirmation emails');
    await w.deliver();
    expect(smtp.received).toHaveLength(4);
  });
});

describe('resent claim emails', () => {
  it('are limited per recipient and per issuer, with 429 and Retry-After', async () => {
    const w = await world({ claimResendIssuer: { limit: 5, windowMs: DAY } });
    const issuer = await issuerWithBadge(w);
    const resend = (id: string) => w.app.request(`/api/v1/assertions/${id}/resend-claim`, { method: 'POST', headers: issuer.auth });
    const first = await issueBadge(w, issuer, 'first@example.org', 'First Person');
    const second = await issueBadge(w, issuer, 'second@example.org', 'Second Person');
    const perRecipient = RATE_LIMITS.claimResendRecipient.limit;
    expect(perRecipient).toBeLessThan(5);

    for (let i = 0; i < perRecipient; i++) expect((await resend(first)).status).toBe(202);
    const limited = await resend(first);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    const body = await limited.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain('first@example.org');

    // The issuer's own allowance (5 here) counts every recipient together.
    for (let i = perRecipient; i < 5; i++) expect((await resend(second)).status).toBe(202);
    const issuerLimited = await resend(second);
    expect(issuerLimited.status).toBe(429);
    expect((await issuerLimited.json()).error.message).toMatch(/your issuer account/i);

    await w.deliver();
    // The issuance email plus the resends that were allowed.
    expect(received('first@example.org', /issued you/)).toBe(1 + perRecipient);
    expect(received('second@example.org', /issued you/)).toBe(1 + 5 - perRecipient);
  });
});

describe('account emails anyone can trigger', () => {
  it('reach one address a limited number of times, however many clients ask; the pages answer the same', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const limit = RATE_LIMITS.accountMail.limit;
    const pages: string[] = [];
    for (let i = 0; i < limit + 3; i++) {
      const browser = new Browser(w.app, fromAddress(`203.0.113.${i + 1}`));
      await browser.get('/reset');
      const res = await browser.post('/reset', { email: 'jane@example.com' });
      expect(res.status).toBe(200);
      pages.push((await res.text()).replace(/name="csrf" value="[^"]+"/g, ''));
    }
    expect(new Set(pages).size).toBe(1);
    // Registering her address again (the "you already have an account" email) counts against the same allowance.
    const stranger = new Browser(w.app, fromAddress('198.51.100.99'));
    await stranger.get('/register');
    await stranger.post('/register', { firstName: 'X', lastName: 'Y', email: 'jane@example.com', password: 'some long password', passwordConfirm: 'some long password', terms: 'on' });
    await w.deliver();
    expect(smtp.received.filter((mail) => mail.to.includes('jane@example.com'))).toHaveLength(limit);
  });
});
