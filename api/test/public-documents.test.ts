import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueAssertion, revokeAssertion, changeClaimState, setAssertionPublic, type Assertion } from '../src/db/assertions';
import { createBadgeClass, type BadgeClass } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { updateIssuer } from '../src/db/issuers';
import { makeIssuer, PUBLIC_URL, testApp } from './helpers';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

async function setup(options: { now?: () => Date } = {}) {
  const { db, app } = await testApp(options);
  const { issuer } = await makeIssuer(db);
  const badgeClass = await createBadgeClass(db, issuer.id, {
    name: 'Advanced MIG Welding',
    description: 'Welds thin steel with MIG.',
    category: 'certification',
    criteria: 'Pass the practical exam.',
    skills: ['MIG welding', 'Metal fabrication'],
    alignment: [{ targetName: 'ISO 9606-1', targetUrl: 'https://www.iso.org/standard/54936.html', targetCode: '9606-1' }],
  });
  const assertion = await issueAssertion(db, badgeClass, {
    email: 'Ann.Example@Example.test',
    name: 'Ann Example',
    evidenceUrl: 'https://portfolio.example.test/welds',
    narrative: 'Welded a pressure vessel seam.',
    expires: '2030-01-01T00:00:00.000Z',
  });
  return { db, app, issuer, badgeClass, assertion };
}

function setPublic(db: Db, assertion: Assertion, isPublic: boolean) {
  return setAssertionPublic(db, assertion.id, isPublic);
}

async function jsonOf(response: Response) {
  return JSON.parse(await response.text());
}

describe('GET /assertions/:id (Open Badges 2.0 Assertion)', () => {
  it('serves every required field, with the served URL as id and the stored hashed identity', async () => {
    const { app, assertion, badgeClass } = await setup();
    const url = `${PUBLIC_URL}/assertions/${assertion.id}`;
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const doc = await jsonOf(res);
    expect(doc['@context']).toBe('https://w3id.org/openbadges/v2');
    expect(doc.type).toBe('Assertion');
    expect(doc.id).toBe(url);
    expect(doc.badge).toBe(`${PUBLIC_URL}/badges/${badgeClass.id}`);
    expect(doc.verification).toEqual({ type: 'hosted' });
    expect(doc.recipient.type).toBe('email');
    expect(doc.recipient.hashed).toBe(true);
    expect(doc.recipient.salt).toBe(assertion.recipientSalt);
    const expected = 'sha256$' + createHash('sha256').update('ann.example@example.test' + doc.recipient.salt).digest('hex');
    expect(doc.recipient.identity).toBe(expected);
    expect(doc.issuedOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(Date.parse(doc.issuedOn)).toBe(Date.parse(assertion.issuedOn));
    expect(doc.expires).toBe('2030-01-01T00:00:00.000Z');
    expect(doc.evidence).toEqual({ id: 'https://portfolio.example.test/welds', narrative: 'Welded a pressure vessel seam.' });
    expect(doc.narrative).toBe('Welded a pressure vessel seam.');
    expect(doc.image).toBe(`${url}/image`);
    expect(doc).not.toHaveProperty('recipientEmail');
    expect(JSON.stringify(doc)).not.toMatch(/ann\.example@/i);
  });

  it('leaves out expires, evidence and narrative when the assertion has none', async () => {
    const { db, app, badgeClass } = await setup();
    const plain = await issueAssertion(db, badgeClass, { email: 'bo@example.test', name: 'Bo' });
    const doc = await jsonOf(await app.request(`/assertions/${plain.id}`));
    expect(doc).not.toHaveProperty('expires');
    expect(doc).not.toHaveProperty('evidence');
    expect(doc).not.toHaveProperty('narrative');
    expect(doc.id).toBe(`${PUBLIC_URL}/assertions/${plain.id}`);
  });

  it('answers /assertions/:id.json with the JSON-LD whatever the Accept header says', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}.json`, { headers: { Accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect((await jsonOf(res)).id).toBe(`${PUBLIC_URL}/assertions/${assertion.id}`);
  });

  it('serves expired assertions normally, with expires in the past', async () => {
    const { app, assertion } = await setup({ now: () => new Date('2031-06-01T00:00:00Z') });
    const res = await app.request(`/assertions/${assertion.id}`);
    expect(res.status).toBe(200);
    const doc = await jsonOf(res);
    expect(Date.parse(doc.expires)).toBeLessThan(Date.parse('2031-06-01T00:00:00Z'));
  });

  it('answers a revoked assertion with 410 and the revoked body for JSON clients', async () => {
    const { db, app, assertion } = await setup();
    expect(await revokeAssertion(db, assertion.id, 'Issued in error')).toBe(true);
    for (const accept of [undefined, 'application/json', 'application/ld+json']) {
      const res = await app.request(`/assertions/${assertion.id}`, { headers: accept ? { Accept: accept } : {} });
      expect(res.status).toBe(410);
      expect(await jsonOf(res)).toEqual({
        '@context': 'https://w3id.org/openbadges/v2',
        id: `${PUBLIC_URL}/assertions/${assertion.id}`,
        type: 'Assertion',
        revoked: true,
        revocationReason: 'Issued in error',
      });
    }
  });

  it('answers a revoked assertion with 410 and the revoked page for people', async () => {
    const { db, app, assertion } = await setup();
    await revokeAssertion(db, assertion.id, 'Issued in error');
    const res = await app.request(`/assertions/${assertion.id}`, { headers: { Accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/revoked/i);
  });

  it('answers unknown and private assertions alike with 404, never 410', async () => {
    const { db, app, assertion } = await setup();
    await revokeAssertion(db, assertion.id, 'Issued in error');
    await setPublic(db, assertion, false);
    for (const path of [`/assertions/${assertion.id}`, '/assertions/AAAAAAAAAAAAAAAAAAAAAA', '/assertions/not%20an%20id', `/assertions/${assertion.id}.json`]) {
      const res = await app.request(path, { headers: { Accept: 'application/ld+json' } });
      expect(res.status, path).toBe(404);
      expect((await jsonOf(res)).error.code).toBe('not_found');
    }
    const page = await app.request(`/assertions/${assertion.id}`, { headers: { Accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('vary')).toBe('Accept, User-Agent');
    expect(await page.text()).not.toContain('Advanced MIG Welding');
  });

  it('treats an assertion its earner declined like an unknown one', async () => {
    const { db, app, assertion } = await setup();
    await changeClaimState(db, assertion.id, 'declined', 'api');
    expect((await app.request(`/assertions/${assertion.id}`)).status).toBe(404);
    expect((await app.request(`/assertions/${assertion.id}/image`)).status).toBe(404);
  });

  it('redirects a trailing-slash URL to the canonical one, keeping the query', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}/?trk=public_profile`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/assertions/${assertion.id}?trk=public_profile`);
    const withQuery = await app.request(`/assertions/${assertion.id}?trk=public_profile`);
    expect(withQuery.status).toBe(200);
  });

  it('keeps caches short so a revocation shows quickly', async () => {
    const { app, assertion } = await setup();
    const res = await app.request(`/assertions/${assertion.id}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });
});

describe('content negotiation on the badge-object URLs', () => {
  const cases: [string | undefined, RegExp][] = [
    [undefined, /^application\/ld\+json/],
    ['*/*', /^application\/ld\+json/],
    ['application/ld+json', /^application\/ld\+json/],
    ['application/json', /^application\/json/],
    ['application/ld+json, application/json', /^application\/ld\+json/],
    ['application/json, application/ld+json;q=0.5', /^application\/json/],
    ['application/json, text/html', /^application\/json/],
    ['application/*', /^application\/ld\+json/],
    ['image/png', /^application\/ld\+json/],
    ['text/html', /^text\/html/],
    [BROWSER_ACCEPT, /^text\/html/],
    ['text/html;q=0.5, application/ld+json', /^application\/ld\+json/],
    ['application/json;q=0.4, text/html;q=0.6', /^text\/html/],
    ['text/*, application/json;q=0.9', /^text\/html/],
    ['text/html;q=0, */*', /^application\/ld\+json/],
  ];

  it.each(cases)('Accept %s', async (accept, contentType) => {
    const { app, assertion, badgeClass, issuer } = await setup();
    for (const path of [`/assertions/${assertion.id}`, `/badges/${badgeClass.id}`, `/issuers/${issuer.id}`]) {
      const res = await app.request(path, { headers: accept === undefined ? {} : { Accept: accept } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(contentType);
      expect(res.headers.get('vary'), path).toBe('Accept, User-Agent');
    }
  });

  it('sends the same document as application/json and application/ld+json', async () => {
    const { app, badgeClass } = await setup();
    const ld = await jsonOf(await app.request(`/badges/${badgeClass.id}`, { headers: { Accept: 'application/ld+json' } }));
    const plain = await jsonOf(await app.request(`/badges/${badgeClass.id}`, { headers: { Accept: 'application/json' } }));
    expect(plain).toEqual(ld);
  });

  it('renders the badge pages for people', async () => {
    const { app, assertion, badgeClass, issuer } = await setup();
    const headers = { Accept: BROWSER_ACCEPT };
    const pages = [
      [`/assertions/${assertion.id}`, 'Advanced MIG Welding'],
      [`/badges/${badgeClass.id}`, 'Advanced MIG Welding'],
      [`/issuers/${issuer.id}`, 'Guild of Test Welders'],
    ];
    for (const [path, text] of pages) {
      const res = await app.request(path, { headers });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('link')).toBe(`<${PUBLIC_URL}${path}.json>; rel="alternate"; type="application/ld+json"`);
      expect(await res.text()).toContain(text);
    }
  });
});

describe('GET /badges/:id (Open Badges 2.0 BadgeClass)', () => {
  it('serves every required field', async () => {
    const { app, badgeClass, issuer } = await setup();
    const url = `${PUBLIC_URL}/badges/${badgeClass.id}`;
    const doc = await jsonOf(await app.request(url));
    expect(doc['@context']).toBe('https://w3id.org/openbadges/v2');
    expect(doc.type).toBe('BadgeClass');
    expect(doc.id).toBe(url);
    expect(doc.name).toBe('Advanced MIG Welding');
    expect(doc.description).toBe('Welds thin steel with MIG.');
    expect(doc.image).toBe(`${url}/image`);
    expect(doc.criteria).toEqual({ id: `${url}#criteria`, narrative: 'Pass the practical exam.' });
    expect(doc.issuer).toBe(`${PUBLIC_URL}/issuers/${issuer.id}`);
    expect(doc.tags).toEqual(['MIG welding', 'Metal fabrication']);
    expect(doc.alignment).toEqual([{ targetName: 'ISO 9606-1', targetUrl: 'https://www.iso.org/standard/54936.html', targetCode: '9606-1' }]);
  });

  it('answers /badges/:id.json with JSON-LD and unknown badges with 404', async () => {
    const { app, badgeClass } = await setup();
    const json = await app.request(`/badges/${badgeClass.id}.json`, { headers: { Accept: 'text/html' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect((await jsonOf(json)).id).toBe(`${PUBLIC_URL}/badges/${badgeClass.id}`);
    const missing = await app.request('/badges/nope');
    expect(missing.status).toBe(404);
    expect((await jsonOf(missing)).error.code).toBe('not_found');
    const missingPage = await app.request('/badges/nope', { headers: { Accept: BROWSER_ACCEPT } });
    expect(missingPage.status).toBe(404);
    expect(missingPage.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('GET /issuers/:id (Open Badges 2.0 Issuer Profile)', () => {
  it('serves every required field', async () => {
    const { db, app, issuer } = await setup();
    await updateIssuer(db, issuer.id, { description: 'Welding since 1920.' });
    const url = `${PUBLIC_URL}/issuers/${issuer.id}`;
    const doc = await jsonOf(await app.request(url));
    expect(doc).toEqual({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Issuer',
      id: url,
      name: 'Guild of Test Welders',
      url: 'https://welders.test',
      email: 'office@welders.test',
      description: 'Welding since 1920.',
      image: `${url}/image`,
      revocationList: `${url}/revocations`,
      verification: { type: 'VerificationObject', allowedOrigins: 'badges.test' },
    });
    const viaJson = await app.request(`/issuers/${issuer.id}.json`, { headers: { Accept: BROWSER_ACCEPT } });
    expect(await jsonOf(viaJson)).toEqual(doc);
  });

  it('keeps assertion and badge class on the origin hosted verification allows for the issuer', async () => {
    const { app, issuer, assertion } = await setup();
    const profile = await jsonOf(await app.request(`/issuers/${issuer.id}`));
    const doc = await jsonOf(await app.request(`/assertions/${assertion.id}`));
    const badge = await jsonOf(await app.request(doc.badge));
    expect(badge.issuer).toBe(profile.id);
    for (const id of [doc.id, badge.id]) {
      expect(new URL(id).origin).toBe(new URL(profile.id).origin);
      expect(new URL(id).host).toBe(profile.verification.allowedOrigins);
    }
  });

  it('answers unknown issuers with 404', async () => {
    const { app } = await setup();
    expect((await app.request('/issuers/unknown')).status).toBe(404);
    expect((await app.request('/issuers/unknown/revocations')).status).toBe(404);
  });
});

describe('GET /issuers/:id/revocations (Open Badges 2.0 RevocationList)', () => {
  it('lists the revoked public assertions of this issuer only, with their reasons', async () => {
    const { db, app, issuer, badgeClass, assertion } = await setup();
    const kept = await issueAssertion(db, badgeClass, { email: 'kept@example.test', name: 'Kept' });
    const privateOne = await issueAssertion(db, badgeClass, { email: 'private@example.test', name: 'Private' });
    await revokeAssertion(db, assertion.id, 'Issued in error');
    await revokeAssertion(db, privateOne.id, 'Duplicate');
    await setPublic(db, privateOne, false);
    const other = await makeIssuer(db, 'Other Issuer');
    const otherBadge: BadgeClass = await createBadgeClass(db, other.issuer.id, { name: 'X', description: 'x', category: 'skill', criteria: 'x' });
    const otherAssertion = await issueAssertion(db, otherBadge, { email: 'x@example.test', name: 'X' });
    await revokeAssertion(db, otherAssertion.id, 'Other');

    const url = `${PUBLIC_URL}/issuers/${issuer.id}/revocations`;
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(await jsonOf(res)).toEqual({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'RevocationList',
      id: url,
      issuer: `${PUBLIC_URL}/issuers/${issuer.id}`,
      revokedAssertions: [{ id: `${PUBLIC_URL}/assertions/${assertion.id}`, revocationReason: 'Issued in error' }],
    });
    expect(JSON.stringify(await jsonOf(await app.request(url)))).not.toContain(kept.id);
  });
});
