import { describe, expect, it } from 'vitest';
import { getAssertionAccountId } from '../src/db/assertions';
import { listMailQueue } from '../src/db/mailQueue';
import { Browser, DEFAULT_PASSWORD, worldsClosedAfterEach, issueBadge, issuerWithBadge, latestMail, linkIn, PUBLIC_URL, requestToken, verifiedAccount } from './earners-helpers';

const world = worldsClosedAfterEach();

describe('issuer: resend the claim email', () => {
  it('queues a new claim link that replaces the old one, only for pending badges of its own', async () => {
    const w = await world();
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    await w.deliver();
    const first = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);

    const stranger = await issuerWithBadge(w, 'X', 'Stranger Org');
    expect((await w.app.request(`/api/v1/assertions/${assertionId}/resend-claim`, { method: 'POST', headers: stranger.auth })).status).toBe(404);
    const res = await w.app.request(`/api/v1/assertions/${assertionId}/resend-claim`, { method: 'POST', headers: issuer.auth });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: assertionId, recipient: 'jane@example.com', claimEmail: 'queued' });
    await w.deliver();
    expect((await listMailQueue(w.db)).map((m) => m.status)).toEqual(['sent', 'sent']);
    const second = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);
    expect(second).not.toBe(first);
    expect((await new Browser(w.app).get(first)).status).toBe(410);
    expect((await new Browser(w.app).get(second)).status).toBe(200);

    // Once decided, there is nothing to claim.
    await verifiedAccount(w, 'jane@example.com');
    const browser = new Browser(w.app);
    await browser.get('/login');
    await browser.post('/login', { email: 'jane@example.com', password: DEFAULT_PASSWORD, next: new URL(second).pathname });
    await browser.get(second);
    await browser.post(second, { decision: 'accepted' });
    const late = await w.app.request(`/api/v1/assertions/${assertionId}/resend-claim`, { method: 'POST', headers: issuer.auth });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('already_decided');
  });
});

describe('issuance to a known address', () => {
  it('a badge issued to an account\'s confirmed primary email goes straight to that account', async () => {
    const w = await world();
    const account = await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, 'Jane@Example.com', 'Jane Doe');
    expect(await getAssertionAccountId(w.db, assertionId)).toBe(account.id);
    const { token } = await (await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD)).json();
    const { items } = await (await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(items).toEqual([expect.objectContaining({ id: assertionId, claimState: 'pending' })]);
  });
});

describe('an account whose address is not confirmed yet', () => {
  it('cannot sign in; the right password sends a fresh confirmation link', async () => {
    const w = await world();
    const browser = new Browser(w.app);
    await browser.get('/register');
    await browser.post('/register', { firstName: 'Jo', lastName: 'Do', email: 'jo@example.com', password: DEFAULT_PASSWORD, passwordConfirm: DEFAULT_PASSWORD, terms: 'on' });
    expect((await requestToken(w, 'jo@example.com', 'wrong password')).status).toBe(401);
    expect((await listMailQueue(w.db))).toHaveLength(1);
    const res = await requestToken(w, 'jo@example.com', DEFAULT_PASSWORD);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('email_not_confirmed');
    expect((await listMailQueue(w.db)).map((m) => m.subject)).toEqual(['Confirm your email address for BadgeLens', 'Confirm your email address for BadgeLens']);
  });
});
