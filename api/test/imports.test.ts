// POST /api/v1/me/badges/import: an earner brings a badge from elsewhere (a URL, a baked PNG or SVG, an
// Open Badges JSON object, a VC-JWT). The API verifies it at its source through the fixture hosts,
// checks it names one of the earner's verified addresses, and keeps it once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importResponseSchema, meBadgesResponseSchema } from '../../shared/schemas/earners';
import { bakeCredentialPng, bakeCredentialSvg } from '../src/credentials/bake';
import { bakePng, bakeSvg } from '../src/openbadges/bake';
import { countRows, jsonRequest, PUBLIC_URL } from './helpers';
import { manualClock } from './earners-helpers';
import {
  badgePng,
  badgeSvg,
  compressedBakedPng,
  dataUri,
  earnerWith,
  guildBadge,
  ROSA,
  SOMEONE_ELSE,
  vcJwtFor,
  type Earner,
} from './imports-fixtures';
import { credlyBadge, didKeyIssuer, didKeyJwtIssuer, jwtCredential, publishStatusList, signedCredential, signJwt, type CredentialIssuer } from './verify-fixture-badges';
import { FixtureWeb, foreignApp } from './verify-fixture-web';
import { hashRecipient } from '../src/lib/crypto';

const STATUS_HOST = 'https://lists.keyholder.test';

let web: FixtureWeb;
let clock: ReturnType<typeof manualClock>;
let world: Awaited<ReturnType<typeof foreignApp>>;
let rosa: Earner;

beforeEach(async () => {
  web = await FixtureWeb.start();
  clock = manualClock(new Date('2026-06-01T12:00:00.000Z'));
  world = await foreignApp(web, { now: clock.now });
  rosa = await earnerWith(world.db, ROSA, [], clock.now());
});
afterEach(async () => {
  await web.close();
});

function importBody(body: unknown, auth = rosa.auth) {
  return world.app.request('/api/v1/me/badges/import', jsonRequest('POST', body, auth));
}

async function imported(body: unknown, auth = rosa.auth) {
  const res = await importBody(body, auth);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return importResponseSchema.parse(json).badge;
}

async function refusal(body: unknown, status: number, auth = rosa.auth) {
  const res = await importBody(body, auth);
  expect(res.status).toBe(status);
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

async function myBadges(auth = rosa.auth) {
  const res = await world.app.request('/api/v1/me/badges', { headers: auth });
  expect(res.status).toBe(200);
  return meBadgesResponseSchema.parse(await res.json()).items;
}

async function signedIssuer(revoked: number[] = []): Promise<CredentialIssuer> {
  const issuer = await didKeyIssuer(STATUS_HOST);
  await publishStatusList(web, issuer, revoked);
  return issuer;
}

describe('importing a badge by URL', () => {
  it('verifies a hosted Open Badges 2.0 badge at its source and lists it as imported, with its platform and status', async () => {
    const hosted = guildBadge(web, 'a1');
    const badge = await imported({ url: `${hosted.assertionUrl}?trk=profile` });
    expect(badge).toMatchObject({
      id: expect.stringMatching(/^imp_/),
      url: hosted.assertionUrl,
      name: 'Pipe Welding Level 2',
      issuer: { name: 'Guild of Fixture Welders' },
      status: 'valid',
      claimState: 'accepted',
      isPublic: true,
      source: { imported: true, platform: 'openbadges', format: 'ob2-hosted', checkedAt: clock.now().toISOString() },
    });
    expect(await myBadges()).toEqual([badge]);
  });

  it('knows the platform of a Credly badge, and accepts it for a verified alternate address', async () => {
    const other = await earnerWith(world.db, 'rosa.work@company.test', [{ email: 'rosa.home@home.test', verified: true }], clock.now());
    const credly = credlyBadge(web, 'c0ffee00-1111-4222-8333-944455556666', {
      recipient: { type: 'email', hashed: true, identity: hashRecipient('rosa.home@home.test', '') },
    });
    const badge = await imported({ url: credly.assertionUrl }, other.auth);
    expect(badge.source).toMatchObject({ imported: true, platform: 'credly' });
    expect(badge.name).toBe('Cloud Operations Associate');
  });

  it('keeps one badge when the same badge is imported twice (the second answer is 200, created false)', async () => {
    const hosted = guildBadge(web, 'twice');
    const first = await imported({ url: hosted.assertionUrl });
    const again = await importBody({ url: `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(hosted.assertionUrl)}` });
    expect(again.status).toBe(200);
    expect(importResponseSchema.parse(await again.json())).toMatchObject({ created: false, badge: { id: first.id } });
    // The same badge from its baked image is the same badge too.
    const png = bakePng(await badgePng(), JSON.stringify(hosted.assertion));
    expect((await importBody({ image: dataUri(png, 'image/png') })).status).toBe(200);
    await Promise.all([importBody({ url: hosted.assertionUrl }), importBody({ url: hosted.assertionUrl })]);
    expect(await countRows(world.db, 'imported_badges')).toBe(1);
  });

  it('refuses a badge issued to somebody else, and one for an address the earner has not confirmed', async () => {
    const hosted = guildBadge(web, 'theirs', SOMEONE_ELSE);
    const error = await refusal({ url: hosted.assertionUrl }, 403);
    expect(error.code).toBe('not_your_badge');
    expect(error.message).toMatch(/not one of your verified addresses/);
    const unconfirmed = await earnerWith(world.db, 'rosa.home@home.test', [{ email: SOMEONE_ELSE, verified: false }], clock.now());
    expect((await refusal({ url: hosted.assertionUrl }, 403, unconfirmed.auth)).code).toBe('not_your_badge');
    expect(await countRows(world.db, 'imported_badges')).toBe(0);
  });

  it('refuses revoked, missing and unreachable badges, pages that are no badge, and badges of this server', async () => {
    const revoked = guildBadge(web, 'gone', ROSA, { revoked: true, revocationReason: 'Issued in error' });
    const error = await refusal({ url: revoked.assertionUrl }, 422);
    expect(error).toMatchObject({ code: 'revoked', message: expect.stringContaining('Issued in error') });
    expect((await refusal({ url: `https://${'badges.guild.test'}/assertions/nothing-here` }, 422)).code).toBe('badge_not_found');
    expect((await refusal({ url: 'https://unknown-host.invalid/badge/1' }, 422)).code).toBe('unverifiable');
    expect((await refusal({ url: 'ftp://badges.guild.test/x' }, 422)).code).toBe('not_a_badge_url');
    expect((await refusal({ url: `${PUBLIC_URL}/assertions/abc123` }, 409)).code).toBe('issued_here');
    expect(await countRows(world.db, 'imported_badges')).toBe(0);
  });

  it('shows the latest check when the badge is shown: revoked later, it is listed as revoked', async () => {
    const hosted = guildBadge(web, 'later');
    await imported({ url: hosted.assertionUrl });
    web.json(hosted.assertionUrl, { revoked: true, revocationReason: 'Withdrawn' }, { status: 410 });
    clock.advance(2 * 60 * 60_000); // past the cached result's hour
    const verified = await world.app.request('/api/v1/verify', jsonRequest('POST', { urls: [hosted.assertionUrl] }));
    const [result] = ((await verified.json()) as { results: Record<string, unknown>[] }).results;
    expect(result.status).toBe('revoked');
    expect(result).not.toHaveProperty('recipients');
    const [shown] = await myBadges();
    expect(shown).toMatchObject({ status: 'revoked', revocationReason: 'Withdrawn' });
  });
});

describe('importing a baked image', () => {
  it('unbakes an Open Badges 3.0 credential from a PNG and verifies its proof and status list', async () => {
    const credential = await signedCredential(await signedIssuer());
    const png = bakeCredentialPng(await badgePng(), JSON.stringify(credential));
    const badge = await imported({ image: dataUri(png, 'image/png') });
    expect(badge).toMatchObject({ name: 'TIG Welding Level 3', status: 'valid', source: { imported: true, format: 'ob3' } });
    expect(badge.url).toBe(credential.id);
  });

  it('unbakes an Open Badges 2.0 assertion from an SVG and checks it against the hosted one', async () => {
    const hosted = guildBadge(web, 'svg1');
    const svg = bakeSvg(badgeSvg(), JSON.stringify(hosted.assertion));
    const badge = await imported({ image: dataUri(svg, 'image/svg+xml') });
    expect(badge).toMatchObject({ url: hosted.assertionUrl, source: { format: 'ob2-hosted' } });
  });

  it('unbakes an Open Badges 3.0 credential from an SVG', async () => {
    const credential = await signedCredential(await signedIssuer(), { assertionId: 'Svg0Credential01' });
    const svg = bakeCredentialSvg(badgeSvg(), JSON.stringify(credential));
    expect((await imported({ image: dataUri(svg, 'image/svg+xml') })).source?.format).toBe('ob3');
  });

  it('refuses an image with nothing baked in, a damaged one, a compression bomb and an SVG full of badge elements', async () => {
    expect((await refusal({ image: dataUri(await badgePng(), 'image/png') }, 422)).code).toBe('not_baked');
    expect((await refusal({ image: dataUri(badgeSvg(), 'image/svg+xml') }, 422)).code).toBe('not_baked');
    const damaged = (await badgePng()).subarray(0, 60);
    expect((await refusal({ image: dataUri(damaged, 'image/png') }, 422)).code).toBe('unreadable_file');
    const bomb = compressedBakedPng(await badgePng(), 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect((await refusal({ image: dataUri(bomb, 'image/png') }, 422)).code).toBe('unreadable_file');
    const crowded = badgeSvg().replace('</svg>', `${'<openbadges:assertion>'.repeat(40_000)}</svg>`);
    expect((await refusal({ image: dataUri(crowded, 'image/svg+xml') }, 422)).code).toBe('unreadable_file');
  });

  it('refuses a tampered baked credential (its proof no longer verifies)', async () => {
    const credential = await signedCredential(await signedIssuer());
    const tampered = { ...credential, credentialSubject: { ...credential.credentialSubject, achievement: { ...credential.credentialSubject.achievement, name: 'Master Welder' } } };
    const png = bakeCredentialPng(await badgePng(), JSON.stringify(tampered));
    const error = await refusal({ image: dataUri(png, 'image/png') }, 422);
    expect(error.code).toBe('invalid_badge');
    expect(error.message).toMatch(/does not verify/);
  });
});

describe('importing Open Badges JSON and VC-JWTs', () => {
  it('takes an Open Badges 3.0 credential object and an Open Badges 2.0 assertion object', async () => {
    const credential = await signedCredential(await signedIssuer());
    expect((await imported({ credential })).source?.format).toBe('ob3');
    const hosted = guildBadge(web, 'json1');
    expect((await imported({ credential: hosted.assertion })).url).toBe(hosted.assertionUrl);
    expect(await myBadges()).toHaveLength(2);
  });

  it('refuses an assertion object whose recipient differs from the hosted one (tampered)', async () => {
    const hosted = guildBadge(web, 'json2', SOMEONE_ELSE);
    const forged = { ...hosted.assertion, recipient: { type: 'email', hashed: false, identity: ROSA } };
    expect((await refusal({ credential: forged }, 422)).code).toBe('invalid_badge');
  });

  it('takes a VC-JWT for the earner, and refuses one for somebody else and a tampered one', async () => {
    const mine = await vcJwtFor(ROSA);
    const badge = await imported({ credential: mine });
    expect(badge).toMatchObject({ name: 'Crane Signalling', source: { format: 'ob3' }, url: `${PUBLIC_URL}/imported/${badge.id}` });
    expect((await refusal({ credential: await vcJwtFor(SOMEONE_ELSE) }, 403)).code).toBe('not_your_badge');
    const [header, payload, signature] = (await vcJwtFor(ROSA)).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.credentialSubject.achievement.name = 'Crane Master';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await refusal({ credential: tampered }, 422)).code).toBe('invalid_badge');
  });

  it('refuses a credential that names no email address (only a name)', async () => {
    const issuer = await didKeyJwtIssuer();
    expect((await refusal({ credential: await signJwt(issuer, jwtCredential(issuer.id)) }, 403)).code).toBe('recipient_unknown');
  });
});

describe('the import route', () => {
  it('needs an earner token, JSON, exactly one input, and a body within 2 MB', async () => {
    expect((await world.app.request('/api/v1/me/badges/import', jsonRequest('POST', { url: 'https://x.test/b' }))).status).toBe(401);
    const form = await world.app.request('/api/v1/me/badges/import', { method: 'POST', body: 'url=x', headers: { ...rosa.auth, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await refusal({ url: 'https://x.test/b', credential: 'a.b.c' }, 400)).code).toBe('invalid_request');
    expect((await refusal({}, 400)).code).toBe('invalid_request');
    expect((await refusal({ image: 'data:image/gif;base64,R0lGOD' }, 400)).code).toBe('invalid_request');
    const huge = await importBody({ image: `data:image/png;base64,${'A'.repeat(2 * 1024 * 1024)}` });
    expect(huge.status).toBe(413);
  });

  it('removes an imported badge (only its owner can), and makes it private', async () => {
    const hosted = guildBadge(web, 'rm1');
    const badge = await imported({ url: hosted.assertionUrl });
    const stranger = await earnerWith(world.db, 'stranger@elsewhere.test', [], clock.now());
    expect((await world.app.request(`/api/v1/me/badges/${badge.id}`, { method: 'DELETE', headers: stranger.auth })).status).toBe(404);
    const hidden = await world.app.request(`/api/v1/me/badges/${badge.id}`, jsonRequest('PATCH', { isPublic: false }, rosa.auth));
    expect(hidden.status).toBe(200);
    expect((await myBadges())[0].isPublic).toBe(false);
    expect((await world.app.request(`/api/v1/me/badges/${badge.id}`, { method: 'DELETE', headers: rosa.auth })).status).toBe(204);
    expect(await myBadges()).toEqual([]);
  });

  it('limits imports per account (429 with Retry-After)', async () => {
    const limited = await foreignApp(web, { now: clock.now, rateLimits: { badgeImport: { name: 'badgeImport', limit: 2, windowMs: 60 * 60_000 } } });
    const earner = await earnerWith(limited.db, ROSA, [], clock.now());
    const send = () => limited.app.request('/api/v1/me/badges/import', jsonRequest('POST', { url: `${PUBLIC_URL}/assertions/abc` }, earner.auth));
    expect((await send()).status).toBe(409);
    expect((await send()).status).toBe(409);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
