/** @jsxImportSource hono/jsx */
// Pure formatting for the public pages: labels, dates, safe links.
import type { Requirement } from '../../../shared/schemas/badges';
import type { BadgeCategory } from '../../../shared/schemas/verify';

export const CATEGORY_LABELS: Record<BadgeCategory, string> = {
  knowledge: 'Knowledge',
  skill: 'Skill',
  certification: 'Certification',
  career: 'Career',
  education: 'Education',
  membership: 'Membership',
};

export const CATEGORY_DESCRIPTIONS: Record<BadgeCategory, string> = {
  knowledge: 'Shows understanding of a subject, usually proven by a quiz or an exam.',
  skill: 'Shows a practical ability that was demonstrated and assessed.',
  certification: 'A formal credential from a recognised body, often renewed periodically.',
  career: 'Milestones, roles and achievements at work.',
  education: 'Courses, programmes and qualifications completed.',
  membership: 'Belonging to a society, guild or professional community.',
};

export const REQUIREMENT_KIND_LABELS: Record<Requirement['kind'], string> = {
  course: 'Online course',
  seminar: 'Instructor-led seminar',
  quiz: 'Quiz',
  conference: 'Conference',
  other: 'Other',
};

const utcDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "12 March 2025", always in UTC so every reader sees the same day as the data. */
export function formatDate(iso: string): string {
  return utcDate.format(new Date(iso));
}

/** The href for an outside link, or null when it is not an http(s) URL (no javascript:, data:, …). */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Shortens text to at most `max` characters (whole code points) at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd() + '…';
}

export function plural(count: number, one: string, many = one + 's'): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function validityText(months: number | null): string {
  return months ? `Valid for ${plural(months, 'month')} after issue` : 'Does not expire';
}

/** Splits a narrative into paragraphs at blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A lifetime in words: 3_600_000 -> "1 hour", 172_800_000 -> "48 hours", 30 days -> "30 days". */
export function formatDuration(ms: number): string {
  const hours = ms / (60 * 60 * 1000);
  if (hours >= 72 && Number.isInteger(hours / 24)) return plural(hours / 24, 'day');
  if (Number.isInteger(hours)) return plural(hours, 'hour');
  return plural(Math.round(ms / 60_000), 'minute');
}
