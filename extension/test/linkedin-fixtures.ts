// The hand-made LinkedIn fixtures (invented people) and how to fill in their badge URLs.
// Used by the unit tests (happy-dom), the real-browser test's fixture server and the bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = {
  'member-profile': '/in/amara-okafor-4b1a2c/',
  'guest-profile': '/in/amara-okafor-4b1a2c/',
  'details-certifications': '/in/amara-okafor-4b1a2c/details/certifications/',
  'redesign-profile': '/in/amara-okafor-4b1a2c/',
  'second-profile': '/in/tomas-lindqvist-77c0de/',
  /** Badges of other sites only (no placeholders): their documents are served by the foreign-badge e2e test. */
  'foreign-profile': '/in/rosa-example-5e6f7a/',
} as const;
export type FixtureName = keyof typeof FIXTURES;

export const BADGE_SLOTS = ['VALID', 'EXPIRED', 'REVOKED', 'MISMATCH', 'NOT_FOUND', 'SECOND_VALID'] as const;
export type BadgeSlot = (typeof BADGE_SLOTS)[number];
export type BadgeUrls = Record<BadgeSlot, string>;

/** The profile names the fixtures show, and the recipient names their badges carry. */
export const PEOPLE = {
  profile: 'Amara Okafor',
  secondProfile: 'Tomás Lindqvist',
  recipients: {
    VALID: 'Amara N. Okafor',
    EXPIRED: 'Okafor, Amara',
    REVOKED: 'Amara Okafor',
    MISMATCH: 'Daniel Whitford',
    SECOND_VALID: 'Tomas Lindqvist',
  },
} as const;

export function readFixture(name: FixtureName): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'linkedin', `${name}.html`), 'utf8');
}

/**
 * Fills `{{SLOT}}`, `{{SLOT|redirect}}` (LinkedIn's redirect wrapper) and `{{SLOT|trk}}` (a
 * tracking parameter) with badge URLs, escaped for an HTML attribute.
 */
export function fillFixture(html: string, urls: BadgeUrls): string {
  return html.replace(/\{\{([A-Z_]+)(?:\|(redirect|trk))?\}\}/g, (_match, slot: string, form?: string) => {
    const url = urls[slot as BadgeSlot];
    if (!url) throw new Error(`No URL for fixture slot ${slot}`);
    let href = url;
    if (form === 'redirect') href = `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(url)}&urlhash=Zk3q&trk=public_profile_see-credential`;
    if (form === 'trk') href = `${url}${url.includes('?') ? '&' : '?'}trk=public_profile_see-credential`;
    return href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  });
}

export function loadFixture(name: FixtureName, urls: BadgeUrls): string {
  return fillFixture(readFixture(name), urls);
}
