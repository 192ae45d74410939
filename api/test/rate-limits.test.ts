// Issue 11 items 11 and 19: every rate limit is a setting, answers 429 with Retry-After, and
// RATE_LIMITS=off switches them off.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { addStaff } from '../src/console/data';
import { createAccount } from '../src/db/accounts';
import { createSession } from '../src/db/sessions';
import { testDb } from './helpers';
import { PER_ITEM_RATE_LIMITS, RATE_LIMITS, type RateLimitSettings } from '../src/earners/rateLimit';
import { createMailTransport } from '../src/mail/transport';
import { processMailQueue } from '../src/mail/worker';
import { createBadgeEventCounter } from '../src/sharing/badgeEventCounter';
import { Browser, issueBadge, issuerWithBadge, latestMail, linkIn, manualClock, type EarnerWorld } from './earners-helpers';
import { jsonRequest, PUBLIC_URL } from './helpers';

async function worldWith(rateLimits: RateLimitSettings): Promise<EarnerWorld> {
  const db = await testDb();
  const clock = manualClock();
  const badgeEvents = createBadgeEventCounter(db);
  const app = createApp({ db, publicUrl: PUBLIC_URL, now: clock.now, rateLimits, devOutbox: true, badgeEvents });
  const transport = createMailTransport({ db, now: clock.now });
  return { db, app, clock, transport, badgeEvents, deliver: () => processMailQueue({ db, now: clock.now }, transport) };
}

/**
 * Every rule allowing one request per window; an issuer two resent claim emails, so that after one to a
 * recipient (the recipient's rule is counted first) it still has one for another recipient.
 */
const ONE_EACH: RateLimitSettings = Object.fromEntries(
  Object.values(RATE_LIMITS).map((rule) => [rule.name, { ...rule, limit: rule.name === RATE_LIMITS.claimResendIssuer.name ? 2 : 1 }]),
);

/** Rules that never answer 429: past them, account emails are silently not sent (mail-rate-limits.test.ts). */
const SILENT_RULES = [RATE_LIMITS.accountMail.name];

const person = { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', password: 'correct horse battery', passwordConfirm: 'correct horse battery', terms: 'on' };

/** Each limited route, as a function sending one request to it. */
async function limitedRoutes(w: EarnerWorld): Promise<Record<string, { rule: string; send: () => Promise<Response> }>> {
  const issuer = await issuerWithBadge(w);
  await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
  const recipients = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((name) => issueBadge(w, issuer, `${name}@example.com`, name)));
  const requirement = await (await w.app.request('/api/v1/requirements', jsonRequest('POST', { kind: 'course', title: 'Safety course' }, issuer.auth))).json();
  const complete = async () => w.app.request(`/api/v1/requirements/${requirement.id}/completions`, jsonRequest('POST', { email: 'r9@example.com', name: 'R' }, issuer.auth));
  const resend = async (id: string) => w.app.request(`/api/v1/assertions/${id}/resend-claim`, { method: 'POST', headers: issuer.auth });
  // Signed-in earners, their sessions made directly (signing in would spend the login allowance).
  let accounts = 0;
  const earner = async () => {
    const account = await createAccount(w.db, { firstName: 'E', lastName: 'E', email: `earner${++accounts}@example.com`, passwordHash: 'x', verified: true });
    const session = await createSession(w.db, account, 'cookie', 60_000, w.clock.now());
    const signedIn = new Browser(w.app, { Accept: 'text/html' });
    signedIn.cookies.set('bl_session', session!.token);
    return signedIn;
  };
  const addEmail = async (signedIn: Browser, email: string) => {
    await signedIn.get('/profile');
    return signedIn.post('/profile/emails', { email });
  };
  // Owners of the issuer in its console, each a new account (console changes are counted per account).
  const consoleOwner = async () => {
    const account = await createAccount(w.db, { firstName: 'O', lastName: 'O', email: `owner${++accounts}@example.com`, passwordHash: 'x', verified: true });
    await addStaff(w.db, issuer.issuer.id, account.id, 'owner', w.clock.now());
    const session = await createSession(w.db, account, 'cookie', 60_000, w.clock.now());
    const signedIn = new Browser(w.app, { Accept: 'text/html' });
    signedIn.cookies.set('bl_session', session!.token);
    return signedIn;
  };
  const consolePath = `/console/${issuer.issuer.id}`;
  const issuingOwner = await consoleOwner();
  let invited = 0;
  const oneEarner = await earner();
  const importer = await createAccount(w.db, { firstName: 'I', lastName: 'I', email: 'importer@example.com', passwordHash: 'x', verified: true });
  const importToken = (await createSession(w.db, importer, 'bearer', 60_000, w.clock.now()))!.token;
  let added = 0;
  let resent = 0;
  let linked = 0;
  const memberEntry = { email: 'member@example.com', name: 'Member', memberSince: '2020-01-01' };
  const putMember = async (memberId: string) => w.app.request(`/api/v1/issuer/members/${memberId}`, jsonRequest('PUT', memberEntry, issuer.auth));
  // Written straight to the roster: the roster's own limit must not spend the link limits' setup.
  await w.db
    .insertInto('issuer_members')
    .values({ issuer_id: issuer.issuer.id, member_id: 'M-1', email: 'member@example.com', name: 'M', member_since: '2020-01-01', created_at: '2026-01-01', updated_at: '2026-01-01' })
    .execute();
  const askLink = async (token: string, memberId: string) =>
    w.app.request('/api/v1/me/memberships', jsonRequest('POST', { issuerId: issuer.issuer.id, memberId }, { Authorization: `Bearer ${token}` }));
  const earnerToken = async () => {
    const account = await createAccount(w.db, { firstName: 'L', lastName: 'L', email: `linker${++linked}@example.com`, passwordHash: 'x', verified: true });
    return (await createSession(w.db, account, 'bearer', 60_000, w.clock.now()))!.token;
  };
  const linkerToken = await earnerToken();
  await w.deliver();
  const claimUrl = linkIn((await latestMail(w, null, 'jane@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);
  const browser = new Browser(w.app, { Accept: 'text/html' });
  const form = async (page: string, path: string, fields: Record<string, string>) => {
    await browser.get(page);
    return browser.post(path, fields);
  };
  return {
    'POST /login': { rule: 'login', send: () => form('/login', '/login', { email: 'jane@example.com', password: 'wrong password' }) },
    'POST /api/v1/auth/token': {
      rule: 'login',
      send: async () => w.app.request('/api/v1/auth/token', jsonRequest('POST', { email: 'jane@example.com', password: 'wrong password' })),
    },
    'POST /register': { rule: 'register', send: () => form('/register', '/register', person) },
    'POST /claim/:token/register': { rule: 'register', send: () => form(claimUrl, `${claimUrl}/register`, person) },
    'POST /reset': { rule: 'reset', send: () => form('/reset', '/reset', { email: 'jane@example.com' }) },
    'POST /reset/:token': { rule: 'reset', send: () => form('/reset', '/reset/not-a-token', { password: 'a new password!', passwordConfirm: 'a new password!' }) },
    'POST /api/v1/verify': { rule: 'verify', send: async () => w.app.request('/api/v1/verify', jsonRequest('POST', { urls: ['https://badges.test/assertions/x'] })) },
    // An address the relay refuses without any fetch: the limit comes first all the same.
    'GET /api/v1/relay': { rule: 'relay', send: async () => w.app.request(`/api/v1/relay?url=${encodeURIComponent('https://127.0.0.1/credentials/x')}`) },
    'POST /api/v1/issuer/keys': { rule: 'issuerKeys', send: async () => w.app.request('/api/v1/issuer/keys', { method: 'POST', headers: issuer.auth }) },
    'DELETE /api/v1/issuer/keys/:keyId': {
      rule: 'issuerKeys',
      send: async () => w.app.request('/api/v1/issuer/keys/key-1', { method: 'DELETE', headers: issuer.auth }),
    },
    'POST /profile/emails (one account)': { rule: 'altEmailAccount', send: async () => addEmail(oneEarner, `other${++added}@example.org`) },
    'POST /profile/emails (one recipient)': { rule: 'altEmailRecipient', send: async () => addEmail(await earner(), 'shared@example.org') },
    'POST /api/v1/me/badges/import': {
      rule: 'badgeImport',
      // A badge of this server: refused without any fetch.
      send: async () => w.app.request('/api/v1/me/badges/import', jsonRequest('POST', { url: `${PUBLIC_URL}/assertions/x` }, { Authorization: `Bearer ${importToken}` })),
    },
    'POST /api/v1/me/claims': {
      rule: 'selfClaim',
      send: async () => w.app.request('/api/v1/me/claims', jsonRequest('POST', { badgeId: issuer.badgeClassId }, { Authorization: `Bearer ${importToken}` })),
    },
        'POST /api/v1/assertions/:id/resend-claim (one recipient)': { rule: 'claimResendRecipient', send: () => resend(recipients[0]) },
    'POST /api/v1/assertions/:id/resend-claim (one issuer)': { rule: 'claimResendIssuer', send: () => resend(recipients[++resent]) },
    'POST /api/v1/badges/:id/assertions/bulk (one issuer)': {
      rule: 'bulkIssue',
      send: async () =>
        w.app.request(`/api/v1/badges/${issuer.badgeClassId}/assertions/bulk`, {
          method: 'POST',
          headers: { Authorization: issuer.auth.Authorization, 'Content-Type': 'text/csv' },
          body: 'email,name\nbulk@example.com,Bulk Earner\n',
        }),
    },
    'POST /api/v1/requirements/:id/completions': { rule: 'completionRecipient', send: complete },
    'PUT /api/v1/issuer/members/:memberId': { rule: 'roster', send: () => putMember(`R-${++linked}`) },
    'PUT /api/v1/issuer/members': {
      rule: 'roster',
      send: async () => w.app.request('/api/v1/issuer/members', jsonRequest('PUT', { members: [{ memberId: 'R-bulk', ...memberEntry }] }, issuer.auth)),
    },
    'DELETE /api/v1/issuer/members/:memberId': { rule: 'roster', send: async () => w.app.request('/api/v1/issuer/members/R-x', { method: 'DELETE', headers: issuer.auth }) },
    'POST /api/v1/me/memberships (one account)': { rule: 'membershipLinkAccount', send: () => askLink(linkerToken, `X-${++linked}`) },
    'POST /api/v1/me/memberships (one member)': { rule: 'membershipLinkMember', send: async () => askLink(await earnerToken(), 'M-1') },
    'POST /profile/memberships (one member)': {
      rule: 'membershipLinkMember',
      send: async () => {
        const signedIn = await earner();
        await signedIn.get('/profile');
        return signedIn.post('/profile/memberships', { issuerId: issuer.issuer.id, memberId: 'M-1' });
      },
    },
    'GET /api/v1/analytics': { rule: 'analytics', send: async () => w.app.request('/api/v1/analytics', { headers: issuer.auth }) },
    'GET /api/v1/skills': { rule: 'skills', send: async () => w.app.request('/api/v1/skills') },
    'PUT /api/v1/skills/:skill/synonyms': {
      rule: 'skillSynonyms',
      send: async () => w.app.request('/api/v1/skills/welding/synonyms', jsonRequest('PUT', { synonyms: ['joining metal'] }, issuer.auth)),
    },
    'POST /console/:issuerId/issue (one staff account)': {
      rule: 'consoleAction',
      send: async () => {
        await issuingOwner.get(`${consolePath}/issue`);
        return issuingOwner.post(`${consolePath}/issue`, { badge: issuer.badgeClassId, email: `console${++invited}@example.com`, name: 'Console Earner' });
      },
    },
    'POST /console/:issuerId/staff/invite (one issuer)': {
      rule: 'staffInvite',
      // Each time another owner, so that only the issuer's allowance of invitations runs out.
      send: async () => {
        const owner = await consoleOwner();
        await owner.get(`${consolePath}/staff`);
        return owner.post(`${consolePath}/staff/invite`, { email: `colleague${++invited}@example.com`, role: 'viewer' });
      },
    },
  };
}

describe('rate limits', () => {
  it('answer 429 with Retry-After on every limited route once the client is over the limit', async () => {
    const w = await worldWith(ONE_EACH);
    const routes = await limitedRoutes(w);
    const coveredRules = new Set<string>();
    for (const [label, { rule, send }] of Object.entries(routes)) {
      // Routes sharing a rule share the allowance: the first of them may pass, every later request is refused.
      if (!coveredRules.has(rule)) expect((await send()).status, `${label} (first)`).not.toBe(429);
      coveredRules.add(rule);
      const limited = await send();
      expect(limited.status, label).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter, label).toBeGreaterThan(0);
      expect(retryAfter * 1000, label).toBeLessThanOrEqual(RATE_LIMITS[rule as keyof typeof RATE_LIMITS].windowMs);
    }
    // Per-item rules answer the request and refuse its items (tested in verify-foreign-fetching.test.ts);
    // silent rules never answer 429.
    expect([...coveredRules].sort()).toEqual(
      Object.keys(RATE_LIMITS)
        .filter((rule) => !PER_ITEM_RATE_LIMITS.includes(rule) && !SILENT_RULES.includes(rule))
        .sort(),
    );
  }, 120_000);

  it('are switched off by RATE_LIMITS=off', async () => {
    const w = await worldWith('off');
    const routes = await limitedRoutes(w);
    for (const [label, { send }] of Object.entries(routes)) {
      for (let i = 0; i < 3; i++) expect((await send()).status, label).not.toBe(429);
    }
  }, 120_000);

  it('let a recruiter verify generously: at least 120 requests a minute by default', async () => {
    expect(RATE_LIMITS.verify.limit / (RATE_LIMITS.verify.windowMs / 60_000)).toBeGreaterThanOrEqual(120);
    const w = await worldWith(RATE_LIMITS);
    for (let i = 0; i < 120; i++) {
      const res = await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: ['https://badges.test/assertions/x'] }));
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    w.clock.advance(RATE_LIMITS.verify.windowMs);
    let status = 200;
    for (let i = 0; i <= RATE_LIMITS.verify.limit && status === 200; i++) {
      status = (await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: ['https://badges.test/assertions/x'] }))).status;
    }
    expect(status).toBe(429);
  }, 120_000);
});
