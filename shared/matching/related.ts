// For a job posting: the published roles that ask for the badges the posting relates to, and the courses
// that lead to them, most related first. Pure; the API reads the rows (api/src/matching) and the extension's
// job panel shows the result next to the posting's badges.
import type { CourseToMatch } from './rank';

/** The panel shows at most this many roles and this many courses. */
export const MAX_RELATED_ITEMS = 5;

export interface RoleToRelate {
  id: string;
  title: string;
  required: readonly string[];
  preferred: readonly string[];
}

export interface CourseToRelate extends CourseToMatch {
  title: string;
}

export interface Related {
  id: string;
  /** The posting's badges it asks for (roles: required ones first) or leads to, in the posting's order. */
  badgeIds: string[];
}

function inPostingOrder(postingBadgeIds: readonly string[], ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return postingBadgeIds.filter((id) => wanted.has(id));
}

/**
 * Roles sharing a badge with the posting: those requiring more of its badges first, then those asking for
 * more of them in all, then by title.
 */
export function relatedRoles(postingBadgeIds: readonly string[], roles: readonly RoleToRelate[], limit = MAX_RELATED_ITEMS): Related[] {
  return roles
    .map((role) => {
      const required = inPostingOrder(postingBadgeIds, role.required);
      const preferred = inPostingOrder(postingBadgeIds, role.preferred).filter((id) => !required.includes(id));
      return { role, required, badgeIds: [...required, ...preferred] };
    })
    .filter(({ badgeIds }) => badgeIds.length > 0)
    .sort((a, b) => b.required.length - a.required.length || b.badgeIds.length - a.badgeIds.length || a.role.title.localeCompare(b.role.title) || a.role.id.localeCompare(b.role.id))
    .slice(0, limit)
    .map(({ role, badgeIds }) => ({ id: role.id, badgeIds }));
}

/**
 * Courses leading to the posting's badges and not over on `today` (YYYY-MM-DD): those leading to more of
 * them first, then by start date (undated ones last).
 */
export function relatedCourses(postingBadgeIds: readonly string[], courses: readonly CourseToRelate[], today: string, limit = MAX_RELATED_ITEMS): Related[] {
  return courses
    .filter((course) => course.endsOn === null || course.endsOn >= today)
    .map((course) => ({ course, badgeIds: inPostingOrder(postingBadgeIds, course.badgeIds) }))
    .filter(({ badgeIds }) => badgeIds.length > 0)
    .sort((a, b) => b.badgeIds.length - a.badgeIds.length || (a.course.startsOn ?? '9999').localeCompare(b.course.startsOn ?? '9999') || a.course.id.localeCompare(b.course.id))
    .slice(0, limit)
    .map(({ course, badgeIds }) => ({ id: course.id, badgeIds }));
}
