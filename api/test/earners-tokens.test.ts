import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIMES_MS, type TokenKind } from '../src/db/tokens';
import { BEARER_SESSION_MS, COOKIE_SESSION_MS } from '../src/earners/service';
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
import { countRows } from './helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function world(): Promise<EarnerWorld> {
  const w = await earnerWorld();
  closers.push(() => w.transport.close());
  return w;
}

/** The same link with one character of its secret changed. */
function altered(url: string): string {
  const last = url.at(-1)!;
  return url.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

interface EmailedLink {
  url: string;
  /** Uses the link the way a person would (form post); returns the response. */
  use(browser: Browser): Promise<Response>;
  /** What success looks like: a redirect, or (alternate email, not signed in) a confirmation page. */
  okStatus: number;
}

async function claimLink(w: EarnerWorld): Promise<EmailedLink> {
  await verifiedAccount(w, 'jane@example.com');
  const issuer = await issuerWithBadge(w);
  await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
  await w.deliver();
  const url = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);
  return {
    url,
    async use(browser) {
      await logIn(w, 'jane@example.com', DEFAULT_PASSWORD, browser);
      await browser.get(url);
      return browser.post(url, { decision: 'accepted' });
    },
    okStatus: 303,
  };
}

async function activationLink(w: EarnerWorld): Promise<EmailedLink> {
  const browser = new Browser(w.app);
  await browser.get('/register');
  await browser.post('/register', { firstName: 'Jo', lastName: 'Do', email: 'jo@example.com', password: DEFAULT_PASSWORD, passwordConfirm: DEFAULT_PASSWORD, terms: 'on' });
  await w.deliver();
  const url = linkIn((await latestMail(w, null, 'jo@example.com', /Confirm your email/)).text, `${PUBLIC_URL}/activate/`);
  return {
    url,
    async use(b) {
      await b.get('/login');
      return b.post(url, { password: DEFAULT_PASSWORD });
    },
    okStatus: 303,
  };
}

async function resetLink(w: EarnerWorld): Promise<EmailedLink> {
  await verifiedAccount(w, 'jane@example.com');
  const browser = new Browser(w.app);
  await browser.get('/reset');
  await browser.post('/reset', { email: 'jane@example.com' });
  await w.deliver();
  const url = linkIn((await latestMail(w, null, 'jane@example.com', /new BadgeLens password/)).text, `${PUBLIC_URL}/reset/`);
  return {
    url,
    async use(b) {
      await b.get('/login');
      return b.post(url, { password: 'a brand new password', passwordConfirm: 'a brand new password' });
    },
    okStatus: 303,
  };
}

async function alternateEmailLink(w: EarnerWorld): Promise<EmailedLink> {
  await verifiedAccount(w, 'jane@example.com');
  const { browser } = await logIn(w, 'jane@example.com');
  await browser.get('/profile');
  await browser.post('/profile/emails', { email: 'jane@work.example' });
  await w.deliver();
  const url = linkIn((await latestMail(w, null, 'jane@work.example', /additional email/)).text, `${PUBLIC_URL}/profile/emails/verify/`);
  return {
    url,
    async use(b) {
      await b.get('/login');
      const res = await b.post(url, {});
      if (res.status === 200) expect(await res.clone().text()).toContain('jane@work.example is confirmed');
      return res;
    },
    okStatus: 200,
  };
}

const KINDS: [TokenKind, (w: EarnerWorld) => Promise<EmailedLink>][] = [
  ['claim', claimLink],
  ['activation', activationLink],
  ['reset', resetLink],
  ['alt_email', alternateEmailLink],
];

describe.each(KINDS)('%s links', (kind, makeLink) => {
  it('work once; a reused link gets a clear page', async () => {
    const w = await world();
    const link = await makeLink(w);
    expect((await link.use(new Browser(w.app))).status).toBe(link.okStatus);
    const again = await link.use(new Browser(w.app));
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toMatch(/text\/html/);
    expect(await again.text()).toContain('This link has already been used.');
    const opened = await new Browser(w.app).get(link.url);
    expect(opened.status).toBe(410);
  });

  it('expire at the end of their lifetime, with a clear page', async () => {
    const w = await world();
    const link = await makeLink(w);
    w.clock.advance(TOKEN_LIFETIMES_MS[kind] - 1);
    expect((await new Browser(w.app).get(link.url)).status).toBe(200);
    w.clock.advance(1);
    const page = await new Browser(w.app).get(link.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has expired.');
    expect((await link.use(new Browser(w.app))).status).toBe(410);
  });

  it('are refused when altered, and the real link still works afterwards', async () => {
    const w = await world();
    const link = await makeLink(w);
    const page = await new Browser(w.app).get(altered(link.url));
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This link is not valid.');
    expect((await new Browser(w.app).get(`${link.url.slice(0, link.url.lastIndexOf('/') + 1)}garbage`)).status).toBe(404);
    const forged = new Browser(w.app);
    await forged.get('/login');
    expect((await forged.post(altered(link.url), {})).status).toBe(404);
    expect((await link.use(new Browser(w.app))).status).toBe(link.okStatus);
  });
});

describe('a token of one kind is not accepted as another', () => {
  it('a reset token does not work as an activation or claim link', async () => {
    const w = await world();
    const reset = await resetLink(w);
    const token = reset.url.slice(reset.url.lastIndexOf('/') + 1);
    expect((await new Browser(w.app).get(`/activate/${token}`)).status).toBe(404);
    expect((await new Browser(w.app).get(`/claim/${token}`)).status).toBe(404);
  });
});

describe('session tokens', () => {
  it('bearer tokens are refused when altered or expired', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const me = (t: string) => w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${t}` } });
    expect((await me(token)).status).toBe(200);
    expect((await me(altered(token))).status).toBe(401);
    expect((await me('not-a-token')).status).toBe(401);
    w.clock.advance(BEARER_SESSION_MS);
    expect((await me(token)).status).toBe(401);
  });

  it('cookie sessions are refused when altered or expired, and never work as bearer tokens', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    const cookie = browser.cookies.get('bl_session')!;
    expect((await browser.get('/portfolio')).status).toBe(200);
    expect((await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${cookie}` } })).status).toBe(401);
    browser.cookies.set('bl_session', altered(cookie));
    expect((await browser.get('/portfolio')).status).toBe(303);
    browser.cookies.set('bl_session', cookie);
    w.clock.advance(COOKIE_SESSION_MS);
    expect((await browser.get('/portfolio')).status).toBe(303);
  });

  it('stores no secret in clear: passwords, sessions and one-time tokens are hashes', async () => {
    const w = await world();
    await claimLink(w);
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const dump = JSON.stringify([
      await w.db.selectFrom('accounts').selectAll().execute(),
      await w.db.selectFrom('sessions').selectAll().execute(),
      await w.db.selectFrom('one_time_tokens').selectAll().execute(),
    ]);
    expect(dump).not.toContain(DEFAULT_PASSWORD);
    expect(dump).not.toContain(token.split('.')[1]);
    expect(dump).toMatch(/scrypt\$16384\$8\$1\$/);
  });
});

describe('housekeeping', () => {
  it('forgets expired sessions, and tokens a week after they expired or were used', async () => {
    const { purgeExpired } = await import('../src/earners/housekeeping');
    const w = await world();
    const link = await resetLink(w);
    expect((await link.use(new Browser(w.app))).status).toBe(303);
    await (await requestToken(w, 'jane@example.com', 'a brand new password')).json();
    expect(await countRows(w.db, 'one_time_tokens')).toBe(1);
    expect(await countRows(w.db, 'sessions')).toBe(1);

    expect(await purgeExpired(w.db, w.clock.now())).toEqual({ sessions: 0, tokens: 0, rateLimitCounters: 0, countedClients: 0, verifications: 0 });
    w.clock.advance(7 * 24 * 60 * 60 * 1000);
    // The reset request and the sign-in above counted hits (the client's reset and login limits, the address's
    // account-mail limit): every window has ended.
    expect(await purgeExpired(w.db, w.clock.now())).toEqual({ sessions: 0, tokens: 1, rateLimitCounters: 3, countedClients: 0, verifications: 0 });
    w.clock.advance(BEARER_SESSION_MS);
    expect(await purgeExpired(w.db, w.clock.now())).toEqual({ sessions: 1, tokens: 0, rateLimitCounters: 0, countedClients: 0, verifications: 0 });
    expect(await countRows(w.db, 'sessions')).toBe(0);
  });
});
