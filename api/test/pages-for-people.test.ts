// Issue 11 items 19–21 and the OB 2.0 crawler fix of issue 13: security headers on every page,
// pages (never raw JSON) for people, terms and privacy, the favicon, link-preview crawlers.
import { describe, expect, it } from 'vitest';
import { revokeAssertion } from '../src/db/assertions';
import { isLinkPreviewCrawler, negotiate, prefersHtml } from '../src/http/negotiate';
import { createAccount } from '../src/db/accounts';
import { PUBLIC_URL } from './helpers';
import { createOrganisation } from '../src/matching/db';
import { cspHash, INLINE_SCRIPTS } from '../src/pages/csp';
import { icoFromPngs } from '../src/pages/favicon';
import { Browser, earnerWorld } from './earners-helpers';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';
import { COPY_SNIPPET_SCRIPT } from '../src/pages/earner/SharePage';

const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' };
const API_CLIENT = { Accept: 'application/json' };

async function world() {
  const { db, app } = await sharingTestApp();
  const { issuer } = await makeIssuer(db);
  const record = await issueTestBadge(db, issuer.id, { offersCertificate: true });
  const revoked = await issueTestBadge(db, issuer.id, { name: 'Revoked Welding', offersCertificate: true }, { email: 'bob@example.test', name: 'Bob' });
  await revokeAssertion(db, revoked.assertion.id, 'Issued in error');
  const owner = await createAccount(db, { firstName: 'Olga', lastName: 'Example', email: 'olga@harbour.example', passwordHash: 'x', verified: true });
  const company = { kind: 'company', name: 'Harbour Fabrication', slug: 'harbour-fabrication', location: 'Rotterdam', description: 'Pipes.', published: true } as const;
  await createOrganisation(db, owner.id, company);
  return { db, app, issuer, id: record.assertion.id, badgeClassId: record.badgeClass.id, revokedId: revoked.assertion.id, organisationPage: `/organisations/${company.slug}` };
}

/** The contents of every inline <style> and <script> element of a page. */
function inlineBlocks(html: string, tag: 'style' | 'script'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]);
}

function directive(csp: string, name: string): string {
  return csp.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';
}

describe('security headers on every HTML page', () => {
  it('set a CSP that allows exactly the inline scripts the pages carry and styles only from /assets/, forbids framing, and never sniffs', async () => {
    const { app, id, badgeClassId, issuer, revokedId, organisationPage } = await world();
    const pages = [
      '/', '/catalogue', `/assertions/${id}`, `/assertions/${revokedId}`, `/badges/${badgeClassId}`, `/issuers/${issuer.id}`,
      `/issuers/${issuer.id}/revocations`, '/login', '/register', '/reset', '/docs/plain', '/terms', '/privacy', '/no-such-page',
      '/catalogue?category=bogus', `/assertions/${revokedId}/baked.png`, organisationPage,
    ];
    const seen = new Set<string>();
    const stylesheets = new Set<string>();
    for (const path of pages) {
      const res = await app.request(path, { headers: BROWSER });
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(directive(csp, 'frame-ancestors'), path).toBe("frame-ancestors 'none'");
      expect(directive(csp, 'default-src'), path).toBe("default-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
      const html = await res.text();
      for (const block of inlineBlocks(html, 'script')) {
        expect(directive(csp, 'script-src'), `${path}: an inline <script> without its hash in the CSP`).toContain(cspHash(block));
        seen.add(block);
      }
      // Styles come only from the served stylesheets: no inline block, no hash, no 'unsafe-inline'.
      expect(inlineBlocks(html, 'style'), path).toEqual([]);
      expect(directive(csp, 'style-src'), path).toBe(`style-src ${PUBLIC_URL}/assets/`);
      const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]);
      expect(links[0], `${path}: the site's stylesheet first`).toMatch(new RegExp(`^${PUBLIC_URL}/assets/site\\.[\\w-]{16}\\.css$`));
      for (const link of links) stylesheets.add(link);
      expect(html, path).not.toMatch(/\sstyle="|\son[a-z]+="/i); // attributes a hash cannot allow
    }
    // (The share page's copy script is on a signed-in page: portfolio-share.test.ts checks it there.)
    expect(INLINE_SCRIPTS.filter((block) => block !== COPY_SNIPPET_SCRIPT).every((block) => seen.has(block))).toBe(true);
    // Every linked stylesheet is served as CSS for a year; the organisation page has its own rules.
    for (const link of stylesheets) {
      const res = await app.request(new URL(link).pathname);
      expect(res.status, link).toBe(200);
      expect(res.headers.get('content-type'), link).toBe('text/css; charset=utf-8');
      expect(res.headers.get('cache-control'), link).toBe('public, max-age=31536000, immutable');
    }
    const organisationHtml = await (await app.request(organisationPage, { headers: BROWSER })).text();
    const matchingSheet = [...stylesheets].find((link) => link.includes('/assets/matching.'));
    expect(organisationHtml).toContain(`<link rel="stylesheet" href="${matchingSheet}"`);
    expect(await (await app.request(new URL(matchingSheet!).pathname)).text()).toContain('.entries>li{');
  });

  it('keep the earner pages from leaking their URLs as referrers, and give JSON answers nosniff without a page policy', async () => {
    const { app } = await world();
    expect((await app.request('/login', { headers: BROWSER })).headers.get('referrer-policy')).toBe('no-referrer');
    const json = await app.request('/api/v1/badges', { headers: API_CLIENT });
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('content-security-policy')).toBeNull();
  });
});

describe('people never see raw JSON', () => {
  async function expectPage(res: Response, status: number, label: string) {
    expect(res.status, label).toBe(status);
    expect(res.headers.get('content-type'), label).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html, label).toMatch(/<a class="wordmark" href="https:\/\/badges\.test\/">/);
    expect(html, label).toContain('href="https://badges.test/catalogue"');
    expect(html, label).not.toMatch(/^\s*\{/);
    return html;
  }

  it('a browser gets a styled page with a way back, an API client keeps the JSON error', async () => {
    const { app, id, revokedId, issuer } = await world();
    const cases: [string, number][] = [
      ['/no-such-page', 404],
      ['/api/v1/no-such-route', 404],
      ['/catalogue?category=bogus', 400],
      [`/assertions/${revokedId}/image`, 410],
      [`/assertions/${revokedId}/image.png`, 410],
      [`/assertions/${revokedId}/baked.png`, 410],
      [`/assertions/${revokedId}/baked.svg`, 410],
      [`/assertions/${revokedId}/certificate.pdf`, 410],
      ['/assertions/AAAAAAAAAAAAAAAAAAAAAA/baked.png', 404],
      ['/assertions/AAAAAAAAAAAAAAAAAAAAAA/certificate.pdf', 404],
      [`/s/${id}/copy`, 400],
      ['/issuers/AAAAAAAAAAAAAAAAAAAAAA/revocations', 404],
    ];
    for (const [path, status] of cases) {
      await expectPage(await app.request(path, { headers: BROWSER }), status, path);
      const json = await app.request(path, { headers: API_CLIENT });
      expect(json.status, path).toBe(status);
      expect((await json.json()).error.code, path).toMatch(/^[a-z_]+$/);
    }
    const revokedImage = await expectPage(await app.request(`/assertions/${revokedId}/baked.png`, { headers: BROWSER }), 410, 'revoked');
    expect(revokedImage).toContain(`href="https://badges.test/assertions/${revokedId}"`);
    // The revocation list: a page for people, the OB 2.0 document for everyone else.
    const list = await expectPage(await app.request(`/issuers/${issuer.id}/revocations`, { headers: BROWSER }), 200, 'revocations');
    expect(list).toContain(`https://badges.test/assertions/${revokedId}`);
    expect(list).toContain('Issued in error');
    for (const accept of ['*/*', 'application/json', 'application/ld+json']) {
      const document = await app.request(`/issuers/${issuer.id}/revocations`, { headers: { Accept: accept } });
      expect((await document.json()).type, accept).toBe('RevocationList');
    }
  });

  it('serves a favicon: a designed icon as ICO and SVG', async () => {
    const { app } = await world();
    const ico = await app.request('/favicon.ico', { headers: { Accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' } });
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const sizes = [0, 1, 2].map((i) => bytes.readUInt8(6 + 16 * i));
    expect(sizes).toEqual([16, 32, 48]);
    for (let i = 0; i < 3; i++) {
      const offset = bytes.readUInt32LE(6 + 16 * i + 12);
      expect(bytes.subarray(offset, offset + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
      expect(bytes.readUInt32BE(offset + 16)).toBe(sizes[i]); // the PNG's own width
    }
    const svg = await app.request('/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(await (await app.request('/', { headers: BROWSER })).text()).toContain('<link rel="icon" href="https://badges.test/favicon.svg" type="image/svg+xml"/>');
  });

  it('packs PNGs into an ICO directory', () => {
    const png = new Uint8Array([1, 2, 3]);
    const ico = icoFromPngs([{ size: 16, png }, { size: 256, png }]);
    expect(ico.length).toBe(6 + 32 + 6);
    expect(ico.readUInt8(6 + 16)).toBe(0); // 256 is written as 0
    expect(ico.readUInt32LE(6 + 12)).toBe(38);
    expect(ico.readUInt32LE(6 + 16 + 12)).toBe(41);
  });

  it('knows when a client prefers a page', () => {
    expect(prefersHtml(BROWSER.Accept)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    for (const accept of [undefined, '', '*/*', 'application/json', 'application/json, text/html', 'text/html;q=0.5, application/json', 'image/*']) {
      expect(prefersHtml(accept), String(accept)).toBe(false);
    }
  });
});

describe('terms of use and privacy notice', () => {
  it('exist, say what is stored, for how long, who sees it and how to delete it, and are linked from every page', async () => {
    const { app } = await world();
    const privacy = await (await app.request('/privacy', { headers: BROWSER })).text();
    for (const heading of ['What we store', 'Who sees what', 'How long we keep it', 'How to delete it']) expect(privacy).toContain(`>${heading}</h2>`);
    expect(privacy).toContain('14 days in the browser, 30 days in the extension');
    expect(privacy).toContain('a password reset for 1 hour');
    expect(privacy).toContain('href="https://badges.test/account/delete"');
    const terms = await (await app.request('/terms', { headers: BROWSER })).text();
    expect(terms).toContain('<h1>Terms of use</h1>');
    expect(terms).toContain('href="https://badges.test/privacy"');
    const home = await (await app.request('/', { headers: BROWSER })).text();
    const footer = home.slice(home.indexOf('<footer'));
    expect(footer).toContain('href="https://badges.test/terms"');
    expect(footer).toContain('href="https://badges.test/privacy"');
  });

  it('must be accepted to register, and the form links to both', async () => {
    const w = await earnerWorld();
    const browser = new Browser(w.app);
    const form = await (await browser.get('/register')).text();
    expect(form).toMatch(/<a href="\/terms"[^>]*>\s*terms of use\s*<\/a>/);
    expect(form).toMatch(/<a href="\/privacy"[^>]*>\s*privacy notice\s*<\/a>/);
    const refused = await browser.post('/register', { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', password: 'correct horse battery', passwordConfirm: 'correct horse battery' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Please agree to the terms to create an account.');
    w.transport.close();
  });
});

describe('link-preview crawlers', () => {
  const CRAWLERS = [
    'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Twitterbot/1.0',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
    'WhatsApp/2.23.20.0',
    'TelegramBot (like TwitterBot)',
  ];

  it('get the page with its Open Graph tags for */*, while everyone else keeps Open Badges negotiation', async () => {
    const { app, id, badgeClassId, issuer } = await world();
    for (const userAgent of CRAWLERS) {
      for (const path of [`/assertions/${id}`, `/badges/${badgeClassId}`]) {
        const res = await app.request(path, { headers: { Accept: '*/*', 'User-Agent': userAgent } });
        expect(res.headers.get('content-type'), `${userAgent} ${path}`).toMatch(/^text\/html/);
        expect(res.headers.get('vary'), userAgent).toBe('Accept, User-Agent');
        expect(await res.text(), userAgent).toMatch(/<meta property="og:title" content="[^"]+"/);
      }
      const noAccept = await app.request(`/issuers/${issuer.id}`, { headers: { 'User-Agent': userAgent } });
      expect(noAccept.headers.get('content-type'), userAgent).toMatch(/^text\/html/);
      // A crawler that asks for JSON by name gets JSON.
      const json = await app.request(`/assertions/${id}`, { headers: { Accept: 'application/ld+json', 'User-Agent': userAgent } });
      expect(json.headers.get('content-type'), userAgent).toMatch(/^application\/ld\+json/);
    }
    const verifier = await app.request(`/assertions/${id}`, { headers: { Accept: '*/*', 'User-Agent': 'openbadges-validator/2.0 (+https://example.org)' } });
    expect(verifier.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(verifier.headers.get('vary')).toBe('Accept, User-Agent');
  });

  it('are recognised by User-Agent only', () => {
    for (const userAgent of CRAWLERS) expect(isLinkPreviewCrawler(userAgent), userAgent).toBe(true);
    for (const userAgent of ['Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0', 'curl/8.5.0', '', undefined]) expect(isLinkPreviewCrawler(userAgent)).toBe(false);
    expect(negotiate('*/*', CRAWLERS[0])).toBe('html');
    expect(negotiate(undefined, CRAWLERS[0])).toBe('html');
    expect(negotiate('application/json', CRAWLERS[0])).toBe('json');
    expect(negotiate('*/*', 'curl/8.5.0')).toBe('jsonld');
  });
});
