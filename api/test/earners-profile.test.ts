import { describe, expect, it, onTestFinished } from 'vitest';
import { findAccountByPrimaryEmail, getAccount, listAlternateEmails } from '../src/db/accounts';
import { LOCK_AFTER_FAILURES } from '../src/earners/service';
import { getAssertion, getAssertionAccountId } from '../src/db/assertions';
import { listMailQueue, listOutbox } from '../src/db/mailQueue';
import {
  Browser,
  DEFAULT_PASSWORD,
  issueBadge,
  issuerWithBadge,
  latestMail,
  linkIn,
  logIn,
  PUBLIC_URL,
  requestToken,
  startSmtpServer,
  verifiedAccount,
  worldsClosedAfterEach,
  type EarnerWorld,
} from './earners-helpers';
import { countRows, jsonRequest } from './helpers';

const newWorld = worldsClosedAfterEach();
const world = (smtpPort?: number) => newWorld({ smtpPort });

async function verify(w: EarnerWorld, url: string) {
  const res = await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: [url] }));
  return ((await res.json()) as { results: { status: string; badge?: { recipientName: string } }[] }).results[0];
}

async function addAlternateEmail(w: EarnerWorld, browser: Browser, mailbox: Parameters<typeof latestMail>[1], email: string) {
  await browser.get('/profile');
  const added = await browser.post('/profile/emails', { email });
  expect(added.status).toBe(303);
  await w.deliver();
  const link = linkIn((await latestMail(w, mailbox, email, /Confirm your additional email/)).text, `${PUBLIC_URL}/profile/emails/verify/`);
  expect((await browser.get(link)).status).toBe(200);
  const confirmed = await browser.post(link, {});
  expect(confirmed.status).toBe(303);
  return link;
}

describe('second story: an existing account with an alternate email', () => {
  it('a badge issued to a confirmed alternate address goes to the account; the claim link lets her log in and accept', async () => {
    const mailbox = await startSmtpServer();
    onTestFinished(mailbox.close);
    const w = await world(mailbox.port);
    const account = await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');

    // Not counted before confirmation: a badge issued now stays unclaimed.
    await browser.get('/profile');
    await browser.post('/profile/emails', { email: 'jane@work.example' });
    expect(await listAlternateEmails(w.db, account.id)).toEqual([{ email: 'jane@work.example', verifiedAt: null }]);
    const issuer = await issuerWithBadge(w, 'Forklift Operator', 'Warehouse Academy');
    const early = await issueBadge(w, issuer, 'jane@work.example', 'Jane Doe');
    expect(await getAssertionAccountId(w.db, early)).toBeNull();

    await w.deliver();
    const link = linkIn((await latestMail(w, mailbox, 'jane@work.example', /Confirm your additional email/)).text, `${PUBLIC_URL}/profile/emails/verify/`);
    await browser.get(link);
    expect((await browser.post(link, {})).status).toBe(303);
    // Confirming the address brings the earlier badge along.
    expect(await getAssertionAccountId(w.db, early)).toBe(account.id);

    const assertionId = await issueBadge(w, issuer, 'jane@work.example', 'Jane Doe');
    expect(await getAssertionAccountId(w.db, assertionId)).toBe(account.id);
    await w.deliver();
    const issuance = mailbox.received.filter((m) => m.to.includes('jane@work.example') && /Forklift/.test(m.subject)).at(-1)!;
    const claimUrl = linkIn(issuance.text, `${PUBLIC_URL}/claim/`);

    // A fresh browser: the claim page offers to log in; logging in comes back to the claim page.
    const other = new Browser(w.app);
    const claimPage = await other.get(claimUrl);
    expect(await claimPage.text()).toContain(`/login?next=${encodeURIComponent(new URL(claimUrl).pathname)}`);
    await other.get(`/login?next=${encodeURIComponent(new URL(claimUrl).pathname)}`);
    const loggedIn = await other.post('/login', { email: 'jane@example.com', password: DEFAULT_PASSWORD, next: new URL(claimUrl).pathname });
    expect(loggedIn.headers.get('location')).toBe(new URL(claimUrl).pathname);
    const decide = await other.get(claimUrl);
    expect(await decide.text()).toContain('Accept badge');
    const accepted = await other.post(claimUrl, { decision: 'accepted' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/portfolio?notice=accepted');
    expect((await getAssertion(w.db, assertionId))!.claimState).toBe('accepted');

    const portfolio = await (await other.get('/portfolio')).text();
    expect(portfolio).toContain('Forklift Operator');
    expect(portfolio).toContain(`data-badge-id="${assertionId}"`);
    expect(portfolio).toContain(`data-badge-id="${early}"`);

    // The claim link is used up.
    expect((await other.get(claimUrl)).status).toBe(410);
  });

  it('declining from the claim link keeps the badge private', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    await w.deliver();
    const claimUrl = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);
    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get(claimUrl);
    expect((await browser.post(claimUrl, { decision: 'declined' })).headers.get('location')).toBe('/portfolio?notice=declined');
    expect((await getAssertion(w.db, assertionId))!).toMatchObject({ claimState: 'declined', isPublic: false });
    expect((await verify(w, `${PUBLIC_URL}/assertions/${assertionId}`)).status).toBe('not_found');
  });

  it('a claim link opened while signed in to another account cannot take a badge that belongs to someone else', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await verifiedAccount(w, 'mallory@example.com', DEFAULT_PASSWORD, { firstName: 'Mal', lastName: 'Lory' });
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    await w.deliver();
    const claimUrl = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);
    const { browser } = await logIn(w, 'mallory@example.com');
    expect((await browser.get(claimUrl)).status).toBe(409);
    expect((await browser.post(claimUrl, { decision: 'accepted' })).status).toBe(409);
    expect((await getAssertion(w.db, assertionId))!.claimState).toBe('pending');
  });
});

describe('private badges', () => {
  it('a private badge shows a neutral page, verifies as not_found, and comes back when made public', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const badgeUrl = `${PUBLIC_URL}/assertions/${assertionId}`;
    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get('/portfolio');
    await browser.post(`/portfolio/badges/${assertionId}/accept`, {});
    expect((await verify(w, badgeUrl)).status).toBe('valid');

    await browser.get('/portfolio');
    expect((await browser.post(`/portfolio/badges/${assertionId}/private`, {})).status).toBe(303);
    expect(await (await browser.get('/portfolio')).text()).toContain('Make public');
    expect((await verify(w, badgeUrl)).status).toBe('not_found');
    const page = await w.app.request(`/assertions/${assertionId}`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Jane Doe');

    // The extension can switch it back.
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const patched = await w.app.request(`/api/v1/me/badges/${assertionId}`, jsonRequest('PATCH', { isPublic: true }, { Authorization: `Bearer ${token}` }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: assertionId, isPublic: true, claimState: 'accepted' });
    expect((await verify(w, badgeUrl)).status).toBe('valid');
  });

  it('asks before making a badge private or public, saying who will see it', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const { browser } = await logIn(w, 'jane@example.com');
    const portfolio = await (await browser.get('/portfolio')).text();
    // The portfolio links to the question; no form there changes visibility in one click.
    expect(portfolio).toContain(`href="/portfolio/badges/${assertionId}/private"`);
    expect(portfolio).not.toContain(`action="/portfolio/badges/${assertionId}/private"`);

    const askPrivate = await (await browser.get(`/portfolio/badges/${assertionId}/private`)).text();
    expect(askPrivate).toContain('badge private?');
    expect(askPrivate).toContain('Only you will see its page');
    expect(askPrivate).toContain(`action="/portfolio/badges/${assertionId}/private"`);
    expect((await getAssertion(w.db, assertionId))!.isPublic).toBe(true);

    expect((await browser.post(`/portfolio/badges/${assertionId}/private`, {})).status).toBe(303);
    expect(await (await browser.get('/portfolio')).text()).toContain(`href="/portfolio/badges/${assertionId}/public"`);
    const askPublic = await (await browser.get(`/portfolio/badges/${assertionId}/public`)).text();
    expect(askPublic).toContain('badge public?');
    expect(askPublic).toContain('Anyone with its link');
    expect((await browser.post(`/portfolio/badges/${assertionId}/public`, {})).status).toBe(303);
    expect((await getAssertion(w.db, assertionId))!.isPublic).toBe(true);
  });

  it('nobody can switch someone else\'s badge', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    await verifiedAccount(w, 'mallory@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const { browser } = await logIn(w, 'mallory@example.com');
    await browser.get('/portfolio');
    expect((await browser.get(`/portfolio/badges/${assertionId}/private`)).status).toBe(404);
    expect((await browser.post(`/portfolio/badges/${assertionId}/private`, {})).status).toBe(404);
    const { token } = await (await requestToken(w, 'mallory@example.com', DEFAULT_PASSWORD)).json();
    const patched = await w.app.request(`/api/v1/me/badges/${assertionId}`, jsonRequest('PATCH', { isPublic: false }, { Authorization: `Bearer ${token}` }));
    expect(patched.status).toBe(404);
    expect((await getAssertion(w.db, assertionId))!.isPublic).toBe(true);
  });
});

describe('name changes come only from the issuer', () => {
  it('the profile has no name field and says so; the issuer API corrects the name everywhere', async () => {
    const w = await world();
    const account = await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const first = await issueBadge(w, issuer, 'jane@example.com', 'Jane Deo');
    const second = await issueBadge(w, issuer, 'jane@example.com', 'Jane Deo');
    const { browser } = await logIn(w, 'jane@example.com');
    const profile = await (await browser.get('/profile')).text();
    expect(profile).not.toContain('name="firstName"');
    expect(profile).not.toContain('name="lastName"');
    expect(profile).toMatch(/ask that issuer to\s+correct it/);
    expect(profile).toMatch(/comes from the organisation that issued it/);

    // A name sent with the profile form is ignored.
    await browser.post('/profile', { workplace: 'Acme', professionalTitle: 'Welder', linkedinUrl: 'https://www.linkedin.com/in/jane-doe', firstName: 'Evil' });
    expect((await getAccount(w.db, account.id))!).toMatchObject({ firstName: 'Jane', workplace: 'Acme', professionalTitle: 'Welder', linkedinUrl: 'https://www.linkedin.com/in/jane-doe' });

    const stranger = await issuerWithBadge(w, 'X', 'Stranger Org');
    expect((await w.app.request(`/api/v1/assertions/${first}/recipient`, jsonRequest('PATCH', { name: 'Nope' }, stranger.auth))).status).toBe(404);
    expect((await w.app.request(`/api/v1/assertions/${first}/recipient`, jsonRequest('PATCH', { name: '' }, issuer.auth))).status).toBe(400);
    const fixed = await w.app.request(`/api/v1/assertions/${first}/recipient`, jsonRequest('PATCH', { name: 'Jane Doe' }, issuer.auth));
    expect(fixed.status).toBe(200);
    const body = await fixed.json();
    expect(body.recipient.name).toBe('Jane Doe');
    expect(body.updatedAssertions.sort()).toEqual([first, second].sort());
    expect((await verify(w, `${PUBLIC_URL}/assertions/${second}`)).badge!.recipientName).toBe('Jane Doe');
    const page = await (await w.app.request(`/assertions/${first}`, { headers: { Accept: 'text/html' } })).text();
    expect(page).toContain('Jane Doe');
    expect(page).not.toContain('Jane Deo');
  });

  it('profile fields are validated next to the field', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get('/profile');
    const res = await browser.post('/profile', { workplace: 'Acme', professionalTitle: '', linkedinUrl: 'https://evil.example/in/jane' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="field-linkedinUrl-error">Enter your LinkedIn profile address/);
  });

  it('takes a LinkedIn address typed without https://', async () => {
    const w = await world();
    const account = await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get('/profile');
    for (const typed of ['www.linkedin.com/in/jane-doe', 'linkedin.com/in/jane-doe', 'http://www.linkedin.com/in/jane-doe']) {
      const res = await browser.post('/profile', { workplace: '', professionalTitle: '', linkedinUrl: typed });
      expect(res.status, typed).toBeLessThan(400);
      expect((await getAccount(w.db, account.id))!.linkedinUrl, typed).toBe(`https://${typed.replace(/^http:\/\//, '')}`);
    }
  });
});

describe('account deletion', () => {
  it('removes personal data, ends sessions, and makes the badges verify as not_found', async () => {
    const w = await world();
    const account = await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const badgeUrl = `${PUBLIC_URL}/assertions/${assertionId}`;
    const { browser } = await logIn(w, 'jane@example.com');
    await addAlternateEmail(w, browser, null, 'jane@work.example');
    await browser.get('/portfolio');
    await browser.post(`/portfolio/badges/${assertionId}/accept`, {});
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    expect((await verify(w, badgeUrl)).status).toBe('valid');

    await browser.get('/account/delete');
    const wrong = await browser.post('/account/delete', { password: 'not my password', confirm: 'on' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('This is not your password.');
    const unconfirmed = await browser.post('/account/delete', { password: DEFAULT_PASSWORD });
    expect(await unconfirmed.text()).toContain('Tick the box');
    const deleted = await browser.post('/account/delete', { password: DEFAULT_PASSWORD, confirm: 'on' });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('Your account is deleted');

    expect(await getAccount(w.db, account.id)).toBeNull();
    expect(await countRows(w.db, 'account_emails')).toBe(0);
    expect(await countRows(w.db, 'sessions')).toBe(0);
    expect((await listOutbox(w.db, 1000)).filter((mail) => mail.to.startsWith('jane@'))).toEqual([]);
    expect((await listMailQueue(w.db)).filter((mail) => mail.to.startsWith('jane@'))).toEqual([]);
    const row = await w.db
      .selectFrom('assertions')
      .select(['recipient_name', 'recipient_email', 'recipient_hash', 'is_public', 'account_id'])
      .where('id', '=', assertionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ recipient_name: '', recipient_email: '', is_public: 0, account_id: null });
    expect(row.recipient_hash).toMatch(/^sha256\$/);
    expect((await verify(w, badgeUrl)).status).toBe('not_found');
    expect((await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await browser.get('/portfolio')).status).toBe(303);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(401);
    // The issuer cannot bring her back through a claim email either.
    expect((await w.app.request(`/api/v1/assertions/${assertionId}/resend-claim`, { method: 'POST', headers: issuer.auth })).status).toBe(404);
  });
});

describe('changing the password', () => {
  const NEW_PASSWORD = 'a much newer passphrase';

  it('needs the current password, keeps this browser signed in, and signs every other session out', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    const { browser: elsewhere } = await logIn(w, 'jane@example.com');
    const token = ((await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json()) as { token: string }).token;
    await browser.get('/profile');

    const mismatch = await browser.post('/profile/password', { currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD, passwordConfirm: 'something else' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toMatch(/id="field-passwordConfirm-error">The two passwords are not the same/);
    const wrong = await browser.post('/profile/password', { currentPassword: 'not my password', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(wrong.status).toBe(401);
    const wrongPage = await wrong.text();
    expect(wrongPage).toMatch(/id="field-currentPassword-error">This is not your current password/);
    expect(wrongPage).not.toContain(NEW_PASSWORD);

    const changed = await browser.post('/profile/password', { currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/profile?notice=password-updated');
    const after = await browser.get('/profile?notice=password-updated');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Your password is changed.');
    // The other browser and the extension's token are signed out; only the new password signs in.
    const signedOut = await elsewhere.get('/portfolio');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toMatch(/^\/login/);
    expect((await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).status).toBe(401);
    expect((await requestToken(w, 'jane@example.com', NEW_PASSWORD)).status).toBe(201);
  });

  it('counts wrong current passwords towards the lockout, here and when deleting the account', async () => {
    const w = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    await browser.get('/profile');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < LOCK_AFTER_FAILURES - 1; attempt++) {
      statuses.push((await browser.post('/profile/password', { currentPassword: `guess ${attempt}`, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).status);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    await browser.get('/account/delete');
    const lastGuess = await browser.post('/account/delete', { password: 'one more guess', confirm: 'on' });
    expect(lastGuess.status).toBe(400);
    expect(await findAccountByPrimaryEmail(w.db, 'jane@example.com')).toMatchObject({ lockedAt: expect.any(String) });
    // Locked: even the right password changes nothing now, and says how to get back in.
    const locked = await browser.post('/profile/password', { currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(locked.status).toBe(423);
    expect((await requestToken(w, 'jane@example.com', NEW_PASSWORD)).status).not.toBe(201);
  });
});
