// Sign-ins whose (slow) password check overlaps something else: a burst of guesses, a password reset,
// the account's deletion. The accounts here have slow password hashes (slowAccount), so each check takes
// about a second and the test can act while it is under way.
import { afterEach, describe, expect, it } from 'vitest';
import { deleteAccount, getAccount } from '../src/db/accounts';
import { LOCK_AFTER_FAILURES } from '../src/earners/service';
import {
  Browser,
  DEFAULT_PASSWORD,
  earnerWorld,
  fromAddress,
  latestMail,
  linkIn,
  logIn,
  PUBLIC_URL,
  requestToken,
  slowAccount,
  statementsOn,
  until,
  type EarnerWorld,
} from './earners-helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// Behind one trusted proxy, each request from its own address: the guesser spreads over many addresses,
// so the per-address rate limit never answers and only the per-account rules are at work.
async function world(): Promise<EarnerWorld> {
  const w = await earnerWorld({ trustProxy: 1 });
  closers.push(() => w.transport.close());
  return w;
}

let nextHost = 1;
const someAddress = () => fromAddress(`198.51.100.${nextHost++ % 250}`);

/** A request with when it was answered, to check the order of events. */
function tracked(response: Promise<Response>) {
  const state = { answeredAt: 0, response: null as Response | null };
  const done = response.then((res) => {
    state.answeredAt = performance.now();
    state.response = res;
    return res;
  });
  return { state, done };
}

const bearerWorks = async (w: EarnerWorld, res: Response) => {
  if (res.status !== 201) return false;
  const { token } = (await res.json()) as { token: string };
  return (await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).status === 200;
};

describe('lockout under concurrency', { timeout: 120_000 }, () => {
  it('answers at most nine wrong guesses of a burst of 30 with 401; the right password inside the burst is refused; then 423', async () => {
    const w = await world();
    await slowAccount(w, 'jane@example.com');
    const wrong = () => tracked(requestToken(w, 'jane@example.com', 'wrong password', someAddress()));

    const before = statementsOn(w.db, 'accounts');
    const first = Array.from({ length: 15 }, wrong);
    // Every one of the first 15 has read (or reserved) the account: their checks are under way.
    await until(() => statementsOn(w.db, 'accounts') - before >= 15, 'the first guesses to reach the account');
    const right = tracked(requestToken(w, 'jane@example.com', DEFAULT_PASSWORD, someAddress()));
    const rest = Array.from({ length: 14 }, wrong);
    const guesses = await Promise.all([...first, ...rest].map((request) => request.done));
    const rightAnswer = await right.done;

    // The right password arrived while ten wrong guesses were being checked: refused (423, or 429 in the burst).
    expect([423, 429], `the right password inside the burst got ${rightAnswer.status}`).toContain(rightAnswer.status);
    const statuses = guesses.map((res) => res.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES - 1);
    expect(statuses.every((status) => [401, 423, 429].includes(status)), statuses.join(',')).toBe(true);
    expect(statuses).toContain(423);

    // Once the burst is over the account is locked: every answer is 423, the right password's too.
    const account = (await getAccount(w.db, (await w.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id))!;
    expect(account.lockedAt).not.toBeNull();
    expect(account.failedLogins).toBe(LOCK_AFTER_FAILURES);
    expect((await requestToken(w, 'jane@example.com', DEFAULT_PASSWORD, someAddress())).status).toBe(423);
    expect((await requestToken(w, 'jane@example.com', 'wrong password', someAddress())).status).toBe(423);
    expect((await logIn(w, 'jane@example.com', DEFAULT_PASSWORD, new Browser(w.app, someAddress()))).res.status).toBe(423);
  });

  it('lets the right password through when fewer than ten wrong guesses are pending, and starts counting again', async () => {
    const w = await world();
    await slowAccount(w, 'jane@example.com', DEFAULT_PASSWORD, 2);
    const wrong = Array.from({ length: 5 }, () => requestToken(w, 'jane@example.com', 'wrong password', someAddress()));
    const right = requestToken(w, 'jane@example.com', DEFAULT_PASSWORD, someAddress());
    expect((await Promise.all(wrong)).map((res) => res.status)).toEqual([401, 401, 401, 401, 401]);
    const answer = await right;
    expect(answer.status).toBe(201);
    expect(await bearerWorks(w, answer)).toBe(true);
  });
});

describe('a password reset while a sign-in is under way', { timeout: 120_000 }, () => {
  it('gives the sign-in that began with the old password no working token or session', async () => {
    const w = await world();
    await slowAccount(w, 'jane@example.com', 'the old password');
    const owner = new Browser(w.app, someAddress());
    await owner.get('/reset');
    expect((await owner.post('/reset', { email: 'jane@example.com' })).status).toBe(200);
    await w.deliver();
    const resetUrl = linkIn((await latestMail(w, null, 'jane@example.com', /new BadgeLens password/)).text, `${PUBLIC_URL}/reset/`);

    // Someone who knows the old password signs in, on the API and on the page; their checks begin now.
    const before = statementsOn(w.db, 'accounts');
    const api = tracked(requestToken(w, 'jane@example.com', 'the old password', someAddress()));
    const pageBrowser = new Browser(w.app, someAddress());
    await pageBrowser.get('/login');
    const page = tracked(pageBrowser.post('/login', { email: 'jane@example.com', password: 'the old password' }));
    await until(() => statementsOn(w.db, 'accounts') - before >= 2, 'both sign-ins to read the account');

    // The owner completes the reset while both checks are still running.
    await owner.get(resetUrl);
    const reset = await owner.post(resetUrl, { password: 'a brand new password', passwordConfirm: 'a brand new password' });
    expect(reset.status).toBe(303);
    const resetDoneAt = performance.now();
    expect(api.state.answeredAt, 'the API sign-in finished before the reset: the test did not race').toBe(0);
    expect(page.state.answeredAt, 'the page sign-in finished before the reset: the test did not race').toBe(0);

    const apiAnswer = await api.done;
    const pageAnswer = await page.done;
    expect(api.state.answeredAt).toBeGreaterThan(resetDoneAt);
    expect(await bearerWorks(w, apiAnswer)).toBe(false);
    expect(apiAnswer.status).toBe(401);
    expect(pageAnswer.status).toBe(401);
    const portfolio = await pageBrowser.get('/portfolio');
    expect(portfolio.status, 'the page sign-in must not have a session').toBe(303);

    // The new password works.
    expect((await requestToken(w, 'jane@example.com', 'a brand new password', someAddress())).status).toBe(201);
  });
});

describe('an account deleted while a sign-in is under way', { timeout: 120_000 }, () => {
  it('answers 401, never 500, whether the password was right or wrong', async () => {
    const w = await world();
    const account = await slowAccount(w, 'jane@example.com');
    const before = statementsOn(w.db, 'accounts');
    const signIns = [
      ...Array.from({ length: 3 }, () => tracked(requestToken(w, 'jane@example.com', DEFAULT_PASSWORD, someAddress()))),
      ...Array.from({ length: 3 }, () => tracked(requestToken(w, 'jane@example.com', 'wrong password', someAddress()))),
    ];
    const pageBrowser = new Browser(w.app, someAddress());
    await pageBrowser.get('/login');
    signIns.push(tracked(pageBrowser.post('/login', { email: 'jane@example.com', password: DEFAULT_PASSWORD })));
    await until(() => statementsOn(w.db, 'accounts') - before >= signIns.length, 'every sign-in to read the account');

    // The same deletion the account page runs (db/accounts.ts), while every check is under way.
    expect(await deleteAccount(w.db, account.id)).toBe(true);
    const deletedAt = performance.now();
    expect(signIns.filter((request) => request.state.answeredAt !== 0), 'sign-ins finished before the deletion: the test did not race').toEqual([]);

    const answers = await Promise.all(signIns.map((request) => request.done));
    for (const request of signIns) expect(request.state.answeredAt).toBeGreaterThan(deletedAt);
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect((await answers[0].json()).error.code).toBe('invalid_credentials');
    expect(await w.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });
});
