// Issue 17 item 3: linked memberships. An issuer's roster through the API; an earner links a member number
// from "My account", proving the roster mailbox; the roster then decides the earner's membership badges.
import { describe, expect, it } from 'vitest';
import { meBadgesResponseSchema, type MeBadge } from '../../shared/schemas/earners';
import { rosterBulkResponseSchema, rosterPutResponseSchema } from '../../shared/schemas/memberships';
import { Browser, latestMail, linkIn, logIn, requestToken, smtpWorlds, verifiedAccount, type EarnerWorld } from './earners-helpers';
import { countRows, jsonRequest, makeIssuer, PUBLIC_URL } from './helpers';

const { smtp, world } = smtpWorlds();
const DAY = 24 * 60 * 60 * 1000;

async function badgeClass(w: EarnerWorld, auth: Record<string, string>, body: object): Promise<string> {
  const res = await w.app.request('/api/v1/badges', jsonRequest('POST', { description: 'D', criteria: 'C', ...body }, auth));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A society with a membership badge (level), a volunteer badge and two certifications (years), and a signed-in earner. */
async function society() {
  const w = await world();
  const issuer = await makeIssuer(w.db, 'Northbridge Welding Society');
  const badges = {
    member: await badgeClass(w, issuer.auth, { name: 'Member', category: 'membership', attribute: { kind: 'level', label: 'Membership grade' } }),
    volunteer: await badgeClass(w, issuer.auth, { name: 'Section Officer', category: 'membership', attribute: { kind: 'volunteer', label: 'Volunteer' } }),
    cwi: await badgeClass(w, issuer.auth, { name: 'Certified Welding Inspector', category: 'certification', attribute: { kind: 'yearsActive', label: 'Years as CWI' } }),
    cw: await badgeClass(w, issuer.auth, { name: 'Certified Welder', category: 'certification' }),
    skill: await badgeClass(w, issuer.auth, { name: 'Pipe Welding', category: 'skill' }),
  };
  const entry = {
    email: 'amara.member@example.com',
    name: 'Amara Okafor',
    memberSince: '2014-05-01',
    level: 'Professional',
    volunteer: true,
    certifications: [{ badgeId: badges.cwi, since: '2014-06-01', yearsActive: 12 }],
  };
  await verifiedAccount(w, 'jane@example.com');
  const { browser } = await logIn(w, 'jane@example.com');
  return { w, issuer, badges, entry, browser };
}

const put = (w: EarnerWorld, auth: Record<string, string>, memberId: string, body: object) => w.app.request(`/api/v1/issuer/members/${memberId}`, jsonRequest('PUT', body, auth));

async function myBadges(w: EarnerWorld, email = 'jane@example.com'): Promise<MeBadge[]> {
  const { token } = (await (await requestToken(w, email, 'correct horse battery')).json()) as { token: string };
  const res = await w.app.request('/api/v1/me/badges', { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return meBadgesResponseSchema.parse(await res.json()).items;
}

/** Asks for a link from the profile page and returns the link mailed to the roster address. */
async function askForLink(w: EarnerWorld, browser: Browser, issuerId: string, memberId: string, rosterEmail: string): Promise<string> {
  await browser.get('/profile');
  const res = await browser.post('/profile/memberships', { issuerId, memberId });
  expect(res.status).toBe(303);
  await w.deliver();
  const mail = await latestMail(w, smtp, rosterEmail, /membership to BadgeLens/);
  return linkIn(mail.text, `${PUBLIC_URL}/profile/memberships/link/`);
}

async function follow(browser: Browser, link: string): Promise<Response> {
  expect((await browser.get(link)).status).toBe(200);
  return browser.post(link, {});
}

describe('the member roster API', () => {
  it('creates, reads, lists, updates and deletes members, answering unchanged PUTs with 200', async () => {
    const { w, issuer, entry } = await society();
    const created = await put(w, issuer.auth, 'M-100', entry);
    expect(created.status).toBe(201);
    expect(rosterPutResponseSchema.parse(await created.json())).toMatchObject({ memberId: 'M-100', level: 'Professional', volunteer: true, linked: false, badges: { issued: [] } });
    const again = await put(w, issuer.auth, 'M-100', entry);
    expect(again.status).toBe(200);
    expect(await (await w.app.request('/api/v1/issuer/members/M-100', { headers: issuer.auth })).json()).toMatchObject({ memberId: 'M-100', email: entry.email });
    await put(w, issuer.auth, 'M-101', { ...entry, email: 'b@example.com', certifications: [] });
    const page = await (await w.app.request('/api/v1/issuer/members?limit=1', { headers: issuer.auth })).json();
    expect(page).toMatchObject({ items: [{ memberId: 'M-100' }], nextCursor: 'M-100' });
    const rest = await (await w.app.request('/api/v1/issuer/members?limit=1&cursor=M-100', { headers: issuer.auth })).json();
    expect(rest).toMatchObject({ items: [{ memberId: 'M-101' }], nextCursor: null });
    expect((await w.app.request('/api/v1/issuer/members/M-101', { method: 'DELETE', headers: issuer.auth })).status).toBe(200);
    expect((await w.app.request('/api/v1/issuer/members/M-101', { headers: issuer.auth })).status).toBe(404);
    expect((await w.app.request('/api/v1/issuer/members/M-101', { method: 'DELETE', headers: issuer.auth })).status).toBe(404);
  });

  it('refuses bad entries with clear 4xx errors, and keeps each issuer to its own roster', async () => {
    const { w, issuer, badges, entry } = await society();
    expect((await put(w, issuer.auth, 'M-1', { ...entry, memberSince: '2014-02-30' })).status).toBe(400);
    expect((await put(w, issuer.auth, 'M-1', { ...entry, extra: 1 })).status).toBe(400);
    expect((await put(w, issuer.auth, 'bad%20id', entry)).status).toBe(400);
    const notCertification = await put(w, issuer.auth, 'M-1', { ...entry, certifications: [{ badgeId: badges.skill, since: '2020-01-01' }] });
    expect(notCertification.status).toBe(422);
    expect((await notCertification.json()).error.issues[0].path).toBe('certifications.0.badgeId');
    const other = await makeIssuer(w.db, 'Another Society');
    expect((await put(w, other.auth, 'M-1', { ...entry, certifications: [{ badgeId: badges.cwi, since: '2020-01-01' }] })).status).toBe(422);
    expect((await put(w, issuer.auth, 'M-1', entry)).status).toBe(201);
    expect((await w.app.request('/api/v1/issuer/members/M-1', { headers: other.auth })).status).toBe(404);
    expect((await w.app.request('/api/v1/issuer/members/M-1')).status).toBe(401);
    expect(await countRows(w.db, 'issuer_members')).toBe(1);
  });

  it('takes a bulk upload and reports on every row', async () => {
    const { w, issuer, badges, entry } = await society();
    await put(w, issuer.auth, 'M-2', { ...entry, email: 'two@example.com' });
    const res = await w.app.request(
      '/api/v1/issuer/members',
      jsonRequest(
        'PUT',
        {
          members: [
            { memberId: 'M-1', ...entry },
            { memberId: 'M-2', ...entry, email: 'two@example.com' },
            { memberId: 'M-3', ...entry, email: 'not an address' },
            { memberId: 'M-4', ...entry, certifications: [{ badgeId: badges.skill, since: '2020-01-01' }] },
            { memberId: 'M-1', ...entry },
            'nonsense',
          ],
        },
        issuer.auth,
      ),
    );
    expect(res.status).toBe(200);
    const { results } = rosterBulkResponseSchema.parse(await res.json());
    expect(results.map((result) => [result.row, result.memberId, result.status])).toEqual([
      [1, 'M-1', 'created'],
      [2, 'M-2', 'unchanged'],
      [3, 'M-3', 'invalid'],
      [4, 'M-4', 'invalid'],
      [5, 'M-1', 'invalid'],
      [6, null, 'invalid'],
    ]);
    expect(results[2]!.issues![0]!.path).toBe('email');
    expect(await countRows(w.db, 'issuer_members')).toBe(2);
    expect((await w.app.request('/api/v1/issuer/members', jsonRequest('PUT', { members: [] }, issuer.auth))).status).toBe(400);
  });
});

describe('linking a membership', () => {
  it('mails the roster address, and the link adds every entitled badge, verified, with its values', async () => {
    const { w, issuer, badges, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    const link = await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email);
    expect(smtp.received.filter((mail) => mail.to.includes('jane@example.com'))).toHaveLength(0);
    const linked = await follow(browser, link);
    expect(linked.status).toBe(303);
    expect(linked.headers.get('location')).toBe('/portfolio?notice=membership-linked');
    const mine = await myBadges(w);
    const byName = new Map(mine.map((badge) => [badge.name, badge]));
    expect(byName.get('Member')).toMatchObject({ status: 'valid', claimState: 'accepted', attribute: { kind: 'level', value: 'Professional' }, issuedOn: '2014-05-01T00:00:00.000Z' });
    expect(byName.get('Section Officer')).toMatchObject({ status: 'valid', attribute: { kind: 'volunteer', value: true } });
    expect(byName.get('Certified Welding Inspector')).toMatchObject({ status: 'valid', attribute: { kind: 'yearsActive', value: 12 } });
    expect(byName.has('Certified Welder')).toBe(false);
    const [verified] = await (await w.app.request('/api/v1/verify', jsonRequest('POST', { urls: [byName.get('Member')!.url] }))).json().then((body) => body.results);
    expect(verified).toMatchObject({ status: 'valid', badge: { attribute: { value: 'Professional' } } });
    const profile = await browser.get('/profile');
    expect(await profile.text()).toContain('Northbridge Welding Society, member M-100');
    void badges;
  });

  it('sends nothing for an unknown member number, yet answers the same', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    await browser.get('/profile');
    const res = await browser.post('/profile/memberships', { issuerId: issuer.issuer.id, memberId: 'M-999' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/profile?notice=membership-link-sent#memberships');
    await w.deliver();
    expect(smtp.received).toHaveLength(0);
    expect(await countRows(w.db, 'membership_link_requests')).toBe(0);
  });

  it('works once: a reused link, another account, and two clicks at once link once', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    const link = await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email);

    await verifiedAccount(w, 'mallory@example.com', undefined, { firstName: 'Mal', lastName: 'Lory' });
    const { browser: mallory } = await logIn(w, 'mallory@example.com');
    expect((await follow(mallory, link)).status).toBe(409);
    expect(await myBadges(w, 'mallory@example.com')).toHaveLength(0);

    await browser.get(link);
    const csrf = browser.csrf();
    const [first, second] = await Promise.all([browser.post(link, {}, { csrf }), browser.post(link, {}, { csrf })]);
    expect([first.status, second.status].sort()).toEqual([303, 410]);
    expect((await browser.post(link, {}, { csrf })).status).toBe(410);
    expect((await myBadges(w)).filter((badge) => badge.name === 'Member')).toHaveLength(1);
    expect(await countRows(w.db, 'membership_badges')).toBe(3);

    // A second account asking for the same member: the mail still goes to the roster address, and the member stays linked once.
    await mallory.get('/profile');
    await mallory.post('/profile/memberships', { issuerId: issuer.issuer.id, memberId: 'M-100' });
    await w.deliver();
    const malloryLink = linkIn((await latestMail(w, smtp, entry.email, /membership to BadgeLens/)).text, `${PUBLIC_URL}/profile/memberships/link/`);
    expect(malloryLink).not.toBe(link);
    expect(smtp.received.filter((mail) => mail.to.includes('mallory@example.com'))).toHaveLength(0);
    expect((await follow(mallory, malloryLink)).status).toBe(409);
    expect(await myBadges(w, 'mallory@example.com')).toHaveLength(0);
  });

  it('refuses an altered or expired link', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    const link = await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email);
    expect((await browser.get(`${link.slice(0, -3)}abc`)).status).toBe(404);
    w.clock.advance(49 * 60 * 60 * 1000);
    expect((await browser.get(link)).status).toBe(410);
    expect(await myBadges(w)).toHaveLength(0);
  });

  it('follows roster changes: a changed level, a new certification, a lapse expires (never revokes), a renewal revives', async () => {
    const { w, issuer, badges, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    await follow(browser, await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email));

    const changed = await put(w, issuer.auth, 'M-100', {
      ...entry,
      level: 'Senior',
      certifications: [...entry.certifications.map((c) => ({ ...c, yearsActive: 13 })), { badgeId: badges.cw, since: '2020-01-01' }],
    });
    expect(changed.status).toBe(200);
    const { badges: changes } = rosterPutResponseSchema.parse(await changed.json());
    expect(changes.issued.map((award) => award.badgeId)).toEqual([badges.cw]);
    expect(changes.updated.map((award) => award.badgeId).sort()).toEqual([badges.member, badges.cwi].sort());
    let byName = new Map((await myBadges(w)).map((badge) => [badge.name, badge]));
    expect(byName.get('Member')!.attribute!.value).toBe('Senior');
    expect(byName.get('Certified Welding Inspector')!.attribute!.value).toBe(13);
    expect(byName.get('Certified Welder')!.status).toBe('valid');

    const memberUrl = byName.get('Member')!.url;
    const lapsed = await put(w, issuer.auth, 'M-100', { ...entry, level: 'Senior', volunteer: false, memberUntil: '2026-02-01', certifications: [] });
    const lapse = rosterPutResponseSchema.parse(await lapsed.json()).badges;
    expect(lapse.expired.map((award) => award.badgeId).sort()).toEqual([badges.volunteer, badges.cwi, badges.cw].sort());
    byName = new Map((await myBadges(w)).map((badge) => [badge.name, badge]));
    expect(byName.get('Member')).toMatchObject({ status: 'expired', expires: '2026-02-01T00:00:00.000Z', url: memberUrl, revocationReason: null });
    expect(byName.get('Section Officer')!.status).toBe('expired');
    expect([...byName.values()].every((badge) => badge.status !== 'revoked')).toBe(true);

    await put(w, issuer.auth, 'M-100', { ...entry, level: 'Senior', memberUntil: '2027-02-01' });
    byName = new Map((await myBadges(w)).map((badge) => [badge.name, badge]));
    expect(byName.get('Member')).toMatchObject({ status: 'valid', expires: '2027-02-01T00:00:00.000Z', url: memberUrl });
    expect(byName.get('Section Officer')!.status).toBe('valid');
    expect((await myBadges(w)).filter((badge) => badge.name === 'Member')).toHaveLength(1);
  });

  it('unlinking keeps the badges; later roster changes no longer touch them', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    await follow(browser, await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email));
    await browser.get('/profile');
    const res = await browser.post('/profile/memberships/unlink', { issuerId: issuer.issuer.id, memberId: 'M-100' });
    expect(res.status).toBe(303);
    expect(await (await w.app.request('/api/v1/issuer/members/M-100', { headers: issuer.auth })).json()).toMatchObject({ linked: false });
    await put(w, issuer.auth, 'M-100', { ...entry, memberUntil: '2026-01-01' });
    const mine = await myBadges(w);
    expect(mine).toHaveLength(3);
    expect(mine.every((badge) => badge.status === 'valid')).toBe(true);
  });

  it('has a JSON API for the earner: ask for a link, list, unlink', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    const { token } = (await (await requestToken(w, 'jane@example.com', 'correct horse battery')).json()) as { token: string };
    const bearer = { Authorization: `Bearer ${token}` };
    const asked = await w.app.request('/api/v1/me/memberships', jsonRequest('POST', { issuerId: issuer.issuer.id, memberId: 'M-100' }, bearer));
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({ status: 'link_sent' });
    expect((await w.app.request('/api/v1/me/memberships', jsonRequest('POST', { issuerId: issuer.issuer.id }, bearer))).status).toBe(400);
    expect((await w.app.request('/api/v1/me/memberships', jsonRequest('POST', { issuerId: issuer.issuer.id, memberId: 'M-100' }))).status).toBe(401);
    await w.deliver();
    await follow(browser, linkIn((await latestMail(w, smtp, entry.email, /membership to BadgeLens/)).text, `${PUBLIC_URL}/profile/memberships/link/`));
    const list = await (await w.app.request('/api/v1/me/memberships', { headers: bearer })).json();
    expect(list.items).toMatchObject([{ issuerId: issuer.issuer.id, memberId: 'M-100', level: 'Professional', volunteer: true }]);
    expect((await w.app.request(`/api/v1/me/memberships/${issuer.issuer.id}/M-100`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    expect((await w.app.request(`/api/v1/me/memberships/${issuer.issuer.id}/M-100`, { method: 'DELETE', headers: bearer })).status).toBe(404);
    expect((await myBadges(w)).length).toBe(3);
  });

  it('deleting a member from the roster keeps the linked earner\'s badges and lets them expire', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    await follow(browser, await askForLink(w, browser, issuer.issuer.id, 'M-100', entry.email));
    w.clock.advance(DAY);
    const res = await w.app.request('/api/v1/issuer/members/M-100', { method: 'DELETE', headers: issuer.auth });
    expect(res.status).toBe(200);
    w.clock.advance(1000);
    const mine = await myBadges(w);
    expect(mine).toHaveLength(3);
    expect(mine.every((badge) => badge.status === 'expired')).toBe(true);
  });

  it('needs the form token and a signed-in earner', async () => {
    const { w, issuer, entry, browser } = await society();
    await put(w, issuer.auth, 'M-100', entry);
    await browser.get('/profile');
    expect((await browser.post('/profile/memberships', { issuerId: issuer.issuer.id, memberId: 'M-100' }, { csrf: 'wrong' })).status).toBe(403);
    const stranger = new Browser(w.app);
    const res = await stranger.post('/profile/memberships', { issuerId: issuer.issuer.id, memberId: 'M-100' }, { csrf: null });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login');
    await w.deliver();
    expect(smtp.received).toHaveLength(0);
  });
});
