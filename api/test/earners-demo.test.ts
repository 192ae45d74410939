import { afterEach, describe, expect, it } from 'vitest';
import { findAccountByPrimaryEmail } from '../src/db/accounts';
import { getAssertion, getAssertionAccountId } from '../src/db/assertions';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD, seedDemoAccounts, splitName } from '../src/earners/demoAccounts';
import { earnerWorld, issueBadge, issuerWithBadge, requestToken, type EarnerWorld } from './earners-helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('demo accounts', () => {
  it('gives every recipient an account holding their badges; only the demo earner can sign in; claim states stay as issued', async () => {
    const w: EarnerWorld = await earnerWorld();
    closers.push(() => w.transport.close());
    const issuer = await issuerWithBadge(w);
    const demoIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      demoIds.push(await issueBadge(w, issuer, DEMO_EARNER_EMAIL, 'Dana Demo'));
      w.clock.advance(60_000);
    }
    const otherIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      otherIds.push(await issueBadge(w, issuer, 'sam@example.com', 'Sam Lee Park'));
      w.clock.advance(60_000);
    }

    expect(await seedDemoAccounts(w.db, w.clock.now())).toEqual({ accountsCreated: 2 });
    expect(await seedDemoAccounts(w.db, w.clock.now())).toEqual({ accountsCreated: 0 });
    const accounts = await w.db.selectFrom('accounts').select(['first_name', 'last_name', 'email', 'email_verified_at']).orderBy('email').execute();
    expect(accounts.map(({ email_verified_at, ...names }) => ({ ...names, verified: email_verified_at !== null }))).toEqual([
      { first_name: 'Dana', last_name: 'Demo', email: DEMO_EARNER_EMAIL, verified: true },
      { first_name: 'Sam', last_name: 'Lee Park', email: 'sam@example.com', verified: true },
    ]);

    const tokenRes = await requestToken(w, DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    expect(tokenRes.status).toBe(201);
    const { token } = await tokenRes.json();
    const { items } = await (await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(items.map((b: { id: string }) => b.id).sort()).toEqual([...demoIds].sort());
    expect(items.map((b: { claimState: string }) => b.claimState)).toEqual(['pending', 'pending', 'pending', 'pending']);

    // Other demo earners cannot sign in with the demo password (or any other).
    expect((await requestToken(w, 'sam@example.com', DEMO_EARNER_PASSWORD)).status).toBe(401);
    const others = await Promise.all(otherIds.map((id) => getAssertion(w.db, id)));
    expect(others.every((a) => a!.claimState === 'pending')).toBe(true);
    const samAccount = (await findAccountByPrimaryEmail(w.db, 'sam@example.com'))!;
    const attached = await Promise.all(otherIds.map((id) => getAssertionAccountId(w.db, id)));
    expect(attached).toEqual(otherIds.map(() => samAccount.id));
  });

  it('splits full names into first and last', () => {
    expect(splitName(' Ana  María Ruiz ')).toEqual({ firstName: 'Ana', lastName: 'María Ruiz' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });
});
