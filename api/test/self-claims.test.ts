// Issue 17 item 2: self-claimed skill badges — shown as self-claimed everywhere, never valid, and verified in
// place (same URL) when the issuer reports a completion of one of the badge's options.
import { describe, expect, it } from 'vitest';
import { meBadgesResponseSchema, selfClaimResponseSchema } from '../../shared/schemas/earners';
import { completionResponseSchema } from '../../shared/schemas/requirements';
import { verifyResponseSchema } from '../../shared/schemas/verify';
import { createSession } from '../src/db/sessions';
import { Browser, latestMail, logIn, smtpWorlds, verifiedAccount, type EarnerWorld } from './earners-helpers';
import { countRows, jsonRequest, makeIssuer, PUBLIC_URL } from './helpers';

const { smtp, world } = smtpWorlds();

/** An issuer with a course and a skill badge listing it, a certification badge, and a signed-in earner's token. */
async function setUp(w: EarnerWorld) {
  const { auth } = await makeIssuer(w.db, 'Guild of Test Welders');
  const post = (path: string, body: unknown, headers = auth) => w.app.request(path, jsonRequest('POST', body, headers));
  const requirement = await (await post('/api/v1/requirements', { kind: 'course', title: 'GTAW Practical Course' })).json();
  const badge = async (name: string, category: string) => {
    const res = await post('/api/v1/badges', { name, description: `Can do ${name}.`, category, criteria: 'Complete the course.', requirements: [{ id: requirement.id }] });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const skillId = await badge('GTAW Skill', 'skill');
  const certificationId = await badge('Certified Welder', 'certification');
  const account = await verifiedAccount(w, 'amara@example.com', undefined, { firstName: 'Amara', lastName: 'Okafor' });
  const token = (await createSession(w.db, account, 'bearer', 60 * 60_000, w.clock.now()))!.token;
  const earner = { Authorization: `Bearer ${token}` };
  const claim = (badgeId: string, headers = earner) => post('/api/v1/me/claims', { badgeId }, headers);
  const complete = (email = 'amara@example.com') => post(`/api/v1/requirements/${requirement.id}/completions`, { email, name: 'Amara Okafor' });
  const verify = async (url: string) => verifyResponseSchema.parse(await (await post('/api/v1/verify', { urls: [url] }, {})).json()).results[0]!;
  const myBadges = async () => meBadgesResponseSchema.parse(await (await w.app.request('/api/v1/me/badges', { headers: earner })).json()).items;
  return { auth, skillId, certificationId, account, earner, claim, complete, verify, myBadges };
}

describe('self-claimed skill badges', () => {
  it('are verified in place when the issuer issues the same badge directly, leaving one badge', async () => {
    const w = await world();
    const { auth, skillId, claim, verify, myBadges } = await setUp(w);
    const claimed = selfClaimResponseSchema.parse(await (await claim(skillId)).json());
    const issued = await w.app.request(`/api/v1/badges/${skillId}/assertions`, jsonRequest('POST', { email: 'Amara@Example.com', name: 'Amara Okafor' }, auth));
    expect(issued.status).toBe(201);
    expect(((await issued.json()) as { id: string }).id).toBe(claimed.assertionId);
    expect((await verify(claimed.url)).status).toBe('valid');
    expect(await myBadges()).toMatchObject([{ id: claimed.assertionId, url: claimed.url, status: 'valid', claimState: 'accepted' }]);
    expect(await countRows(w.db, 'self_claims')).toBe(0);
    // Issuing it again is a second badge, as before: only a claim is verified in place.
    expect((await w.app.request(`/api/v1/badges/${skillId}/assertions`, jsonRequest('POST', { email: 'amara@example.com', name: 'Amara Okafor' }, auth))).status).toBe(201);
    expect(await myBadges()).toHaveLength(2);
  });

  it('are self_claimed everywhere and never valid, then verified in place by a completion, with an email', async () => {
    const w = await world();
    const { skillId, claim, complete, verify, myBadges } = await setUp(w);

    const res = await claim(skillId);
    expect(res.status).toBe(201);
    const claimed = selfClaimResponseSchema.parse(await res.json());
    expect(claimed).toEqual({ assertionId: claimed.assertionId, url: `${PUBLIC_URL}/assertions/${claimed.assertionId}`, status: 'self_claimed' });

    const checked = await verify(claimed.url);
    expect(checked.status).toBe('self_claimed');
    expect(checked.badge).toMatchObject({ name: 'GTAW Skill', recipientName: 'Amara Okafor', pageUrl: claimed.url });
    // Its credential URL has no credential behind it.
    expect((await verify(`${PUBLIC_URL}/credentials/${claimed.assertionId}`)).status).toBe('not_found');

    const [mine] = await myBadges();
    expect(mine).toMatchObject({ id: claimed.assertionId, url: claimed.url, status: 'self_claimed', credentialUrl: null });

    const page = await w.app.request(claimed.url, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Self-claimed — not verified');
    expect(html).not.toContain('Verified — valid');
    expect(html).not.toMatch(/baked\.png|\/credentials\/|certificate\.pdf|application\/ld\+json/);
    expect(await countRows(w.db, 'assertion_daily_counts')).toBe(0);

    for (const path of ['', '.json']) {
      const json = await w.app.request(`${claimed.url}${path}`, { headers: { Accept: 'application/ld+json' } });
      expect(json.status, path).toBe(404);
      expect((await json.json()).error.code, path).toBe('self_claimed');
    }
    for (const path of ['/baked.png', '/baked.svg', '/image', '/og.png', '/certificate.pdf']) {
      expect((await w.app.request(`${claimed.url}${path}`)).status, path).toBe(404);
    }
    expect((await w.app.request(`${PUBLIC_URL}/credentials/${claimed.assertionId}`, { headers: { Accept: 'application/vc' } })).status).toBe(404);
    expect(await countRows(w.db, 'assertions')).toBe(0);

    const completed = await complete();
    expect(completed.status).toBe(201);
    const result = completionResponseSchema.parse(await completed.json());
    expect(result.verified).toEqual([{ badgeId: skillId, assertionId: claimed.assertionId, url: claimed.url }]);
    expect(result.awarded.map((entry) => entry.badgeId)).not.toContain(skillId);

    expect((await verify(claimed.url)).status).toBe('valid');
    const [verified] = (await myBadges()).filter((badge) => badge.id === claimed.assertionId);
    expect(verified).toMatchObject({ status: 'valid', claimState: 'accepted', isPublic: true, url: claimed.url });
    const document = await w.app.request(`${claimed.url}.json`);
    expect(document.status).toBe(200);
    expect((await document.json()).id).toBe(claimed.url);
    const verifiedPage = await (await w.app.request(claimed.url, { headers: { Accept: 'text/html' } })).text();
    expect(verifiedPage).toContain('Verified — valid');
    expect(verifiedPage).not.toContain('Self-claimed');
    expect((await w.app.request(`${PUBLIC_URL}/credentials/${claimed.assertionId}`, { headers: { Accept: 'application/vc' } })).status).toBe(200);

    await w.deliver();
    const mail = await latestMail(w, smtp, 'amara@example.com', /verified your self-claimed badge/);
    expect(mail.text).toContain(claimed.url);
    expect(mail.text).toContain('GTAW Skill');

    // The same completion again changes nothing.
    const again = completionResponseSchema.parse(await (await complete()).json());
    expect(again.verified).toEqual([]);
    expect(again.alreadyHeld.map((entry) => entry.assertionId)).toContain(claimed.assertionId);
  });

  it('answers the existing claim when claimed again, and keeps one row under 20 concurrent claims', async () => {
    const w = await world();
    const { skillId, claim } = await setUp(w);
    const answers = await Promise.all(Array.from({ length: 20 }, () => claim(skillId)));
    expect(answers.map((res) => res.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(await Promise.all(answers.map(async (res) => selfClaimResponseSchema.parse(await res.json()).assertionId)));
    expect(ids.size).toBe(1);
    expect(await countRows(w.db, 'self_claims')).toBe(1);
  });

  it('verifies once when two completions race', async () => {
    const w = await world();
    const { skillId, claim, complete } = await setUp(w);
    const { assertionId } = selfClaimResponseSchema.parse(await (await claim(skillId)).json());
    // Two addresses of the same account reported at once: different completion rows, one claim.
    await w.db.insertInto('account_emails').values({ account_id: (await w.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id, email: 'amara@work.example', verified_at: w.clock.now().toISOString(), created_at: w.clock.now().toISOString() }).execute();
    const results = await Promise.all([complete(), complete('amara@work.example')].map(async (res) => completionResponseSchema.parse(await (await res).json())));
    expect(results.flatMap((result) => result.verified).map((entry) => entry.assertionId)).toEqual([assertionId]);
    expect(await w.db.selectFrom('assertions').select('id').where('id', '=', assertionId).execute()).toHaveLength(1);
    expect(await countRows(w.db, 'self_claims')).toBe(0);
  });

  it('refuses non-skill badges (422), unknown badges (404), badges already held (409), bad bodies and missing tokens', async () => {
    const w = await world();
    const { skillId, certificationId, claim, complete } = await setUp(w);
    const refused = await claim(certificationId);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toMatchObject({ code: 'not_self_claimable', message: expect.stringContaining('Only skill badges') });
    const unknown = await claim('no-such-badge');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    expect((await claim('../etc')).status).toBe(400);
    expect((await w.app.request('/api/v1/me/claims', jsonRequest('POST', { badgeId: skillId, extra: 1 }, {}))).status).toBe(401);
    expect((await w.app.request('/api/v1/me/claims', jsonRequest('POST', { badgeId: skillId }, { Authorization: 'Bearer not-a-token' }))).status).toBe(401);
    const oversize = await w.app.request('/api/v1/me/claims', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' },
      body: JSON.stringify({ badgeId: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(oversize.status).toBe(413);
    expect(await countRows(w.db, 'self_claims')).toBe(0);
    // Held through a completion: claiming it afterwards says so.
    await complete();
    const held = await claim(skillId);
    expect(held.status).toBe(409);
    expect((await held.json()).error.code).toBe('already_held');
  });

  it("one earner's claim is not another's: their token neither sees nor deletes it", async () => {
    const w = await world();
    const { skillId, claim, earner, myBadges } = await setUp(w);
    const { assertionId } = selfClaimResponseSchema.parse(await (await claim(skillId)).json());
    const other = await verifiedAccount(w, 'bola@example.com', undefined, { firstName: 'Bola', lastName: 'Ade' });
    const otherAuth = { Authorization: `Bearer ${(await createSession(w.db, other, 'bearer', 60 * 60_000, w.clock.now()))!.token}` };
    expect((await (await w.app.request('/api/v1/me/badges', { headers: otherAuth })).json()).items).toEqual([]);
    expect((await w.app.request(`/api/v1/me/badges/${assertionId}`, { method: 'DELETE', headers: otherAuth })).status).toBe(404);
    expect((await w.app.request(`/api/v1/me/badges/${assertionId}`, jsonRequest('PATCH', { isPublic: false }, earner))).status).toBe(404);
    // Bola claims the same skill: a claim of her own.
    const hers = selfClaimResponseSchema.parse(await (await claim(skillId, otherAuth)).json());
    expect(hers.assertionId).not.toBe(assertionId);
    expect((await myBadges()).map((badge) => badge.id)).toEqual([assertionId]);
    expect((await w.app.request(`/api/v1/me/badges/${assertionId}`, { method: 'DELETE', headers: earner })).status).toBe(204);
    expect(await myBadges()).toEqual([]);
    expect((await w.app.request(`${PUBLIC_URL}/assertions/${assertionId}`, { headers: { Accept: 'text/html' } })).status).toBe(404);
  });

  it('is claimed with "I can do this" on the skill badge page and from the portfolio (CSRF-protected), shown without LinkedIn', async () => {
    const w = await world();
    const { skillId, certificationId } = await setUp(w);
    const visitor = new Browser(w.app);
    await visitor.get(`/badges/${skillId}`);
    expect(visitor.lastHtml).toContain('Sign in to claim it');
    await visitor.get(`/badges/${certificationId}`);
    expect(visitor.lastHtml).not.toContain('I can do this');

    const { browser } = await logIn(w, 'amara@example.com');
    await browser.get(`/badges/${skillId}`);
    expect(browser.lastHtml).toContain('I can do this');
    expect((await browser.post(`/badges/${skillId}/claim`, {}, { csrf: 'forged-token-forged-token-forged1' })).status).toBe(403);
    expect((await browser.post(`/badges/${skillId}/claim`, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await countRows(w.db, 'self_claims')).toBe(0);
    const posted = await browser.post(`/badges/${skillId}/claim`, {});
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/portfolio?notice=skill-claimed');
    await browser.get('/portfolio?notice=skill-claimed');
    expect(browser.lastHtml).toContain('Self-claimed — not verified');
    expect(browser.lastHtml).toContain('Not offered for LinkedIn');
    expect(browser.lastHtml).not.toContain('Add to LinkedIn profile');
    await browser.get(`/badges/${skillId}`);
    expect(browser.lastHtml).toContain('You claimed this skill');

    await browser.get('/portfolio');
    expect((await browser.post('/portfolio/claims', { badgeId: certificationId })).status).toBe(422);
    expect((await browser.post('/portfolio/claims', { badgeId: skillId })).headers.get('location')).toBe('/portfolio?notice=skill-already-claimed');
    expect(await countRows(w.db, 'self_claims')).toBe(1);
  });
});

describe('demo data: a self-claimed skill badge', () => {
  it('is on the demo earner, self_claimed in /me/badges and verify, and verified in place by the workshop', async () => {
    const { createApp } = await import('../src/app');
    const { seedDemo } = await import('../src/seed/demo');
    const { testDb } = await import('./helpers');
    const { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } = await import('../src/earners/demoAccounts');
    const db = await testDb();
    const now = new Date('2026-06-15T12:00:00Z');
    const summary = await seedDemo(db, { publicUrl: PUBLIC_URL, now });
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => now });
    const { token } = await (await app.request('/api/v1/auth/token', jsonRequest('POST', { email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }))).json();
    const mine = async () => meBadgesResponseSchema.parse(await (await app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } })).json()).items;
    const selfClaimed = (await mine()).filter((badge) => badge.status === 'self_claimed');
    expect(selfClaimed.map((badge) => badge.name)).toEqual(['GTAW Pipe 6G']);
    const [claimed] = selfClaimed;
    const verified = async () => verifyResponseSchema.parse(await (await app.request('/api/v1/verify', jsonRequest('POST', { urls: [claimed!.url] }))).json()).results[0]!.status;
    expect(await verified()).toBe('self_claimed');

    const society = summary.issuers.find((issuer) => /Welding Society/.test(issuer.name))!;
    const auth = { Authorization: `Bearer ${society.apiKey}` };
    const { items } = await (await app.request('/api/v1/requirements', { headers: auth })).json();
    const workshop = items.find((item: { title: string }) => item.title === 'GTAW hands-on workshop');
    const res = await app.request(`/api/v1/requirements/${workshop.id}/completions`, jsonRequest('POST', { email: DEMO_EARNER_EMAIL, name: 'Dana Demo' }, auth));
    expect(completionResponseSchema.parse(await res.json()).verified.map((entry) => entry.url)).toEqual([claimed!.url]);
    expect(await verified()).toBe('valid');
  }, 60_000); // loading the whole demo catalogue takes a while on PostgreSQL
});
