import { describe, expect, it } from 'vitest';
import { MAX_RELATED_ITEMS, relatedCourses, relatedRoles, type CourseToRelate, type RoleToRelate } from './related';

const role = (id: string, required: string[], preferred: string[] = [], title = id): RoleToRelate => ({ id, title, required, preferred });
const course = (id: string, badgeIds: string[], startsOn: string | null = null, endsOn: string | null = null): CourseToRelate => ({ id, title: id, format: 'online', location: '', startsOn, endsOn, badgeIds });

describe('relatedRoles', () => {
  it('ranks roles requiring more of the posting’s badges first, then asking for more in all, and says which', () => {
    const roles = [role('prefers-two', [], ['a', 'b']), role('requires-one', ['b'], ['z']), role('requires-two', ['c', 'a']), role('unrelated', ['z'])];
    expect(relatedRoles(['a', 'b', 'c'], roles)).toEqual([
      { id: 'requires-two', badgeIds: ['a', 'c'] },
      { id: 'requires-one', badgeIds: ['b'] },
      { id: 'prefers-two', badgeIds: ['a', 'b'] },
    ]);
  });

  it('lists a badge both required and preferred once, required first; ties go by title', () => {
    expect(relatedRoles(['a', 'b'], [role('twice', ['b'], ['a', 'b'])])).toEqual([{ id: 'twice', badgeIds: ['b', 'a'] }]);
    expect(relatedRoles(['a', 'b'], [role('2', ['b'], ['b'], 'Welder'), role('1', ['a'], [], 'Fitter')]).map((related) => related.id)).toEqual(['1', '2']);
  });

  it('keeps at most the limit, and nothing for a posting without badges', () => {
    const many = Array.from({ length: MAX_RELATED_ITEMS + 3 }, (_, index) => role(`r${index}`, ['a']));
    expect(relatedRoles(['a'], many)).toHaveLength(MAX_RELATED_ITEMS);
    expect(relatedRoles([], many)).toEqual([]);
  });
});

describe('relatedCourses', () => {
  it('leaves out courses that are over, ranks by badges led to, then by start date with undated ones last', () => {
    const courses = [
      course('undated', ['a']),
      course('later', ['a'], '2027-03-01'),
      course('sooner', ['b'], '2027-01-10', '2027-02-01'),
      course('over', ['a', 'b'], '2026-01-01', '2026-06-30'),
      course('both', ['b', 'a'], '2027-05-01'),
      course('unrelated', ['z'], '2027-01-01'),
    ];
    expect(relatedCourses(['a', 'b'], courses, '2026-12-04')).toEqual([
      { id: 'both', badgeIds: ['a', 'b'] },
      { id: 'sooner', badgeIds: ['b'] },
      { id: 'later', badgeIds: ['a'] },
      { id: 'undated', badgeIds: ['a'] },
    ]);
  });

  it('keeps a course ending today', () => {
    expect(relatedCourses(['a'], [course('today', ['a'], '2026-11-01', '2026-12-04')], '2026-12-04')).toEqual([{ id: 'today', badgeIds: ['a'] }]);
  });
});
