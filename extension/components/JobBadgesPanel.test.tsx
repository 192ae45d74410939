// The job panel's roles and courses, rendered by Preact in happy-dom: each says which of the posting's
// badges it relates to; text from the API stays text, and only http(s) links become links.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MatchedBadge, RelatedOpportunities } from '../../shared/schemas/jobsites';
import { JobBadgesPanel } from './JobBadgesPanel';

const badge = (id: string, name: string): MatchedBadge => ({ id, name, category: 'skill', pageUrl: `https://badges.example/badges/${id}`, issuerName: 'Northbridge', requirements: [], held: false });
const BADGES = [badge('b1', 'SMAW Plate 3G'), badge('b2', 'Hot Work Safety')];

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.replaceChildren(container);
});
afterEach(() => render(null, container));

function show(related: RelatedOpportunities) {
  render(<JobBadgesPanel state={{ kind: 'ready', badges: BADGES, signedIn: false, related }} dark={false} onDismiss={() => undefined} onRetry={() => undefined} />, container);
  const section = (id: string) => container.querySelector(`section[aria-labelledby="${id}"]`);
  return { roles: section('badgelens-job-roles'), courses: section('badgelens-job-courses') };
}

describe('JobBadgesPanel: related roles and courses', () => {
  test('lists the roles asking for the badges and the courses leading to them, naming the badges', () => {
    const { roles, courses } = show({
      roles: [{ id: 'r1', title: 'Structural welder', location: 'Port Alder', organisation: 'Harborline Fabrication', link: 'https://harborline.example/jobs/1', badgeIds: ['b1', 'b2'] }],
      courses: [
        { id: 'c1', title: 'Stick welding 3G', format: 'in_person', location: 'Riverbend', startsOn: '2027-01-10', organisation: 'Riverbend Weld Training', link: 'https://riverbend.example/c1', badgeIds: ['b1'] },
        { id: 'c2', title: 'Safety online', format: 'online', location: '', startsOn: null, organisation: 'Riverbend Weld Training', link: 'https://riverbend.example/c2', badgeIds: ['b2', 'unknown'] },
      ],
    });
    expect(roles?.querySelector('h3')?.textContent).toBe('Roles asking for these badges');
    expect(roles?.querySelector('li')?.textContent).toBe('Structural welder · Harborline Fabrication, Port AlderAsks for SMAW Plate 3G, Hot Work Safety');
    expect(roles?.querySelector('a')?.getAttribute('href')).toBe('https://harborline.example/jobs/1');
    expect([...(courses?.querySelectorAll('.job-badge-meta') ?? [])].map((meta) => meta.textContent)).toEqual([
      'In person in Riverbend · starts Jan 10, 2027 · leads to SMAW Plate 3G',
      'Online · leads to Hot Work Safety',
    ]);
  });

  test('no roles and no courses: no empty headings', () => {
    const { roles, courses } = show({ roles: [], courses: [] });
    expect(roles).toBeNull();
    expect(courses).toBeNull();
    expect(container.querySelectorAll('.job-badge')).toHaveLength(2);
  });

  test('markup from the API stays text, and a link that is not http(s) is no link', () => {
    const { roles } = show({ roles: [{ id: 'r1', title: '<img src=x onerror=alert(1)>', location: '', organisation: '<b>Evil</b>', link: 'javascript:alert(1)', badgeIds: ['b1'] }], courses: [] });
    expect(roles?.querySelector('img, b')).toBeNull();
    expect(roles?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(roles?.querySelector('a')?.hasAttribute('href')).toBe(false);
  });
});
