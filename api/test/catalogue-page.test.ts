import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { CreateBadgeClassInput } from '../../shared/schemas/badges';
import { createBadgeClass, type BadgeClass } from '../src/db/badgeClasses';
import { createIssuer } from '../src/db/issuers';
import { publicUrls } from '../src/lib/urls';
import { PUBLIC_URL, testApp } from './helpers';

const urls = publicUrls(PUBLIC_URL);

function parse(html: string): Document {
  const window = new Window({ url: PUBLIC_URL });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const welderBadges: CreateBadgeClassInput[] = [
  { name: 'MIG Welding Fundamentals', description: 'Safe MIG welding of mild steel.', category: 'skill', criteria: 'Practical test.', skills: ['MIG welding'] },
  { name: 'TIG Welding', description: 'TIG welding of stainless steel.', category: 'skill', criteria: 'Practical test.' },
  { name: 'Welding Safety', description: 'Knows the workshop safety rules.', category: 'knowledge', criteria: 'Pass the quiz.' },
  { name: 'Guild Member', description: 'Member in good standing.', category: 'membership', criteria: 'Join the guild.' },
];
const schoolBadges: CreateBadgeClassInput[] = [
  { name: 'Data Literacy', description: 'Reads charts and tables critically.', category: 'education', criteria: 'Finish the module.', skills: ['Statistics'] },
  { name: 'Certified Mentor', description: 'Mentors new staff.', category: 'certification', criteria: 'Mentor for a year.' },
];

async function seededApp() {
  const { db, app } = await testApp();
  const welders = await createIssuer(db, { name: 'Guild of Test Welders', url: 'https://welders.test', email: 'office@welders.test' });
  const school = await createIssuer(db, { name: 'Test State School Consortium', url: 'https://school.test', email: 'badges@school.test' });
  const created: BadgeClass[] = [];
  for (const badge of welderBadges) created.push(await createBadgeClass(db, welders.id, badge));
  for (const badge of schoolBadges) created.push(await createBadgeClass(db, school.id, badge));
  const byName = new Map(created.map((b) => [b.name, b]));
  return { app, db, byName };
}

async function getPage(app: Awaited<ReturnType<typeof testApp>>['app'], path: string) {
  const response = await app.request(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return parse(await response.text());
}

const categoryHeadings = (doc: Document, level: 'h2' | 'h3') => [...doc.querySelectorAll(`section.category > ${level}`)].map(text);
const badgeLinks = (doc: Document) => [...doc.querySelectorAll('section.category .card-title a')].map(text);

describe('GET /catalogue', () => {
  it('lists every badge class grouped by category, in category order, with descriptions and counts', async () => {
    const { app, byName } = await seededApp();
    const doc = await getPage(app, '/catalogue');
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(text(doc.querySelector('h1'))).toBe('Badge catalogue');
    expect(text(doc.querySelector('#result-count'))).toBe('6 badges');
    expect(categoryHeadings(doc, 'h2')).toEqual([
      'Knowledge (1 badge)',
      'Skill (2 badges)',
      'Certification (1 badge)',
      'Education (1 badge)',
      'Membership (1 badge)',
    ]);
    const skill = doc.querySelector('#category-skill')!.closest('section')!;
    expect(text(skill.querySelector('.category-description'))).toBe('Shows a practical ability that was demonstrated and assessed.');
    const cards = [...skill.querySelectorAll('.card')];
    expect(cards.map((card) => text(card.querySelector('h3')))).toEqual(['MIG Welding Fundamentals', 'TIG Welding']);
    const mig = byName.get('MIG Welding Fundamentals')!;
    expect(cards[0].querySelector('h3 a')?.getAttribute('href')).toBe(urls.badgeClass(mig.id));
    expect(cards[0].querySelector('img')?.getAttribute('src')).toBe(urls.badgeClassImage(mig.id));
    expect(text(cards[0])).toContain('by Guild of Test Welders');
    const data = doc.querySelector('#category-education')!.closest('section')!;
    expect(text(data)).toContain('by Test State School Consortium');
  });

  it('has a GET search form that works without JavaScript', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/catalogue');
    const form = doc.querySelector('form[role="search"]')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe(urls.catalogue());
    const input = form.querySelector('input[name="q"]')!;
    expect(input.getAttribute('type')).toBe('search');
    expect(form.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    const select = form.querySelector('select[name="category"]')!;
    expect(form.querySelector(`label[for="${select.id}"]`)).not.toBeNull();
    expect([...select.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual([
      '',
      'knowledge',
      'skill',
      'certification',
      'career',
      'education',
      'membership',
    ]);
    expect(select.querySelector('option[selected]')?.getAttribute('value')).toBe('');
    expect(form.querySelector('button[type="submit"]')).not.toBeNull();
  });

  it('filters by category and keeps the choice in the form', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/catalogue?category=skill');
    expect(text(doc.querySelector('h1'))).toBe('Skill badges');
    expect(categoryHeadings(doc, 'h2')).toEqual(['Skill (2 badges)']);
    expect(badgeLinks(doc)).toEqual(['MIG Welding Fundamentals', 'TIG Welding']);
    expect(doc.querySelector('select[name="category"] option[selected]')?.getAttribute('value')).toBe('skill');
    expect(text(doc.querySelector('#result-count'))).toBe('2 badges in Skill · Show all badges');
  });

  it('searches names, descriptions and skills, and keeps the search in the form', async () => {
    const { app } = await seededApp();
    const byName = await getPage(app, '/catalogue?q=weld');
    expect(badgeLinks(byName)).toEqual(['Welding Safety', 'MIG Welding Fundamentals', 'TIG Welding']);
    expect(text(byName.querySelector('#result-count'))).toBe('3 badges match “weld” · Show all badges');
    expect(byName.querySelector('input[name="q"]')?.getAttribute('value')).toBe('weld');

    const bySkill = await getPage(app, '/catalogue?q=statistics');
    expect(badgeLinks(bySkill)).toEqual(['Data Literacy']);
    expect(text(bySkill.querySelector('#result-count'))).toBe('1 badge matches “statistics” · Show all badges');

    const both = await getPage(app, '/catalogue?q=welding&category=knowledge');
    expect(badgeLinks(both)).toEqual(['Welding Safety']);
    expect(text(both.querySelector('#result-count'))).toBe('1 badge matches “welding” in Knowledge · Show all badges');
  });

  it('treats the empty values the form sends ("All categories", no search) as no filter', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/catalogue?q=&category=');
    expect(badgeLinks(doc)).toHaveLength(6);
    expect(text(doc.querySelector('#result-count'))).toBe('6 badges');
  });

  it('shows an empty state with a reset link when nothing matches', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/catalogue?q=underwater+basket&category=career');
    expect(doc.querySelector('section.category')).toBeNull();
    const empty = doc.querySelector('.empty')!;
    expect(text(empty)).toContain('No badges match “underwater basket” in Career.');
    expect(empty.querySelector('a')?.getAttribute('href')).toBe(urls.catalogue());
  });

  it('says when a category has no badges', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/catalogue?category=career');
    const empty = doc.querySelector('.empty')!;
    expect(text(empty.querySelector('p'))).toBe('There are no Career badges yet.');
    expect(empty.querySelector('a')?.getAttribute('href')).toBe(urls.catalogue());
  });

  it('says when nothing is published at all', async () => {
    const { app } = await testApp();
    const doc = await getPage(app, '/catalogue');
    expect(text(doc.querySelector('.empty'))).toBe('No badges have been published yet.');
  });

  it('answers a bad category or an overlong search with a 400 error body', async () => {
    const { app } = await seededApp();
    const bad = await app.request('/catalogue?category=cooking');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((issue) => issue.path)).toEqual(['category']);
    const long = await app.request(`/catalogue?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('escapes the search text in the form and the empty state', async () => {
    const { app } = await seededApp();
    const hostile = '"><script>alert(1)</script>';
    const doc = await getPage(app, `/catalogue?q=${encodeURIComponent(hostile)}`);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('input[name="q"]')?.getAttribute('value')).toBe(hostile);
    expect(text(doc.querySelector('.empty'))).toContain(`No badges match “${hostile}”.`);
  });
});

describe('GET /', () => {
  it('is a landing page: one section per kind of visitor, search, one featured badge per category, links to each category', async () => {
    const { app } = await seededApp();
    const doc = await getPage(app, '/');
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(text(doc.querySelector('main'))).toContain('BadgeLens issues and verifies digital badges');
    expect([...doc.querySelectorAll('.audiences h3')].map(text)).toEqual(['Earners', 'Recruiters', 'Job seekers and students', 'Employers and schools', 'Issuers']);
    expect(doc.querySelector('form[role="search"]')?.getAttribute('action')).toBe(urls.catalogue());
    // Not the whole catalogue: one badge of each of the five categories that have any.
    expect(doc.querySelectorAll('#featured ~ .cards .card')).toHaveLength(5);
    expect(doc.querySelectorAll('section.category')).toHaveLength(0);
    expect([...doc.querySelectorAll('.category-links a')].map((link) => [text(link), link.getAttribute('href')])).toEqual([
      ['Knowledge (1 badge)', `${urls.catalogue()}?category=knowledge`],
      ['Skill (2 badges)', `${urls.catalogue()}?category=skill`],
      ['Certification (1 badge)', `${urls.catalogue()}?category=certification`],
      ['Education (1 badge)', `${urls.catalogue()}?category=education`],
      ['Membership (1 badge)', `${urls.catalogue()}?category=membership`],
    ]);
    expect(text(doc.querySelector('#categories'))).toBe('Browse by category (6 badges)');
    for (const landmark of ['header', 'nav', 'main', 'footer']) expect(doc.querySelectorAll(landmark)).toHaveLength(1);
    const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    levels.slice(1).forEach((level, index) => expect(level).toBeLessThanOrEqual(levels[index] + 1));
  });

  it('says so when nothing has been published yet', async () => {
    const { app } = await testApp();
    const doc = await getPage(app, '/');
    expect(text(doc.querySelector('.empty'))).toBe('No badges have been published yet.');
    expect(doc.querySelector('#featured')).toBeNull();
  });
});
