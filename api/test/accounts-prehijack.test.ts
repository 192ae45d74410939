// Account pre-hijacking: someone registers another person's address with a password of their own, before
// that person does. Activation must prove the mailbox and the password of the registration it confirms, so
// the real owner ends up with their own password, the other one's never works, and nobody gets locked out.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAccount } from '../src/db/accounts';
import { getAssertion } from '../src/db/assertions';
import { RATE_LIMITS } from '../src/earners/rateLimit';
import { LOCK_AFTER_FAILURES } from '../src/earners/service';
import {
  Browser,
  earnerWorld,
  fromAddress,
  issueBadge,
  issuerWithBadge,
  linkIn,
  PUBLIC_URL,
  requestToken,
  startSmtpServer,
  type EarnerWorld,
  type ReceivedMail,
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

async function world(): Promise<EarnerWorld> {
  const w = await earnerWorld({ smtpPort: smtp.port, trustProxy: 1 });
  closers.push(() => w.transport.close());
  return w;
}

const VICTIM = 'jane@example.com';
const ATTACKER_PASSWORD = 'mallory knows this one';
const VICTIM_PASSWORD = 'jane chose this one';

const attackerAt = () => fromAddress('203.0.113.66');
const victimAt = () => fromAddress('198.51.100.20');

async function registerOn(browser: Browser, path: string, person: { firstName: string; lastName: string; password: string }) {
  await browser.get(path === '/register' ? '/register' : path.replace(/\/register$/, ''));
  const res = await browser.post(path, { ...person, email: VICTIM, passwordConfirm: person.password, terms: 'on' });
  expect(res.status).toBe(200);
}

const confirmLinks = (): string[] =>
  smtp.received.filter((mail: ReceivedMail) => mail.to.includes(VICTIM) && /Confirm your email/.test(mail.subject)).map((mail) => linkIn(mail.text, `${PUBLIC_URL}/activate/`));

async function activateWith(browser: Browser, link: string, password: string): Promise<Response> {
  expect((await browser.get(link)).status).toBe(200);
  return browser.post(link, { password });
}

const signInStatus = async (w: EarnerWorld, password: string) => (await requestToken(w, VICTIM, password, fromAddress('192.0.2.1'))).status;

describe('someone registers your address before you', () => {
  it('you register too and confirm with your own password; the link from their registration needs theirs; theirs never works', async () => {
    const w = await world();
    await registerOn(new Browser(w.app, attackerAt()), '/register', { firstName: 'Mallory', lastName: 'Evil', password: ATTACKER_PASSWORD });
    // The attacker cannot sign in before the address is confirmed.
    expect(await signInStatus(w, ATTACKER_PASSWORD)).not.toBe(201);

    const jane = new Browser(w.app, victimAt());
    await registerOn(jane, '/register', { firstName: 'Jane', lastName: 'Doe', password: VICTIM_PASSWORD });
    await w.deliver();
    const links = confirmLinks();
    expect(links.length).toBeGreaterThanOrEqual(2);
    const [theirs, ...rest] = links;
    const ownLink = rest.at(-1)!;

    // Jane opens the first confirmation email, the one the attacker's registration sent: her password does not confirm it.
    const refused = await activateWith(jane, theirs, VICTIM_PASSWORD);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('not the password chosen');
    expect(await signInStatus(w, ATTACKER_PASSWORD)).not.toBe(201);

    // Her own confirmation email, with her own password, does.
    const confirmed = await activateWith(jane, ownLink, VICTIM_PASSWORD);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/portfolio?notice=activated');
    expect((await jane.get('/portfolio')).status).toBe(200);

    expect(await signInStatus(w, VICTIM_PASSWORD)).toBe(201);
    expect(await signInStatus(w, ATTACKER_PASSWORD)).toBe(401);
    const account = (await w.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id;
    expect(await getAccount(w.db, account)).toMatchObject({ firstName: 'Jane', lastName: 'Doe', emailVerifiedAt: expect.any(String) });
    // The attacker's links are dead now, whatever password is given.
    for (const link of links) expect((await new Browser(w.app, attackerAt()).get(link)).status).toBe(410);
  });

  it('even locked by their wrong guesses, you claim your badge: register through the claim link, confirm, accept', async () => {
    const w = await world();
    const issuer = await issuerWithBadge(w);
    const assertionId = await issueBadge(w, issuer, VICTIM, 'Jane Doe');
    await w.deliver();
    const claimUrl = linkIn(smtp.received[0].text, `${PUBLIC_URL}/claim/`);

    await registerOn(new Browser(w.app, attackerAt()), '/register', { firstName: 'Mallory', lastName: 'Evil', password: ATTACKER_PASSWORD });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await signInStatus(w, 'a wrong guess');
    expect(await signInStatus(w, ATTACKER_PASSWORD)).toBe(423);

    const jane = new Browser(w.app, victimAt());
    await registerOn(jane, `${new URL(claimUrl).pathname}/register`, { firstName: 'Jane', lastName: 'Doe', password: VICTIM_PASSWORD });
    await w.deliver();
    const links = confirmLinks();
    const confirmed = await activateWith(jane, links[links.length - 1], VICTIM_PASSWORD);
    expect(confirmed.status).toBe(303);
    await jane.get(claimUrl);
    expect((await jane.post(claimUrl, { decision: 'accepted' })).status).toBe(303);
    expect((await getAssertion(w.db, assertionId))!.claimState).toBe('accepted');

    expect(await signInStatus(w, VICTIM_PASSWORD)).toBe(201);
    expect(await signInStatus(w, ATTACKER_PASSWORD)).toBe(401);
  });

  it('a password reset proves your mailbox too: it sets your password and ends their confirmation links', async () => {
    const w = await world();
    await registerOn(new Browser(w.app, attackerAt()), '/register', { firstName: 'Mallory', lastName: 'Evil', password: ATTACKER_PASSWORD });
    const jane = new Browser(w.app, victimAt());
    await jane.get('/reset');
    await jane.post('/reset', { email: VICTIM });
    await w.deliver();
    const reset = linkIn(smtp.received.find((mail) => /new BadgeLens password/.test(mail.subject))!.text, `${PUBLIC_URL}/reset/`);
    await jane.get(reset);
    expect((await jane.post(reset, { password: VICTIM_PASSWORD, passwordConfirm: VICTIM_PASSWORD })).status).toBe(303);
    expect(await signInStatus(w, VICTIM_PASSWORD)).toBe(201);
    expect(await signInStatus(w, ATTACKER_PASSWORD)).toBe(401);
    const [attackerLink] = confirmLinks();
    expect((await new Browser(w.app, attackerAt()).get(attackerLink)).status).toBe(410);
  });

  it('asks for the password on the confirmation page, and refuses a confirmation without it', async () => {
    const w = await world();
    const jane = new Browser(w.app, victimAt());
    await registerOn(jane, '/register', { firstName: 'Jane', lastName: 'Doe', password: VICTIM_PASSWORD });
    await w.deliver();
    const [link] = confirmLinks();
    const page = await jane.get(link);
    expect(await page.text()).toContain('name="password"');
    expect((await jane.post(link, {})).status).toBe(400);
    expect((await jane.post(link, { password: 'not my password' })).status).toBe(401);
    expect((await jane.post(link, { password: VICTIM_PASSWORD })).status).toBe(303);
  });

  it('registrations of a new address at the same moment make one account, and each its own link', async () => {
    const w = await world();
    const registrations = Array.from({ length: 6 }, (_, i) =>
      registerOn(new Browser(w.app, fromAddress(`203.0.113.${i + 10}`)), '/register', { firstName: 'Jane', lastName: 'Doe', password: `${VICTIM_PASSWORD} ${i}` }),
    );
    await Promise.all(registrations);
    expect(await w.db.selectFrom('accounts').select('email').execute()).toEqual([{ email: VICTIM }]);
    await w.deliver();
    // Each registration got its own link, as many as the per-address limit on account mail lets through.
    expect(confirmLinks()).toHaveLength(RATE_LIMITS.accountMail.limit);
  });
});
