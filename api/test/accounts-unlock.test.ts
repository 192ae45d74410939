// Getting out of a lockout: a completed password reset unlocks (the locked earner is told so by email, and
// the login page says what to do); an issuer may unlock only its own earners, and its answer reveals nothing
// about anyone else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES } from '../src/earners/service';
import {
  Browser,
  DEFAULT_PASSWORD,
  earnerWorld,
  issueBadge,
  issuerWithBadge,
  linkIn,
  logIn,
  PUBLIC_URL,
  requestToken,
  startSmtpServer,
  verifiedAccount,
  type EarnerWorld,
  type ReceivedMail,
} from './earners-helpers';
import { jsonRequest } from './helpers';

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

async function lockOut(w: EarnerWorld, email: string) {
  for (let i = 1; i < LOCK_AFTER_FAILURES; i++) expect((await requestToken(w, email, 'wrong password')).status).toBe(401);
  expect((await requestToken(w, email, 'wrong password')).status).toBe(423);
}

const mailsTo = (to: string, subject: RegExp): ReceivedMail[] => smtp.received.filter((mail) => mail.to.includes(to) && subject.test(mail.subject));

describe('a locked account', () => {
  it('gets one email saying so, with a reset link; the login page says what to do; the reset unlocks it', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await lockOut(w, 'jane@example.com');
    // More attempts while locked, the right password among them, send nothing more.
    expect((await requestToken(w, 'jane@example.com', 'wrong password')).status).toBe(423);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(423);
    await w.deliver();
    const notices = mailsTo('jane@example.com', /locked/i);
    expect(notices).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(notices[0].text).toMatch(/10 times/);
    const resetUrl = linkIn(notices[0].text, `${PUBLIC_URL}/reset/`);

    // The page says the account is locked and how to unlock it.
    const { res } = await logIn(w, 'jane@example.com');
    expect(res.status).toBe(423);
    const page = await res.text();
    expect(page).toContain('Your account is locked');
    expect(page).toContain('Choosing a new password unlocks it');
    expect(page).toContain('href="https://badges.test/reset"');
    // The API message says it too (the extension shows it as it is).
    const api = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    expect(api.error.code).toBe('account_locked');
    expect(api.error.message).toContain(`${PUBLIC_URL}/reset`);

    // The link in the email unlocks the account with the new password.
    const browser = new Browser(w.app);
    expect((await browser.get(resetUrl)).status).toBe(200);
    expect((await browser.post(resetUrl, { password: 'my fresh password', passwordConfirm: 'my fresh password' })).status).toBe(303);
    expect((await requestToken(w, 'jane@example.com', 'my fresh password')).status).toBe(201);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(401);

    // Locked again later: one new email, and a reset asked for on /reset unlocks as well.
    expect((await requestToken(w, 'jane@example.com', 'my fresh password')).status).toBe(201);
    await lockOut(w, 'jane@example.com');
    await w.deliver();
    expect(mailsTo('jane@example.com', /locked/i)).toHaveLength(2);
    await browser.get('/reset');
    await browser.post('/reset', { email: 'jane@example.com' });
    await w.deliver();
    const requested = linkIn(mailsTo('jane@example.com', /new BadgeLens password/).at(-1)!.text, `${PUBLIC_URL}/reset/`);
    await browser.get(requested);
    expect((await browser.post(requested, { password: 'another new password', passwordConfirm: 'another new password' })).status).toBe(303);
    expect((await requestToken(w, 'jane@example.com', 'another new password')).status).toBe(201);
  });
});

describe('an issuer unlocking an earner', () => {
  it('may unlock only accounts holding a badge of its own that they accepted, and answers the same for anyone else', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    // Issued to her confirmed address: the badge is in her account, but she has not accepted it.
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const earner = { Authorization: `Bearer ${token}` };
    await lockOut(w, 'jane@example.com');

    const unlock = (email: string) => w.app.request('/api/v1/earners/unlock', jsonRequest('POST', { email }, issuer.auth));
    const unknown = await unlock('nobody@example.com');
    const pending = await unlock('jane@example.com');
    expect(unknown.status).toBe(404);
    expect(pending.status).toBe(404);
    expect(await pending.json()).toEqual(await unknown.json());
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(423);

    // Declined: still not the issuer's to unlock.
    expect((await w.app.request(`/api/v1/me/badges/${assertionId}`, jsonRequest('PATCH', { claimState: 'declined' }, earner))).status).toBe(200);
    const declined = await unlock('jane@example.com');
    expect(declined.status).toBe(404);
    expect(await declined.json()).toEqual(await (await unlock('nobody@example.com')).json());

    // A badge of another issuer that she accepts (with the token she got before the lock): that issuer may.
    const other = await issuerWithBadge(w, 'Rigging', 'Another Issuer');
    const second = await issueBadge(w, other, 'jane@example.com', 'Jane Doe');
    expect((await w.app.request(`/api/v1/me/badges/${second}`, jsonRequest('PATCH', { claimState: 'accepted' }, earner))).status).toBe(200);
    expect((await unlock('jane@example.com')).status).toBe(404);
    const byOther = await w.app.request('/api/v1/earners/unlock', jsonRequest('POST', { email: 'jane@example.com' }, other.auth));
    expect(byOther.status).toBe(200);
    expect(await byOther.json()).toEqual({ email: 'jane@example.com', unlocked: true, wasLocked: true });
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(201);
  });
});
