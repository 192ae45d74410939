import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { changeClaimState, getAssertionRecord, issueAssertion, revokeAssertion, type AssertionRecord } from '../src/db/assertions';
import { createBadgeClass } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { createIssuer } from '../src/db/issuers';
import { assertionStatus } from '../src/lib/status';
import { publicUrls } from '../src/lib/urls';
import { AssertionPage } from '../src/pages/AssertionPage';
import { PUBLIC_URL, testApp } from './helpers';

const NOW = new Date('2026-06-01T12:00:00Z');
const urls = publicUrls(PUBLIC_URL);

function parse(html: string): Document {
  const window = new Window({ url: PUBLIC_URL });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

interface Names {
  issuer?: string;
  badge?: string;
  recipient?: string;
}

async function makeBadgeClass(db: Db, names: Names = {}) {
  const issuer = await createIssuer(db, { name: names.issuer ?? 'Guild of Test Welders', url: 'https://welders.test', email: 'office@welders.test' });
  return createBadgeClass(db, issuer.id, {
    name: names.badge ?? 'MIG Welding Fundamentals',
    description: 'Shows safe, consistent MIG welding of mild steel.',
    category: 'skill',
    criteria: 'Complete the course.\n\nPass the practical test in front of an assessor.',
    requirements: [
      { kind: 'course', title: 'MIG basics online', url: 'https://welders.test/course' },
      { kind: 'seminar', title: 'Workshop day' },
      { kind: 'quiz', title: 'Safety quiz', url: 'https://welders.test/quiz' },
      { kind: 'conference', title: 'Weld Expo talk' },
      { kind: 'other', title: 'Portfolio review' },
    ],
    skills: ['MIG welding'],
  });
}

type Scenario = 'valid' | 'expired' | 'revoked';

/** A real record from the database, in the given state as of NOW. */
async function pageFor(scenario: Scenario, names: Names = {}, extra: { reason?: string; evidence?: boolean } = {}) {
  const { db } = await testApp();
  const badgeClass = await makeBadgeClass(db, names);
  const assertion = await issueAssertion(db, badgeClass, {
    email: 'ada@example.test',
    name: names.recipient ?? 'Ada Example',
    issuedOn: new Date('2025-03-12T23:30:00-05:00'),
    expires: scenario === 'expired' ? '2026-01-31T09:00:00Z' : '2027-03-13T04:30:00Z',
    evidenceUrl: extra.evidence === false ? null : 'https://welders.test/evidence/ada',
    narrative: extra.evidence === false ? null : 'Welded a T-joint test piece.',
  });
  if (scenario === 'revoked') await revokeAssertion(db, assertion.id, extra.reason ?? 'Issued in error', new Date('2026-02-02T10:00:00Z'));
  const record = (await getAssertionRecord(db, assertion.id)) as AssertionRecord;
  const status = assertionStatus(record.assertion, NOW);
  expect(status).toBe(scenario);
  const html = await AssertionPage({ record, status, publicUrl: PUBLIC_URL }).toString();
  return { html, doc: parse(html), record, id: assertion.id };
}

const meta = (doc: Document, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The description list value for a term, e.g. "Issued on". */
function fact(doc: Document, term: string): Element | undefined {
  const dt = [...doc.querySelectorAll('dt')].find((element) => text(element) === term);
  return dt?.nextElementSibling ?? undefined;
}

describe('AssertionPage', () => {
  it('shows the badge image with real alt text, the names and a link to the issuer', async () => {
    const { doc, record, id } = await pageFor('valid');
    const image = doc.querySelector('main img')!;
    expect(image.getAttribute('src')).toBe(urls.assertionImage(id));
    expect(image.getAttribute('alt')).toBe('MIG Welding Fundamentals badge issued by Guild of Test Welders');
    expect(text(doc.querySelector('h1'))).toBe('MIG Welding Fundamentals');
    const issuerLink = doc.querySelector(`main a[href="${urls.issuer(record.issuer.id)}"]`);
    expect(text(issuerLink)).toBe('Guild of Test Welders');
    expect(text(fact(doc, 'Awarded to'))).toBe('Ada Example');
    expect(text(fact(doc, 'Category'))).toBe('Skill');
  });

  it('formats the issue and expiry dates in UTC inside <time datetime>', async () => {
    const { doc, record } = await pageFor('valid');
    const issued = fact(doc, 'Issued on')!.querySelector('time')!;
    expect(issued.getAttribute('datetime')).toBe(record.assertion.issuedOn);
    expect(text(issued)).toBe('13 March 2025');
    const expires = fact(doc, 'Expires')!.querySelector('time')!;
    expect(expires.getAttribute('datetime')).toBe(record.assertion.expires);
    expect(text(expires)).toBe('13 March 2027');
  });

  it('shows a valid badge with a green "Verified — valid" banner, icon and text', async () => {
    const { doc } = await pageFor('valid');
    const banner = doc.querySelector('.status')!;
    expect(banner.classList.contains('status-valid')).toBe(true);
    expect(text(banner.querySelector('.status-title'))).toBe('Verified — valid');
    expect(text(banner)).toContain('valid until 13 March 2027');
    expect(banner.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    // The banner comes first in <main>, before the badge itself.
    expect(doc.querySelector('main')!.firstElementChild).toBe(banner);
  });

  it('says a badge its earner has not accepted yet awaits acceptance, and stops saying so once accepted', async () => {
    const { db } = await testApp();
    const assertion = await issueAssertion(db, await makeBadgeClass(db), { email: 'ada@example.test', name: 'Ada Example', issuedOn: new Date('2026-05-01T00:00:00Z') });
    const render = async () => {
      const record = (await getAssertionRecord(db, assertion.id)) as AssertionRecord;
      return parse(await AssertionPage({ record, status: assertionStatus(record.assertion, NOW), publicUrl: PUBLIC_URL }).toString());
    };
    expect(text((await render()).querySelector('.status #awaiting-acceptance'))).toBe('Awaiting acceptance: Ada Example has not accepted this badge yet.');
    expect(await changeClaimState(db, assertion.id, 'accepted', 'api')).toEqual({ ok: true, changed: true });
    const accepted = await render();
    expect(accepted.querySelector('#awaiting-acceptance')).toBeNull();
    expect(text(accepted.body)).not.toMatch(/awaiting acceptance/i);
  });

  it('shows an expired badge with an amber "Expired on <date>" banner and nothing that says valid', async () => {
    const { doc } = await pageFor('expired');
    const banner = doc.querySelector('.status')!;
    expect(banner.classList.contains('status-expired')).toBe(true);
    expect(text(banner.querySelector('.status-title'))).toBe('Expired on 31 January 2026');
    expect(banner.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-31T09:00:00.000Z');
    expect(banner.querySelector('svg')).not.toBeNull();
    expect(doc.querySelector('.status-valid')).toBeNull();
    expect(text(doc.body)).not.toContain('Verified');
    expect(text(fact(doc, 'Expired on'))).toBe('31 January 2026');
    expect(meta(doc, 'og:title')).toBe('Ada Example earned MIG Welding Fundamentals (expired)');
  });

  it('shows a revoked badge with a red "Revoked: <reason>" banner and nothing green or downloadable', async () => {
    const { doc, html, id, record } = await pageFor('revoked');
    const banner = doc.querySelector('.status')!;
    expect(banner.classList.contains('status-revoked')).toBe(true);
    expect(text(banner.querySelector('.status-title'))).toBe('Revoked: Issued in error');
    expect(text(banner)).toContain('revoked this badge on 2 February 2026');
    expect(banner.querySelector('svg')).not.toBeNull();
    expect(doc.body.classList.contains('revoked')).toBe(true);
    // No "valid" styling anywhere and no claim of validity.
    expect(doc.querySelector('[class*="valid"]')).toBeNull();
    expect(text(doc.body)).not.toMatch(/Verified|valid until/);
    expect(doc.querySelector(`a[href="${urls.bakedPng(id)}"], a[href="${urls.bakedSvg(id)}"]`)).toBeNull();
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(meta(doc, 'og:title')).toBe('Revoked: MIG Welding Fundamentals (issued to Ada Example)');
    expect(meta(doc, 'og:description')).toContain('no longer valid');
    // A revoked badge's image and card are gone (410): show the badge design and no preview image.
    expect(doc.querySelector('main img')?.getAttribute('src')).toBe(urls.badgeClassImage(record.badgeClass.id));
    expect(meta(doc, 'og:image')).toBeUndefined();
    expect(meta(doc, 'twitter:card')).toBe('summary');
    // The JSON stays reachable: it is what says "revoked" to machines.
    expect(html).toContain(urls.assertionJson(id));
  });

  it('says so when a revoked badge has no reason', async () => {
    const { db } = await testApp();
    const badgeClass = await makeBadgeClass(db);
    const assertion = await issueAssertion(db, badgeClass, { email: 'x@example.test', name: 'X' });
    // Revoked some other way than the API (which requires a reason).
    await db.updateTable('assertions').set({ revoked: 1 }).where('id', '=', assertion.id).execute();
    const record = (await getAssertionRecord(db, assertion.id))!;
    const doc = parse(await AssertionPage({ record, status: 'revoked', publicUrl: PUBLIC_URL }).toString());
    expect(text(doc.querySelector('.status-title'))).toBe('Revoked: no reason given');
  });

  it('lists the criteria and every requirement with its kind label, linking those with a url', async () => {
    const { doc } = await pageFor('valid');
    const criteria = doc.querySelector('#criteria')!.closest('section')!;
    expect(text(criteria)).toContain('Pass the practical test in front of an assessor.');
    expect(criteria.querySelectorAll('p.prose')).toHaveLength(2);
    const items = [...criteria.querySelectorAll('.requirements li')];
    expect(items.map((item) => text(item.querySelector('.kind')))).toEqual([
      'Online course:',
      'Instructor-led seminar:',
      'Quiz:',
      'Conference:',
      'Other:',
    ]);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('https://welders.test/course');
    expect(text(items[0].querySelector('a'))).toBe('MIG basics online');
    expect(items[1].querySelector('a')).toBeNull();
    expect(text(items[1])).toContain('Workshop day');
    expect(items[2].querySelector('a')?.getAttribute('href')).toBe('https://welders.test/quiz');
  });

  it('shows evidence when there is some, and no evidence section otherwise', async () => {
    const withEvidence = (await pageFor('valid')).doc;
    const section = withEvidence.querySelector('#evidence')!.closest('section')!;
    expect(section.querySelector('a')?.getAttribute('href')).toBe('https://welders.test/evidence/ada');
    expect(text(section)).toContain('Welded a T-joint test piece.');
    const without = (await pageFor('valid', {}, { evidence: false })).doc;
    expect(without.querySelector('#evidence')).toBeNull();
  });

  it('has a "Verify this badge" section with the JSON link, the hosted method and the baked downloads', async () => {
    const { doc, id, record } = await pageFor('valid');
    const section = doc.querySelector('#verify')!.closest('section')!;
    expect(text(section.querySelector('h2'))).toBe('Verify this badge');
    const json = section.querySelector(`a[href="${urls.assertionJson(id)}"]`);
    expect(text(json)).toBe('Open Badges JSON');
    expect(text(fact(doc, 'Verification method'))).toBe('Hosted (Open Badges 2.0)');
    expect(section.querySelector(`a[href="${urls.bakedPng(id)}"]`)?.hasAttribute('download')).toBe(true);
    expect(section.querySelector(`a[href="${urls.bakedSvg(id)}"]`)?.hasAttribute('download')).toBe(true);
    expect(section.querySelector(`a[href="${urls.revocations(record.issuer.id)}"]`)).not.toBeNull();
  });

  it('has Open Graph and Twitter tags, a canonical link and the JSON-LD alternate', async () => {
    const { doc, id } = await pageFor('valid');
    expect(meta(doc, 'og:title')).toBe('Ada Example earned MIG Welding Fundamentals');
    expect(meta(doc, 'og:description')).toBe(
      "Issued by Guild of Test Welders on 13 March 2025. Verified with BadgeLens: check it against the issuer's Open Badges data.",
    );
    expect(meta(doc, 'og:image')).toBe(urls.assertionOgImage(id));
    expect(meta(doc, 'og:image:width')).toBe('1200');
    expect(meta(doc, 'og:image:height')).toBe('627');
    expect(meta(doc, 'og:image:alt')).toBe('MIG Welding Fundamentals badge issued by Guild of Test Welders');
    expect(meta(doc, 'og:url')).toBe(urls.assertion(id));
    expect(meta(doc, 'og:type')).toBe('website');
    expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
    expect(meta(doc, 'twitter:image')).toBe(urls.assertionOgImage(id));
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(urls.assertion(id));
    const alternate = doc.querySelector('link[rel="alternate"]')!;
    expect(alternate.getAttribute('type')).toBe('application/ld+json');
    expect(alternate.getAttribute('href')).toBe(urls.assertionJson(id));
    expect(doc.title).toBe('Ada Example earned MIG Welding Fundamentals — BadgeLens');
  });

  it('has one h1, the landmarks, a skip link and headings in order', async () => {
    for (const scenario of ['valid', 'expired', 'revoked'] as const) {
      const { doc, html } = await pageFor(scenario);
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(doc.documentElement.getAttribute('lang')).toBe('en');
      expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
      expect(meta(doc, 'viewport')).toContain('width=device-width');
      expect(doc.querySelectorAll('h1')).toHaveLength(1);
      for (const landmark of ['header', 'nav', 'main', 'footer']) expect(doc.querySelectorAll(landmark)).toHaveLength(1);
      const skip = doc.querySelector('body > a.skip-link')!;
      expect(skip.getAttribute('href')).toBe('#main');
      expect(doc.querySelector('main')!.id).toBe('main');
      const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
      expect(levels[0]).toBe(1);
      levels.slice(1).forEach((level, index) => expect(level).toBeLessThanOrEqual(levels[index] + 1));
      const nav = [...doc.querySelectorAll('header a')].map((a) => [text(a), a.getAttribute('href')]);
      expect(nav).toEqual([
        ['BadgeLens', urls.home()],
        ['Catalogue', urls.catalogue()],
        ['API docs', urls.apiDocs()],
        ['My badges', `${PUBLIC_URL}/portfolio`],
      ]);
      // No external resources: only this server's stylesheets, no scripts or images from elsewhere.
      expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
      for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) expect(link.getAttribute('href')!.startsWith(`${PUBLIC_URL}/assets/`)).toBe(true);
      for (const image of doc.querySelectorAll('img')) expect(image.getAttribute('src')!.startsWith(PUBLIC_URL)).toBe(true);
    }
  });

  it('escapes hostile names everywhere instead of running them', async () => {
    const names = {
      issuer: '"><svg onload=alert(1)>',
      badge: '<img src=x onerror=alert(2)>',
      recipient: '<script>alert(3)</script>',
    };
    const reason = '</strong><script>alert(4)</script>';
    const { doc } = await pageFor('revoked', names, { reason });
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector('script')!.textContent).toContain('navigator.clipboard');
    expect(doc.querySelector('[onerror], [onload]')).toBeNull();
    expect(doc.querySelectorAll('img')).toHaveLength(1);
    expect(text(doc.querySelector('h1'))).toBe(names.badge);
    expect(text(doc.querySelector('.status-title'))).toBe(`Revoked: ${reason}`);
    expect(text(fact(doc, 'Awarded to'))).toBe(names.recipient);
    expect(doc.querySelector('main img')!.getAttribute('alt')).toBe(`${names.badge} badge issued by ${names.issuer}`);
    expect(meta(doc, 'og:title')).toBe(`Revoked: ${names.badge} (issued to ${names.recipient})`);
  });

  it('never links an evidence or requirement URL that is not http(s)', async () => {
    const { db } = await testApp();
    const badgeClass = await makeBadgeClass(db);
    // The API rejects such URLs; rows written some other way must still be harmless.
    await db
      .updateTable('badge_classes')
      .set({ requirements: JSON.stringify([{ kind: 'course', title: 'Sneaky', url: 'javascript:alert(1)' }]) })
      .where('id', '=', badgeClass.id)
      .execute();
    const assertion = await issueAssertion(db, badgeClass, { email: 'x@example.test', name: 'X', evidenceUrl: 'javascript:alert(2)' });
    const record = (await getAssertionRecord(db, assertion.id))!;
    const doc = parse(await AssertionPage({ record, status: 'valid', publicUrl: PUBLIC_URL }).toString());
    expect(doc.querySelector('a[href^="javascript"]')).toBeNull();
    expect(text(doc.querySelector('.requirements'))).toContain('Sneaky');
  });

  it('has a "Copy link" button that is a plain link without JavaScript and copies the badge URL with it', async () => {
    const { html, id } = await pageFor('valid');
    const noScript = parse(html);
    const link = noScript.querySelector('#copy-link')!;
    expect(text(link)).toBe('Copy link');
    expect(link.getAttribute('href')).toBe(urls.assertion(id));

    const window = new Window({ url: `${urls.assertion(id)}?trk=share`, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
    window.document.write(html);
    const copyLink = window.document.querySelector('#copy-link')!;
    const click = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    copyLink.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await window.happyDOM.waitUntilComplete();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(window.document.querySelector('#copy-status')!.textContent).toBe('Link copied.');
    expect(await window.navigator.clipboard.readText()).toBe(urls.assertion(id));
    await window.happyDOM.close();
  });
});
