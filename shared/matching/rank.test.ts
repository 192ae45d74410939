import { describe, expect, it } from 'vitest';
import { bestHeld, fitOf, matchCourses, rankCandidates, rankRoles, studentsForBadges, type CourseToMatch, type HeldBadge } from './rank';

const held = (badgeId: string, extra: Partial<HeldBadge> = {}): HeldBadge => ({ badgeId, verified: true, current: true, ...extra });
const role = { required: ['r1', 'r2'], preferred: ['p1', 'p2', 'p3'] };

describe('rankCandidates', () => {
  it('puts everyone with all required badges first, even with fewer preferred ones', () => {
    const ranked = rankCandidates(role, [
      { id: 'one-required-all-preferred', badges: [held('r1'), held('p1'), held('p2'), held('p3')] },
      { id: 'all-required', badges: [held('r1'), held('r2')] },
    ]);
    expect(ranked.map((c) => c.id)).toEqual(['all-required', 'one-required-all-preferred']);
  });

  it('then orders by preferred held, verified over self-claimed, current over expired, then years', () => {
    const base = [held('r1'), held('r2')];
    const ranked = rankCandidates(role, [
      { id: 'fewer-years', badges: [...base, held('p1', { years: 2 })] },
      { id: 'expired', badges: [held('r1', { current: false }), held('r2'), held('p1', { years: 9 })] },
      { id: 'self-claimed', badges: [held('r1', { verified: false }), held('r2'), held('p1', { years: 9 })] },
      { id: 'two-preferred', badges: [...base, held('p1'), held('p2')] },
      { id: 'more-years', badges: [...base, held('p1', { years: 5 })] },
    ]);
    expect(ranked.map((c) => c.id)).toEqual(['two-preferred', 'more-years', 'fewer-years', 'expired', 'self-claimed']);
  });

  it('says why in words', () => {
    const [fit] = rankCandidates({ required: ['r1', 'r2', 'r3', 'r4'], preferred: ['p1', 'p2', 'p3'] }, [
      { id: 'c', badges: ['r1', 'r2', 'r3', 'r4', 'p1', 'p2'].map((id) => held(id)) },
    ]);
    expect(fit.explanation).toBe('4 of 4 required, 2 of 3 preferred, all verified');
    const [mixed] = rankCandidates(role, [{ id: 'c', badges: [held('r1', { verified: false, years: 3 }), held('p2', { current: false })] }]);
    expect(mixed.explanation).toBe('1 of 2 required, 1 of 3 preferred, 1 verified, 1 self-claimed, 1 badge expired, 3 years attested');
    expect(mixed.missingRequired).toEqual(['r2']);
    expect(mixed.missingPreferred).toEqual(['p1', 'p3']);
  });

  it('leaves out people holding none of the role’s badges, and counts a badge held twice once, at its best', () => {
    const ranked = rankCandidates(role, [
      { id: 'none', badges: [held('other')] },
      { id: 'twice', badges: [held('r1', { verified: false, current: false }), held('r1', { years: 4 })] },
    ]);
    expect(ranked.map((c) => c.id)).toEqual(['twice']);
    expect(ranked[0]).toMatchObject({ requiredHeld: 1, verified: 1, selfClaimed: 0, expired: 0, years: 4 });
  });

  it('keeps the given order between equal fits', () => {
    const ranked = rankCandidates(role, ['a', 'b', 'c'].map((id) => ({ id, badges: [held('r1')] })));
    expect(ranked.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('bestHeld and fitOf', () => {
  it('prefers verified, then current, then more years', () => {
    const best = bestHeld([held('b', { verified: false, years: 10 }), held('b', { current: false }), held('b', { years: 1 })]);
    expect(best.get('b')).toEqual(held('b', { years: 1 }));
  });

  it('a role without required badges: everyone holds all of none', () => {
    expect(fitOf({ required: [], preferred: ['p'] }, bestHeld([held('p')]))).toMatchObject({ requiredHeld: 0, requiredTotal: 0, preferredHeld: 1, explanation: '0 of 0 required, 1 of 1 preferred, all verified' });
  });
});

describe('rankRoles', () => {
  it('lists the roles sharing a badge with the seeker, best first, with the badges missing', () => {
    const ranked = rankRoles(
      [held('r1'), held('r2')],
      [
        { id: 'half', required: ['r1', 'x'], preferred: [] },
        { id: 'full', required: ['r1', 'r2'], preferred: ['p1'] },
        { id: 'unrelated', required: ['y'], preferred: [] },
      ],
    );
    expect(ranked.map((r) => [r.id, r.missingRequired, r.missingPreferred])).toEqual([
      ['full', [], ['p1']],
      ['half', ['x'], []],
    ]);
  });
});

describe('matchCourses', () => {
  const course = (id: string, extra: Partial<CourseToMatch>): CourseToMatch => ({ id, format: 'in_person', location: 'Lyon', startsOn: null, endsOn: null, badgeIds: ['b'], ...extra });
  const courses = [
    course('lyon-late', { startsOn: '2026-09-01', endsOn: '2026-10-01' }),
    course('online', { format: 'online', location: '', startsOn: '2026-05-01', endsOn: '2026-06-01' }),
    course('paris', { location: 'Paris' }),
    course('over', { format: 'online', startsOn: '2025-01-01', endsOn: '2025-02-01' }),
    course('other-badge', { badgeIds: ['c'] }),
    course('lyon-undated', {}),
  ];

  it('finds courses for the badge online or near the place, not over, by start date', () => {
    const found = matchCourses(courses, { badgeId: 'b', near: 'lyon', today: '2026-04-01' });
    expect(found).toEqual([
      { id: 'online', explanation: 'online' },
      { id: 'lyon-late', explanation: 'in person in Lyon' },
      { id: 'lyon-undated', explanation: 'in person in Lyon' },
    ]);
  });

  it('without a place, every course for the badge that is not over', () => {
    expect(matchCourses(courses, { badgeId: 'b', today: '2026-04-01' }).map((c) => c.id)).toEqual(['online', 'lyon-late', 'lyon-undated', 'paris']);
  });
});

describe('studentsForBadges', () => {
  it('counts each student once, and per badge', () => {
    const result = studentsForBadges(['a', 'b'], [
      { id: 's1', wantedBadgeIds: ['a', 'b'] },
      { id: 's2', wantedBadgeIds: ['b', 'b'] },
      { id: 's3', wantedBadgeIds: ['z'] },
    ]);
    expect(result.total).toBe(2);
    expect(result.studentIds).toEqual(['s1', 's2']);
    expect(Object.fromEntries(result.perBadge)).toEqual({ a: 1, b: 2 });
  });
});
