// Matching people, roles and courses through badges: pure functions, no I/O, used by the API
// (api/src/matching) and measured by bench/match.ts.

/** One badge a person holds, as matching sees it. */
export interface HeldBadge {
  badgeId: string;
  /** Vouched for by an issuer (a badge issued here, or imported and verified), not self-claimed. */
  verified: boolean;
  /** Not expired. (Revoked badges are never given to matching.) */
  current: boolean;
  /** Years of experience the badge attests, where it carries them. */
  years?: number;
}

export interface Candidate {
  id: string;
  badges: readonly HeldBadge[];
}

export interface RoleNeeds {
  required: readonly string[];
  preferred: readonly string[];
}

/** How a person fits a role, with the figures it was ranked by and a sentence saying why. */
export interface Fit {
  requiredHeld: number;
  requiredTotal: number;
  preferredHeld: number;
  preferredTotal: number;
  /** Of the role's badges held: how many are verified, how many current, their years added up. */
  verified: number;
  selfClaimed: number;
  current: number;
  expired: number;
  years: number;
  missingRequired: string[];
  missingPreferred: string[];
  explanation: string;
}

export interface RankedCandidate extends Fit {
  id: string;
}

/** The best copy of each badge: verified over self-claimed, current over expired, then most years. */
export function bestHeld(badges: readonly HeldBadge[]): Map<string, HeldBadge> {
  const best = new Map<string, HeldBadge>();
  for (const badge of badges) {
    const known = best.get(badge.badgeId);
    if (!known || compareHeld(badge, known) < 0) best.set(badge.badgeId, badge);
  }
  return best;
}

function compareHeld(a: HeldBadge, b: HeldBadge): number {
  return Number(b.verified) - Number(a.verified) || Number(b.current) - Number(a.current) || (b.years ?? 0) - (a.years ?? 0);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function explain(fit: Fit): string {
  const parts = [`${fit.requiredHeld} of ${fit.requiredTotal} required`];
  if (fit.preferredTotal > 0) parts.push(`${fit.preferredHeld} of ${fit.preferredTotal} preferred`);
  const held = fit.verified + fit.selfClaimed;
  if (held > 0) {
    parts.push(fit.selfClaimed === 0 ? 'all verified' : `${fit.verified} verified, ${fit.selfClaimed} self-claimed`);
    if (fit.expired > 0) parts.push(`${plural(fit.expired, 'badge')} expired`);
  }
  if (fit.years > 0) parts.push(`${plural(fit.years, 'year')} attested`);
  return parts.join(', ');
}

/** How the badges of one person (best copy per badge, see bestHeld) fit a role. */
export function fitOf(needs: RoleNeeds, held: ReadonlyMap<string, HeldBadge>): Fit {
  return fitOfSlots(needs, [...needs.required, ...needs.preferred].map((badgeId) => held.get(badgeId)));
}

/** The fit from the best badge held for each of the role's badges, required ones first (undefined: not held). */
function fitOfSlots(needs: RoleNeeds, slots: readonly (HeldBadge | undefined)[]): Fit {
  const fit = figuresOfSlots(needs, slots);
  fit.explanation = explain(fit);
  return fit;
}

/** fitOfSlots without the explanation (written only for the results shown). */
function figuresOfSlots(needs: RoleNeeds, slots: readonly (HeldBadge | undefined)[]): Fit {
  const requiredCount = needs.required.length;
  const fit: Fit = {
    requiredHeld: 0,
    requiredTotal: requiredCount,
    preferredHeld: 0,
    preferredTotal: needs.preferred.length,
    verified: 0,
    selfClaimed: 0,
    current: 0,
    expired: 0,
    years: 0,
    missingRequired: [],
    missingPreferred: [],
    explanation: '',
  };
  for (let index = 0; index < slots.length; index++) {
    const badge = slots[index];
    const required = index < requiredCount;
    if (!badge) {
      if (required) fit.missingRequired.push(needs.required[index]);
      else fit.missingPreferred.push(needs.preferred[index - requiredCount]);
      continue;
    }
    if (required) fit.requiredHeld++;
    else fit.preferredHeld++;
    if (badge.verified) fit.verified++;
    else fit.selfClaimed++;
    if (badge.current) fit.current++;
    else fit.expired++;
    fit.years += badge.years ?? 0;
  }
  return fit;
}

/**
 * Finds, per person, the best copy of each of the role's badges in one pass over what they hold (the
 * role's badges looked up by position): the hot loop of ranking thousands of people.
 */
function slotFinder(needs: RoleNeeds): { clean: RoleNeeds; slotsOf(badges: readonly HeldBadge[]): (HeldBadge | undefined)[] | null } {
  const required = [...new Set(needs.required)];
  const preferred = [...new Set(needs.preferred)].filter((badgeId) => !required.includes(badgeId));
  const positions = new Map<string, number>([...required, ...preferred].map((badgeId, index) => [badgeId, index]));
  const clean = { required, preferred };
  return {
    clean,
    slotsOf(badges) {
      let slots: (HeldBadge | undefined)[] | null = null;
      for (const badge of badges) {
        const position = positions.get(badge.badgeId);
        if (position === undefined) continue;
        slots ??= new Array<HeldBadge | undefined>(positions.size).fill(undefined);
        const known = slots[position];
        if (!known || compareHeld(badge, known) < 0) slots[position] = badge;
      }
      return slots;
    },
  };
}

/**
 * Orders fits best first: every required badge held, then more required, more preferred, more verified
 * (fewer self-claimed), more current (fewer expired), more years. Ties keep their given order.
 */
export function compareFits(a: Fit, b: Fit): number {
  const allRequired = (fit: Fit) => Number(fit.requiredHeld === fit.requiredTotal);
  return (
    allRequired(b) - allRequired(a) ||
    b.requiredHeld - a.requiredHeld ||
    b.preferredHeld - a.preferredHeld ||
    b.verified - a.verified ||
    a.selfClaimed - b.selfClaimed ||
    b.current - a.current ||
    a.expired - b.expired ||
    b.years - a.years
  );
}

/**
 * The candidates for a role, best fit first, each with why; the first `limit` of them when given.
 * Candidates holding none of the role's badges are left out (they fit in no way worth showing).
 */
export function rankCandidates(needs: RoleNeeds, candidates: readonly Candidate[], limit = Infinity): RankedCandidate[] {
  const { clean, slotsOf } = slotFinder(needs);
  const ranked: RankedCandidate[] = [];
  for (const candidate of candidates) {
    const slots = slotsOf(candidate.badges);
    if (!slots) continue;
    const fit = figuresOfSlots(clean, slots) as RankedCandidate;
    fit.id = candidate.id;
    ranked.push(fit);
  }
  const shown = ranked.sort(compareFits).slice(0, limit);
  for (const fit of shown) fit.explanation = explain(fit);
  return shown;
}

export interface RoleToMatch extends RoleNeeds {
  id: string;
}

export interface RankedRole extends Fit {
  id: string;
}

/** For a job seeker: the roles that share at least one badge with them, best fit first, with what they miss. */
export function rankRoles(badges: readonly HeldBadge[], roles: readonly RoleToMatch[]): RankedRole[] {
  const ranked: RankedRole[] = [];
  for (const role of roles) {
    const { clean, slotsOf } = slotFinder(role);
    const slots = slotsOf(badges);
    if (slots) ranked.push({ id: role.id, ...fitOfSlots(clean, slots) });
  }
  return ranked.sort(compareFits);
}

export interface CourseToMatch {
  id: string;
  format: 'online' | 'in_person';
  location: string;
  /** YYYY-MM-DD, or null when the course has no fixed dates. */
  startsOn: string | null;
  endsOn: string | null;
  badgeIds: readonly string[];
}

export interface CourseMatch {
  id: string;
  /** Where it takes place, said for a person: "online", "in person in Lyon". */
  explanation: string;
}

function locationFits(courseLocation: string, near: string): boolean {
  const wanted = near.trim().toLocaleLowerCase();
  return wanted === '' || courseLocation.toLocaleLowerCase().includes(wanted);
}

/**
 * For a student: the courses that prepare for `badgeId`, online or (when `near` is given) in person at a
 * place whose name contains it, not yet over on `today` (YYYY-MM-DD); dated courses first by start date,
 * then those without dates.
 */
export function matchCourses(courses: readonly CourseToMatch[], query: { badgeId: string; near?: string; today: string }): CourseMatch[] {
  const near = query.near ?? '';
  return courses
    .filter((course) => course.badgeIds.includes(query.badgeId))
    .filter((course) => course.endsOn === null || course.endsOn >= query.today)
    .filter((course) => course.format === 'online' || locationFits(course.location, near))
    .sort((a, b) => (a.startsOn ?? '9999').localeCompare(b.startsOn ?? '9999') || a.id.localeCompare(b.id))
    .map((course) => ({ id: course.id, explanation: course.format === 'online' ? 'online' : `in person in ${course.location || 'a place to be announced'}` }));
}

export interface Student {
  id: string;
  wantedBadgeIds: readonly string[];
}

/** For a school: the students wanting a badge its courses cover, per badge and in all (each student once). */
export function studentsForBadges(coveredBadgeIds: readonly string[], students: readonly Student[]): { total: number; studentIds: string[]; perBadge: Map<string, number> } {
  const covered = new Set(coveredBadgeIds);
  const perBadge = new Map<string, number>(coveredBadgeIds.map((id) => [id, 0]));
  const studentIds: string[] = [];
  for (const student of students) {
    let wants = false;
    for (const badgeId of new Set(student.wantedBadgeIds)) {
      if (!covered.has(badgeId)) continue;
      perBadge.set(badgeId, perBadge.get(badgeId)! + 1);
      wants = true;
    }
    if (wants) studentIds.push(student.id);
  }
  return { total: studentIds.length, studentIds, perBadge };
}
