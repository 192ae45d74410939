// The popup's pure helpers: search, states, dates, profile coverage, and a text for every failure.
import { describe, expect, test } from 'vitest';
import type { MeBadge } from '../../shared/schemas/earners';
import { EARNER_FAILURES } from '../../shared/schemas/popup';
import { ageLabel, badgeState, failureText, filterBadges, isOwnProfile, isShareable, issuedLabel, newestFirst, profileCoverage } from './model';

function badge(overrides: Partial<MeBadge> & { id: string }): MeBadge {
  return {
    url: `https://badges.example/assertions/${overrides.id}`,
    imageUrl: `https://badges.example/assertions/${overrides.id}/image.png`,
    name: 'GTAW Pipe 6G',
    description: '',
    issuer: { id: 'i1', name: 'Northbridge Welding Society', url: 'https://northbridge.example' },
    recipientName: 'Dana Demo',
    issuedOn: '2025-03-10T12:00:00.000Z',
    expires: null,
    claimState: 'accepted',
    status: 'valid',
    isPublic: true,
    revocationReason: null,
    credentialUrl: `https://badges.example/credentials/${overrides.id}`,
    ...overrides,
  };
}

describe('popup model', () => {
  test('newest first, ties by id', () => {
    const badges = [badge({ id: 'b', issuedOn: '2024-01-01T00:00:00Z' }), badge({ id: 'c', issuedOn: '2025-01-01T00:00:00Z' }), badge({ id: 'a', issuedOn: '2024-01-01T00:00:00Z' })];
    expect(newestFirst(badges).map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });

  test('search matches every word in name or issuer, ignoring case and accents', () => {
    const badges = [badge({ id: 'a', name: 'Soudure à l’arc' }), badge({ id: 'b', name: 'Hot Work Safety', issuer: { id: 'i2', name: 'Ironclad Safety Training', url: '' } })];
    expect(filterBadges(badges, 'SOUDURE a').map((item) => item.id)).toEqual(['a']);
    expect(filterBadges(badges, 'ironclad hot').map((item) => item.id)).toEqual(['b']);
    expect(filterBadges(badges, '  ')).toHaveLength(2);
    expect(filterBadges(badges, 'ironclad soudure')).toEqual([]);
  });

  test('state: revoked over pending over declined over expired; private shown', () => {
    expect(badgeState(badge({ id: 'a', status: 'revoked', claimState: 'pending' })).label).toBe('Revoked');
    expect(badgeState(badge({ id: 'a', claimState: 'pending' })).label).toBe('Pending');
    expect(badgeState(badge({ id: 'a', claimState: 'declined', status: 'expired' })).label).toBe('Declined');
    expect(badgeState(badge({ id: 'a', status: 'expired' })).label).toBe('Expired');
    expect(badgeState(badge({ id: 'a', isPublic: false })).label).toBe('Valid · private');
  });

  test('a self-claimed badge says so, is never valid, and is not offered for LinkedIn or sharing', () => {
    const selfClaimed = badge({ id: 's', status: 'self_claimed', credentialUrl: null });
    expect(badgeState(selfClaimed)).toEqual({ label: 'Self-claimed — not verified', tone: 'muted' });
    expect(issuedLabel(selfClaimed)).toBe('Claimed by you March 2025');
    expect(isShareable(selfClaimed)).toBe(false);
    expect(isShareable(badge({ id: 'v' }))).toBe(true);
    // A profile lacking it is not told to add it.
    expect(profileCoverage([selfClaimed, badge({ id: 'v' })], []).missing.map((item) => item.id)).toEqual(['v']);
  });

  test('dates in UTC months', () => {
    expect(issuedLabel(badge({ id: 'a', issuedOn: '2025-03-31T23:30:00Z' }))).toBe('Issued March 2025');
    expect(issuedLabel(badge({ id: 'a', expires: '2028-03-01T00:00:00Z' }))).toBe('Issued March 2025 · valid until March 2028');
    expect(issuedLabel(badge({ id: 'a', status: 'expired', expires: '2025-09-01T00:00:00Z' }))).toBe('Issued March 2025 · expired September 2025');
  });

  test('dates and ages in the reader’s language', () => {
    try {
      document.documentElement.lang = 'de';
      expect(issuedLabel(badge({ id: 'a', issuedOn: '2025-03-31T23:30:00Z' }))).toBe('Issued März 2025');
      expect(ageLabel('2026-01-02T09:00:00Z', new Date('2026-01-02T12:00:00Z'))).toBe('vor 3 Stunden');
    } finally {
      document.documentElement.lang = '';
    }
  });

  test('age of the shown list', () => {
    const now = new Date('2026-01-02T12:00:00Z');
    expect(ageLabel('2026-01-02T11:59:30Z', now)).toBe('just now');
    expect(ageLabel('2026-01-02T11:59:00Z', now)).toBe('1 minute ago');
    expect(ageLabel('2026-01-02T09:00:00Z', now)).toBe('3 hours ago');
    expect(ageLabel('2025-12-30T09:00:00Z', now)).toBe('on Dec 30, 2025');
  });

  test('profile coverage: plain, tracked, trailing-slash and redirected links; only shareable badges count', () => {
    const badges = [badge({ id: 'a' }), badge({ id: 'b' }), badge({ id: 'c' }), badge({ id: 'p', claimState: 'pending' }), badge({ id: 'r', status: 'revoked' })];
    const links = [
      'https://badges.example/assertions/a?trk=cert',
      `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent('https://badges.example/assertions/b/')}`,
      'https://badges.example/assertions/p',
      'https://elsewhere.example/assertions/c',
    ];
    const { present, missing } = profileCoverage(badges, links);
    expect(present.map((item) => item.id)).toEqual(['a', 'b']);
    expect(missing.map((item) => item.id)).toEqual(['c']);
  });

  test('own profile: a linked badge, or the recipient’s name', () => {
    const badges = [badge({ id: 'a', recipientName: 'Dana Demo' })];
    expect(isOwnProfile(badges, { links: ['https://badges.example/assertions/a'], name: 'Someone' })).toBe(true);
    expect(isOwnProfile(badges, { links: [], name: 'Dana Demo' })).toBe(true);
    expect(isOwnProfile(badges, { links: [], name: 'Amara Okafor' })).toBe(false);
    expect(isOwnProfile(badges, { links: [], name: null })).toBe(false);
  });

  test('every failure has words for what happened and what to do; the API’s advice wins where it has one', () => {
    for (const failure of EARNER_FAILURES) {
      const text = failureText(failure, 'https://badges.example');
      expect(text.title.length, failure).toBeGreaterThan(5);
      expect(text.advice.length, failure).toBeGreaterThan(5);
    }
    expect(failureText('unreachable', 'https://badges.example').title).toContain('https://badges.example');
    expect(failureText('rate_limited', 'x', 'Try again in 30 seconds.').advice).toBe('Try again in 30 seconds.');
    expect(failureText('locked', 'x', 'This account is locked after 10 failed sign-in attempts.').advice).not.toContain('locked');
  });
});
