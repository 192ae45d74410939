import { afterEach, describe, expect, it } from 'vitest';
import { getAccount } from '../src/db/accounts';
import { listMailQueue, listOutbox } from '../src/db/mailQueue';
import { LOCK_AFTER_FAILURES } from '../src/earners/service';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import {
  Browser,
  DEFAULT_PASSWORD,
  earnerWorld,
  issueBadge,
  issuerWithBadge,
  latestMail,
  linkIn,
  logIn,
  PUBLIC_URL,
  requestToken,
  verifiedAccount,
  type EarnerWorld,
} from './earners-helpers';
import { jsonRequest } from './helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function world(options: { trustProxy?: number } = {}): Promise<EarnerWorld> {
  const w = await earnerWorld(options);
  closers.push(() => w.transport.close());
  return w;
}

async function badgeHeldBy(w: EarnerWorld, email: string) {
  const issuer = await issuerWithBadge(w);
  const assertionId = await issueBadge(w, issuer, email, 'Jane Doe');
  return { issuer, assertionId };
}

describe('sign-in and lockout', () => {
  it('locks at exactly the tenth consecutive failure; a right password then fails with 423; the issuer unlocks', async () => {
    const w = await world();
    const account = await verifiedAccount(w, 'jane@example.com');
    const { issuer, assertionId } = await badgeHeldBy(w, 'jane@example.com');
    // She accepts it: an issuer may only unlock the accounts that accepted one of its badges.
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const accepted = await w.app.request(`/api/v1/me/badges/${assertionId}`, jsonRequest('PATCH', { claimState: 'accepted' }, { Authorization: `Bearer ${token}` }));
    expect(accepted.status).toBe(200);

    // Nine failures, then the right password: allowed, and the count starts again.
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) expect((await requestToken(w, 'jane@example.com', 'wrong password')).status).toBe(401);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(201);
    expect((await getAccount(w.db, account.id))!.failedLogins).toBe(0);

    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      const res = await requestToken(w, 'jane@example.com', 'wrong password');
      expect(res.status, `failure ${i}`).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_credentials');
    }
    const tenth = await requestToken(w, 'jane@example.com', 'wrong password');
    expect(tenth.status).toBe(423);
    const body = await tenth.json();
    expect(body.error.code).toBe('account_locked');
    expect(body.error.message).toMatch(/contact the organisation that issued your badges/);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(423);

    // The page says the same, clearly.
    const { res } = await logIn(w, 'jane@example.com');
    expect(res.status).toBe(423);
    expect(await res.text()).toContain('locked after 10 failed sign-in attempts');

    // Another issuer (holding none of her badges) cannot unlock her; hers can.
    const stranger = await issuerWithBadge(w, 'Other', 'Other Issuer');
    const refused = await w.app.request('/api/v1/earners/unlock', jsonRequest('POST', { email: 'jane@example.com' }, stranger.auth));
    expect(refused.status).toBe(404);
    const unlocked = await w.app.request('/api/v1/earners/unlock', jsonRequest('POST', { email: 'jane@example.com' }, issuer.auth));
    expect(unlocked.status).toBe(200);
    expect(await unlocked.json()).toEqual({ email: 'jane@example.com', unlocked: true, wasLocked: true });
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(201);
    expect((await w.app.request('/api/v1/earners/unlock', jsonRequest('POST', { email: 'jane@example.com' }))).status).toBe(401);
  });

  it('answers unknown addresses exactly like wrong passwords', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const unknown = await requestToken(w, 'nobody@example.com', 'whatever password');
    const wrong = await requestToken(w, 'jane@example.com', 'whatever password');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    const pageUnknown = (await logIn(w, 'nobody@example.com', 'whatever password')).res;
    const pageWrong = (await logIn(w, 'jane@example.com', 'whatever password')).res;
    expect(pageUnknown.status).toBe(401);
    expect(pageWrong.status).toBe(401);
    const alert = (html: string) => /<p class="alert" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
    expect(alert(await pageUnknown.text())).toBe(alert(await pageWrong.text()));
  });

  it('signs in on the page with a session cookie (HttpOnly, SameSite) and signs out', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const browser = new Browser(w.app);
    await browser.get('/login?next=/profile');
    const res = await browser.post('/login', { email: 'Jane@Example.com ', password: DEFAULT_PASSWORD, next: '/profile' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/profile');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bl_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/); // the public URL is https
    expect((await browser.get('/portfolio')).status).toBe(200);
    await browser.post('/logout', {});
    const after = await browser.get('/portfolio');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Fportfolio');
  });

  it('never redirects to another site after signing in', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const browser = new Browser(w.app);
    await browser.get('/login');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await browser.post('/login', { email: 'jane@example.com', password: DEFAULT_PASSWORD, next });
      expect(res.headers.get('location')).toBe('/portfolio');
    }
  });

  it('revokes a bearer token with DELETE /api/v1/auth/token', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await w.app.request('/api/v1/me/badges', { headers: auth })).status).toBe(200);
    expect((await w.app.request('/api/v1/auth/token', { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await w.app.request('/api/v1/me/badges', { headers: auth })).status).toBe(401);
    expect((await w.app.request('/api/v1/auth/token', { method: 'DELETE', headers: auth })).status).toBe(401);
  });

  it('validates the token request body with a clear 400', async () => {
    const w = await world();
    const res = await w.app.request('/api/v1/auth/token', jsonRequest('POST', { email: 'not-an-email' }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('rate-limits sign-in per client, above the lockout so a person mistyping meets the lockout first', async () => {
    // Behind two proxies: the client is the second X-Forwarded-For entry from the right.
    const w = await world({ trustProxy: 2 });
    expect(RATE_LIMITS.login.limit).toBeGreaterThan(LOCK_AFTER_FAILURES);
    const from = (ip: string) => ({ 'X-Forwarded-For': `${ip}, 10.0.0.1` });
    // One client guessing across many addresses.
    for (let i = 0; i < RATE_LIMITS.login.limit; i++) {
      expect((await requestToken(w, `person${i}@example.com`, 'guess', from('203.0.113.7'))).status).toBe(401);
    }
    const limited = await requestToken(w, 'another@example.com', 'guess', from('203.0.113.7'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await requestToken(w, 'another@example.com', 'guess', from('198.51.100.2'))).status).toBe(401);
    w.clock.advance(RATE_LIMITS.login.windowMs);
    expect((await requestToken(w, 'another@example.com', 'guess', from('203.0.113.7'))).status).toBe(401);
  }, 30_000);
});

describe('password reset', () => {
  it('answers the same whether or not the address exists, and sends a link only to real accounts', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const browser = new Browser(w.app);
    await browser.get('/reset');
    const known = await browser.post('/reset', { email: 'jane@example.com' });
    const knownText = (await known.text()).replace('jane@example.com', 'X');
    await browser.get('/reset');
    const unknown = await browser.post('/reset', { email: 'nobody@example.com' });
    const unknownText = (await unknown.text()).replace('nobody@example.com', 'X');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main(knownText)).toBe(main(unknownText));
    expect((await listMailQueue(w.db)).map((m) => m.to)).toEqual(['jane@example.com']);
  });

  it('works once, for one hour, and ends every session', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser: signedIn } = await logIn(w, 'jane@example.com');
    const { token: bearer } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();

    const browser = new Browser(w.app);
    await browser.get('/reset');
    await browser.post('/reset', { email: 'jane@example.com' });
    await w.deliver();
    const resetUrl = linkIn((await latestMail(w, null, 'jane@example.com', /new BadgeLens password/)).text, `${PUBLIC_URL}/reset/`);
    expect((await browser.get(resetUrl)).status).toBe(200);
    const mismatch = await browser.post(resetUrl, { password: 'a brand new password', passwordConfirm: 'another password' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords are not the same.');
    const done = await browser.post(resetUrl, { password: 'a brand new password', passwordConfirm: 'a brand new password' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?notice=password-changed');

    // Every session ended: the page session and the extension's token.
    expect((await signedIn.get('/portfolio')).status).toBe(303);
    expect((await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${bearer}` } })).status).toBe(401);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(401);
    expect((await requestToken(w, 'jane@example.com', 'a brand new password')).status).toBe(201);

    // Reused: a clear page.
    const reused = await browser.get(resetUrl);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('already been used');

    // A fresh link expires after an hour.
    await browser.get('/reset');
    await browser.post('/reset', { email: 'jane@example.com' });
    await w.deliver();
    const second = linkIn((await latestMail(w, null, 'jane@example.com', /new BadgeLens password/)).text, `${PUBLIC_URL}/reset/`);
    expect(second).not.toBe(resetUrl);
    w.clock.advance(60 * 60 * 1000 - 1000);
    expect((await browser.get(second)).status).toBe(200);
    w.clock.advance(1000);
    const expired = await browser.get(second);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired.');
    await browser.get('/reset');
    expect((await browser.post(second, { password: 'yet another password', passwordConfirm: 'yet another password' }, { csrf: browser.csrf() })).status).toBe(410);
  });

  it('rate-limits reset requests per client', async () => {
    const w = await world();
    const browser = new Browser(w.app);
    await browser.get('/reset');
    for (let i = 0; i < RATE_LIMITS.reset.limit; i++) expect((await browser.post('/reset', { email: `p${i}@example.com` }, { csrf: browser.csrf() })).status).toBe(200);
    await browser.get('/reset');
    expect((await browser.post('/reset', { email: 'p@example.com' })).status).toBe(429);
  });
});

describe('CSRF protection on forms', () => {
  it('refuses a form post without the form token, with a wrong one, or from another origin', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const browser = new Browser(w.app);
    await browser.get('/login');
    const fields = { email: 'jane@example.com', password: DEFAULT_PASSWORD };
    const missing = await browser.post('/login', fields, { csrf: null });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Please try again');
    expect((await browser.post('/login', fields, { csrf: 'x'.repeat(32) })).status).toBe(403);
    await browser.get('/login');
    expect((await browser.post('/login', fields, { origin: 'https://evil.example' })).status).toBe(403);
    await browser.get('/login');
    expect((await browser.post('/login', fields)).status).toBe(303);
  });

  it('does not touch JSON API routes mounted elsewhere', async () => {
    const w = await world();
    const res = await w.app.request('/api/v1/verify', { method: 'POST', body: JSON.stringify({ urls: ['https://x.example/'] }), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
  });
});

describe('outbox mails are queued, never sent in the request', () => {
  it('registration on /register sends an activation link; an address in use gets a notice instead, and the page answers the same', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const register = async (email: string) => {
      const browser = new Browser(w.app);
      await browser.get('/register');
      const res = await browser.post('/register', { firstName: 'J', lastName: 'D', email, password: DEFAULT_PASSWORD, passwordConfirm: DEFAULT_PASSWORD, terms: 'on' });
      const html = await res.text();
      return { status: res.status, main: html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(email, 'X') };
    };
    const taken = await register('jane@example.com');
    const fresh = await register('new@example.com');
    expect(taken).toEqual(fresh);
    await w.deliver();
    const mails = await listOutbox(w.db);
    expect(mails.find((m) => m.to === 'jane@example.com')!.subject).toBe('You already have a BadgeLens account');
    expect(mails.find((m) => m.to === 'new@example.com')!.subject).toBe('Confirm your email address for BadgeLens');
  });

  it('shows every registration error next to its field', async () => {
    const w = await world();
    const browser = new Browser(w.app);
    await browser.get('/register');
    const res = await browser.post('/register', { firstName: '', lastName: 'D', email: 'nope', password: 'short', passwordConfirm: 'other' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="field-firstName-error">Enter your first name\./);
    expect(html).toMatch(/id="field-email-error">Enter a valid email address/);
    expect(html).toMatch(/id="field-password-error">Choose a password of at least 10 characters\./);
    expect(html).toMatch(/id="field-terms-error">Please agree to the terms/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="nope"');
  });
});
