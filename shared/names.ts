// Does a badge's recipient name fit the name shown on a profile?
// Tolerant of how people write their own names (case, accents, middle names and initials,
// "Last, First", honorifics and post-nominal letters), strict about first and last name.

const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev', 'fr',
  'herr', 'frau', 'mme', 'mlle', 'sr', 'sra', 'srta', 'dott', 'ing', 'eng',
]);

// Letters people put after their name on profiles ("Jane Doe, PhD, PMP").
const POST_NOMINALS = new Set([
  'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'msc', 'ma', 'bsc', 'ba', 'bs', 'ms', 'meng',
  'beng', 'pe', 'pmp', 'cpa', 'cfa', 'cissp', 'rn', 'esq', 'dds', 'jd', 'llm', 'mphil', 'dphil',
  'frcs', 'ceng', 'shrm', 'cp', 'scp', 'csm', 'cism', 'cisa', 'aws',
]);

// Compiled once: Unicode property classes are costly to build.
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /[’'`´]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;

/** Lower case, accents, punctuation and emoji removed, split into words. */
export function nameTokens(raw: string): string[] {
  const tokens = reorderLastFirst(dropPostNominalGroups(raw))
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(APOSTROPHES, '')
    .split(NOT_LETTER_OR_DIGIT) // emoji and punctuation are neither letters nor digits
    .filter((token) => token.length > 0);
  return stripHonorificsAndPostNominals(tokens);
}

/** "Doe, Jane" → "Jane Doe"; "Jane Doe, PhD" keeps its order. */
function reorderLastFirst(name: string): string {
  const parts = name.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 2) return `${parts[1]} ${parts[0]}`;
  return parts.join(' ');
}

/** Removes comma-separated groups made only of post-nominal letters ("…, PhD, PMP"). */
function dropPostNominalGroups(name: string): string {
  const parts = name.split(',');
  const kept = parts.filter((part, index) => index === 0 || !isPostNominalGroup(part));
  return kept.join(',');
}

function isPostNominalGroup(part: string): boolean {
  const words = part.toLowerCase().split(NOT_LETTER_OR_DIGIT).filter(Boolean);
  return words.length > 0 && words.every((word) => POST_NOMINALS.has(word));
}

function stripHonorificsAndPostNominals(tokens: string[]): string[] {
  let start = 0;
  while (start < tokens.length - 2 && HONORIFICS.has(tokens[start])) start += 1;
  // A leading honorific is dropped even from two-word names ("Dr Smith") only when it is
  // clearly a title, so "M Doe" (an initial) is kept.
  if (start === 0 && tokens.length === 2 && HONORIFICS.has(tokens[0]) && tokens[0].length > 1) start = 1;
  let end = tokens.length;
  while (end - start > 2 && POST_NOMINALS.has(tokens[end - 1])) end -= 1;
  return tokens.slice(start, end);
}

function sameNamePart(a: string, b: string): boolean {
  if (a === b) return true;
  // An initial fits any name starting with that letter ("J." ~ "Jane").
  if (a.length === 1) return b.startsWith(a);
  if (b.length === 1) return a.startsWith(b);
  return false;
}

export type NameCheck = 'match' | 'mismatch' | 'unknown';

/**
 * Compares a badge's recipient name with a profile's name. `unknown` when either name has
 * nothing comparable in it (empty, only emoji or titles).
 */
export function compareNames(recipientName: string, profileName: string): NameCheck {
  const recipient = nameTokens(recipientName);
  const profile = nameTokens(profileName);
  if (recipient.length === 0 || profile.length === 0) return 'unknown';
  return namesFit(recipient, profile) ? 'match' : 'mismatch';
}

export function namesMatch(recipientName: string, profileName: string): boolean {
  return compareNames(recipientName, profileName) === 'match';
}

function namesFit(a: string[], b: string[]): boolean {
  if (a.join('') === b.join('')) return true; // "Mary-Jane" ~ "Maryjane", "Van der Berg" ~ "Vanderberg"
  if (a.length === 1 || b.length === 1) {
    // A single name fits only the same single name.
    return a.length === b.length && a[0] === b[0];
  }
  if (!sameNamePart(a[0], b[0])) return false;
  // Surnames: the last word of one must appear among the other's later words, which allows
  // compound surnames given in full on one side only ("García Márquez" ~ "García").
  const lastA = a[a.length - 1];
  const lastB = b[b.length - 1];
  const laterA = a.slice(1);
  const laterB = b.slice(1);
  return (
    sameNamePart(lastA, lastB) ||
    laterB.some((word) => word.length > 1 && word === lastA) ||
    laterA.some((word) => word.length > 1 && word === lastB)
  );
}

/** "Ana María Ruiz" -> first "Ana", last "María Ruiz"; a single word is the first name. */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = fullName.trim().split(/\s+/);
  return { firstName, lastName: rest.join(' ') };
}
