import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { CreateBadgeClassInput } from '../../shared/schemas/badges';
import { createBadgeClass, listBadgeClasses } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { createIssuer, type Issuer } from '../src/db/issuers';
import { publicUrls } from '../src/lib/urls';
import { BadgeClassPage } from '../src/pages/BadgeClassPage';
import { IssuerPage } from '../src/pages/IssuerPage';
import { NotFoundPage } from '../src/pages/NotFoundPage';
import { PUBLIC_URL, testApp } from './helpers';

const urls = publicUrls(PUBLIC_URL);
const PNG_DATA_URI = 'data:image/png;base64,iVBORw0KGgo=';

function parse(html: string): Document {
  const window = new Window({ url: PUBLIC_URL });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

function fact(doc: Document, term: string): Element | undefined {
  const dt = [...doc.querySelectorAll('dt')].find((element) => text(element) === term);
  return dt?.nextElementSibling ?? undefined;
}

function expectSoundStructure(doc: Document) {
  expect(doc.documentElement.getAttribute('lang')).toBe('en');
  expect(doc.querySelectorAll('h1')).toHaveLength(1);
  for (const landmark of ['header', 'nav', 'main', 'footer']) expect(doc.querySelectorAll(landmark)).toHaveLength(1);
  expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
  const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  expect(levels[0]).toBe(1);
  levels.slice(1).forEach((level, index) => expect(level).toBeLessThanOrEqual(levels[index] + 1));
}

async function makeIssuer(db: Db, overrides: Partial<Parameters<typeof createIssuer>[1]> = {}) {
  return createIssuer(db, {
    name: 'Guild of Test Welders',
    url: 'https://welders.test',
    email: 'office@welders.test',
    description: 'A society of professional welders.',
    ...overrides,
  });
}

const weldingBadge: CreateBadgeClassInput = {
  name: 'MIG Welding Fundamentals',
  description: 'Shows safe, consistent MIG welding of mild steel.',
  category: 'skill',
  criteria: 'Complete the course and pass the practical test.',
  requirements: [
    { kind: 'course', title: 'MIG basics online', url: 'https://welders.test/course' },
    { kind: 'seminar', title: 'Workshop day' },
  ],
  skills: ['MIG welding', 'Workshop safety'],
  alignment: [{ targetName: 'ISO 9606-1', targetUrl: 'https://standards.test/iso-9606-1', targetFramework: 'ISO', targetCode: '9606-1' }],
  validityMonths: 24,
  offersCertificate: true,
};

describe('BadgeClassPage', () => {
  async function render(input: CreateBadgeClassInput = weldingBadge, issuerOverrides = {}) {
    const { db } = await testApp();
    const issuer = await makeIssuer(db, issuerOverrides);
    const badgeClass = await createBadgeClass(db, issuer.id, input);
    const html = await BadgeClassPage({ badgeClass, issuer, publicUrl: PUBLIC_URL }).toString();
    return { doc: parse(html), badgeClass, issuer };
  }

  it('shows what the badge certifies, its category, issuer and image', async () => {
    const { doc, badgeClass, issuer } = await render();
    expectSoundStructure(doc);
    expect(text(doc.querySelector('h1'))).toBe('MIG Welding Fundamentals');
    expect(text(doc.querySelector('#certifies')!.closest('section'))).toContain('Shows safe, consistent MIG welding of mild steel.');
    expect(text(fact(doc, 'Category'))).toBe('Skill');
    expect(text(doc.querySelector(`main a[href="${urls.issuer(issuer.id)}"]`))).toBe('Guild of Test Welders');
    const image = doc.querySelector('main img')!;
    expect(image.getAttribute('src')).toBe(urls.badgeClassImage(badgeClass.id));
    expect(image.getAttribute('alt')).toBe('MIG Welding Fundamentals badge issued by Guild of Test Welders');
  });

  it('has the criteria under the #criteria anchor and the requirement options with kinds and links', async () => {
    const { doc } = await render();
    const criteria = doc.querySelector('#criteria')!;
    expect(criteria.tagName).toBe('SECTION');
    expect(text(criteria)).toContain('Complete the course and pass the practical test.');
    const earn = doc.querySelector('#earn')!.closest('section')!;
    expect(text(earn.querySelector('h2'))).toBe('How to earn it');
    const items = [...earn.querySelectorAll('li')];
    expect(items.map(text)).toEqual(['Online course: MIG basics online', 'Instructor-led seminar: Workshop day']);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('https://welders.test/course');
    expect(items[1].querySelector('a')).toBeNull();
  });

  it('shows skills as tags, alignment links, the validity period and the certificate offer', async () => {
    const { doc } = await render();
    expect([...doc.querySelectorAll('.tags .tag')].map(text)).toEqual(['MIG welding', 'Workshop safety']);
    const alignment = doc.querySelector('#alignment')!.closest('section')!;
    expect(alignment.querySelector('a')?.getAttribute('href')).toBe('https://standards.test/iso-9606-1');
    expect(text(alignment)).toContain('ISO 9606-1 (ISO, 9606-1)');
    expect(text(fact(doc, 'Validity'))).toBe('Valid for 24 months after issue');
    expect(text(fact(doc, 'Certificate'))).toBe('A PDF certificate is offered with this badge');
  });

  it('leaves out empty sections and says when there is no expiry or certificate', async () => {
    const { doc } = await render({ name: 'Member', description: 'A member.', category: 'membership', criteria: 'Pay the fee.' });
    expect(doc.querySelector('#skills')).toBeNull();
    expect(doc.querySelector('#alignment')).toBeNull();
    expect(text(fact(doc, 'Validity'))).toBe('Does not expire');
    expect(text(fact(doc, 'Certificate'))).toBe('No PDF certificate');
    expect(text(fact(doc, 'Category'))).toBe('Membership');
    expect(text(doc.querySelector('#earn')!.closest('section'))).toContain('Meet the criteria above');
  });

  it('links its Open Badges JSON and has social tags', async () => {
    const { doc, badgeClass } = await render();
    expect(doc.querySelector('link[rel="alternate"][type="application/ld+json"]')?.getAttribute('href')).toBe(urls.badgeClassJson(badgeClass.id));
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(urls.badgeClass(badgeClass.id));
    expect(doc.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(urls.badgeClassImage(badgeClass.id));
    expect(doc.querySelector(`main a[href="${urls.badgeClassJson(badgeClass.id)}"]`)).not.toBeNull();
  });

  it('escapes hostile text', async () => {
    const hostile = '<script>alert(1)</script>';
    const { doc } = await render(
      { ...weldingBadge, name: hostile, description: '<img src=x onerror=alert(2)>', skills: ['<b>bold</b>'] },
      { name: '"><svg onload=alert(3)>' },
    );
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('[onerror], [onload], b')).toBeNull();
    expect(text(doc.querySelector('h1'))).toBe(hostile);
    expect(text(doc.querySelector('.tag'))).toBe('<b>bold</b>');
  });
});

describe('IssuerPage', () => {
  async function render(issuerOverrides = {}, badges: CreateBadgeClassInput[] = []) {
    const { db } = await testApp();
    const issuer: Issuer = await makeIssuer(db, issuerOverrides);
    for (const badge of badges) await createBadgeClass(db, issuer.id, badge);
    const badgeClasses = await listBadgeClasses(db, { issuerId: issuer.id });
    const html = await IssuerPage({ issuer, badgeClasses, publicUrl: PUBLIC_URL }).toString();
    return { doc: parse(html), issuer, badgeClasses };
  }

  const badges: CreateBadgeClassInput[] = [
    weldingBadge,
    { name: 'Guild Member', description: 'Member in good standing.', category: 'membership', criteria: 'Join.' },
    { name: 'Welding Safety', description: 'Knows the safety rules.', category: 'knowledge', criteria: 'Pass the quiz.' },
    { name: 'TIG Welding', description: 'TIG welding of stainless steel.', category: 'skill', criteria: 'Practical test.' },
  ];

  it('shows the name, description, website, contact and image', async () => {
    const { doc, issuer } = await render({ image: PNG_DATA_URI });
    expectSoundStructure(doc);
    expect(text(doc.querySelector('h1'))).toBe('Guild of Test Welders');
    expect(text(doc.querySelector('main'))).toContain('A society of professional welders.');
    expect(fact(doc, 'Website')!.querySelector('a')?.getAttribute('href')).toBe('https://welders.test/');
    expect(fact(doc, 'Contact')!.querySelector('a')?.getAttribute('href')).toBe('mailto:office@welders.test');
    const image = doc.querySelector('main img')!;
    expect(image.getAttribute('src')).toBe(urls.issuerImage(issuer.id));
    expect(image.getAttribute('alt')).toBe('Guild of Test Welders logo');
    expect(doc.querySelector('link[rel="alternate"]')?.getAttribute('href')).toBe(urls.issuerJson(issuer.id));
  });

  it('has no image when the issuer has none', async () => {
    const { doc } = await render();
    expect(doc.querySelector('main img')).toBeNull();
  });

  it('groups its badge classes by category, in the fixed category order, with links', async () => {
    const { doc, badgeClasses } = await render({}, badges);
    expect(text(doc.querySelector('#badges'))).toBe('Badges by Guild of Test Welders (4 badges)');
    const sections = [...doc.querySelectorAll('section.category')];
    expect(sections.map((section) => text(section.querySelector('h3')))).toEqual([
      'Knowledge (1 badge)',
      'Skill (2 badges)',
      'Membership (1 badge)',
    ]);
    const skillLinks = [...sections[1].querySelectorAll('h4 a')];
    expect(skillLinks.map(text)).toEqual(['MIG Welding Fundamentals', 'TIG Welding']);
    const mig = badgeClasses.find((b) => b.name === 'MIG Welding Fundamentals')!;
    expect(skillLinks[0].getAttribute('href')).toBe(urls.badgeClass(mig.id));
  });

  it('says when there are no badges yet', async () => {
    const { doc } = await render();
    expect(text(doc.querySelector('.empty'))).toBe('Guild of Test Welders has not published any badges yet.');
    expect(doc.querySelector('section.category')).toBeNull();
  });

  it('escapes hostile text', async () => {
    const { doc } = await render({ name: '<script>alert(1)</script>', description: '<img src=x onerror=alert(2)>' });
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(text(doc.querySelector('h1'))).toBe('<script>alert(1)</script>');
  });
});

describe('NotFoundPage', () => {
  it('is friendly, links home and is not indexed', async () => {
    const html = await NotFoundPage({ title: 'Badge not found', message: 'There is no public badge at this address.', publicUrl: PUBLIC_URL }).toString();
    const doc = parse(html);
    expectSoundStructure(doc);
    expect(text(doc.querySelector('h1'))).toBe('Badge not found');
    expect(text(doc.querySelector('main'))).toContain('There is no public badge at this address.');
    expect(doc.querySelector(`main a[href="${urls.home()}"]`)).not.toBeNull();
    expect(doc.querySelector(`main a[href="${urls.catalogue()}"]`)).not.toBeNull();
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(doc.title).toBe('Badge not found — BadgeLens');
  });

  it('escapes the title and message', async () => {
    const html = await NotFoundPage({ title: '<script>x</script>', message: '<img src=x onerror=y>', publicUrl: PUBLIC_URL }).toString();
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(text(doc.querySelector('h1'))).toBe('<script>x</script>');
  });
});
