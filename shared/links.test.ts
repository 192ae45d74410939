import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  facebookShareUrl,
  linkedInAddToProfileUrl,
  linkedInFeedShareUrl,
  mailtoShareUrl,
  shareLinks,
  type ShareableBadge,
  utcMonthOf,
  xShareUrl,
} from './links';

const BADGE_URL = 'https://badges.example.org/assertions/q3Jd8xYz_-Ab';
const ENCODED_BADGE_URL = 'https%3A%2F%2Fbadges.example.org%2Fassertions%2Fq3Jd8xYz_-Ab';

function badge(overrides: Partial<ShareableBadge> = {}): ShareableBadge {
  return {
    assertionId: 'q3Jd8xYz_-Ab',
    badgeUrl: BADGE_URL,
    imageUrl: `${BADGE_URL}/image`,
    badgeName: 'Safe Welding Level 2',
    issuerName: 'Northern Welding Society',
    issuedOn: '2025-03-14T10:00:00Z',
    ...overrides,
  };
}

// Run in a time zone far from UTC so that reading local dates instead of UTC ones fails here
// even on a machine (or CI runner) whose zone is UTC. Node applies a changed TZ immediately.
const originalTimeZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
});
afterAll(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

describe('linkedInAddToProfileUrl', () => {
  it('uses organizationName when no LinkedIn organisation id is known, and no expiry params', () => {
    expect(linkedInAddToProfileUrl(badge())).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202' +
        '&organizationName=Northern%20Welding%20Society' +
        '&issueYear=2025&issueMonth=3' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
  });

  it('uses organizationId instead of organizationName when known, and adds expiry params', () => {
    const url = linkedInAddToProfileUrl(
      badge({ issuerLinkedInOrgId: '1337', issuedOn: '2025-01-05T08:00:00Z', expires: '2027-12-01T00:00:00Z' }),
    );
    expect(url).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202' +
        '&organizationId=1337' +
        '&issueYear=2025&issueMonth=1' +
        '&expirationYear=2027&expirationMonth=12' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
  });

  it('uses organizationId without expiry, and organizationName with expiry', () => {
    expect(linkedInAddToProfileUrl(badge({ issuerLinkedInOrgId: '42', expires: null }))).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202&organizationId=42&issueYear=2025&issueMonth=3' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
    expect(linkedInAddToProfileUrl(badge({ issuerLinkedInOrgId: null, expires: '2026-07-31T12:00:00Z' }))).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202&organizationName=Northern%20Welding%20Society' +
        '&issueYear=2025&issueMonth=3&expirationYear=2026&expirationMonth=7' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
  });

  it('numbers months 1 to 12: January is 1 and December is 12', () => {
    const january = linkedInAddToProfileUrl(badge({ issuedOn: '2024-01-01T00:00:00Z' }));
    const december = linkedInAddToProfileUrl(badge({ issuedOn: '2024-12-31T23:59:59Z' }));
    expect(january).toContain('&issueYear=2024&issueMonth=1&');
    expect(december).toContain('&issueYear=2024&issueMonth=12&');
  });

  it('takes dates in UTC across a year boundary, in both directions', () => {
    // 23:30 on 31 December in New York is 04:30 UTC on 1 January.
    expect(linkedInAddToProfileUrl(badge({ issuedOn: '2025-12-31T23:30:00-05:00' }))).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202&organizationName=Northern%20Welding%20Society' +
        '&issueYear=2026&issueMonth=1' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
    // 01:00 on 1 January in Helsinki is still 31 December in UTC; same for the expiry.
    expect(
      linkedInAddToProfileUrl(badge({ issuedOn: '2026-01-01T01:00:00+02:00', expires: '2028-01-01T00:30:00+01:00' })),
    ).toContain('&issueYear=2025&issueMonth=12&expirationYear=2027&expirationMonth=12&');
  });

  it('encodes &, #, accents, non-Latin letters and emoji with encodeURIComponent (spaces as %20)', () => {
    const url = linkedInAddToProfileUrl(
      badge({ badgeName: 'R&D #1 Café ☕ 🚀', issuerName: 'Zoë Ångström & Co.' }),
    );
    expect(url).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=R%26D%20%231%20Caf%C3%A9%20%E2%98%95%20%F0%9F%9A%80' +
        '&organizationName=Zo%C3%AB%20%C3%85ngstr%C3%B6m%20%26%20Co.' +
        '&issueYear=2025&issueMonth=3' +
        `&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
    );
    expect(linkedInAddToProfileUrl(badge({ issuerName: '李小龙' }))).toContain(
      '&organizationName=%E6%9D%8E%E5%B0%8F%E9%BE%99&',
    );
    // The query parses back to exactly the original values.
    const params = new URL(url).searchParams;
    expect(params.get('name')).toBe('R&D #1 Café ☕ 🚀');
    expect(params.get('organizationName')).toBe('Zoë Ångström & Co.');
    expect(new URL(url).hash).toBe('');
  });

  it('falls back to organizationName when the organisation id is empty or not numeric', () => {
    for (const issuerLinkedInOrgId of ['', '   ', 'acme-corp', '12a']) {
      const url = linkedInAddToProfileUrl(badge({ issuerLinkedInOrgId }));
      expect(url).toContain('&organizationName=Northern%20Welding%20Society&');
      expect(url).not.toContain('organizationId');
    }
  });

  it('emits the normalised badge URL as certUrl', () => {
    const url = linkedInAddToProfileUrl(badge({ badgeUrl: 'HTTPS://Badges.Example.ORG/assertions/q3Jd8xYz_-Ab' }));
    expect(url).toContain(`&certUrl=${ENCODED_BADGE_URL}&`);
  });

  it('throws a TypeError for a relative or non-http(s) badge URL', () => {
    for (const badgeUrl of ['/assertions/q3Jd8xYz_-Ab', 'badges.example.org/assertions/x', 'javascript:alert(1)', 'ftp://badges.example.org/x', '']) {
      expect(() => linkedInAddToProfileUrl(badge({ badgeUrl }))).toThrow(TypeError);
    }
  });

  it('throws a TypeError for dates that are not ISO 8601 or lack an offset', () => {
    for (const issuedOn of ['not a date', 'March 14, 2025', '2025-03-14 10:00', '2025-03-14T10:00:00', '2025-13-45T00:00:00Z']) {
      expect(() => linkedInAddToProfileUrl(badge({ issuedOn }))).toThrow(TypeError);
    }
    expect(() => linkedInAddToProfileUrl(badge({ expires: 'soon' }))).toThrow(TypeError);
  });
});

describe('utcMonthOf', () => {
  it('reads date-only strings as UTC and keeps fractional seconds', () => {
    expect(utcMonthOf('2025-02-01')).toEqual({ year: 2025, month: 2 });
    expect(utcMonthOf('2025-11-30T23:59:59.999+00:00')).toEqual({ year: 2025, month: 11 });
  });
});

describe('share links', () => {
  it('builds the LinkedIn feed share URL', () => {
    expect(linkedInFeedShareUrl(BADGE_URL)).toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${ENCODED_BADGE_URL}`,
    );
  });

  it('builds the X share URL with text and url', () => {
    expect(xShareUrl('Proud of this: R&D #1 🚀', BADGE_URL)).toBe(
      `https://twitter.com/intent/tweet?text=Proud%20of%20this%3A%20R%26D%20%231%20%F0%9F%9A%80&url=${ENCODED_BADGE_URL}`,
    );
  });

  it('builds the Facebook share URL', () => {
    expect(facebookShareUrl(BADGE_URL)).toBe(`https://www.facebook.com/sharer/sharer.php?u=${ENCODED_BADGE_URL}`);
  });

  it('builds the mailto URL with an encoded subject and CRLF body', () => {
    expect(mailtoShareUrl('Subject & more', 'Line 1\r\nLine 2?')).toBe(
      'mailto:?subject=Subject%20%26%20more&body=Line%201%0D%0ALine%202%3F',
    );
  });

  it('replaces a lone surrogate instead of throwing a URIError', () => {
    expect(mailtoShareUrl('\uD83D', 'ok')).toBe('mailto:?subject=%EF%BF%BD&body=ok');
  });

  it('rejects non-http(s) URLs in every share link', () => {
    expect(() => linkedInFeedShareUrl('javascript:alert(1)')).toThrow(TypeError);
    expect(() => xShareUrl('hi', '/relative')).toThrow(TypeError);
    expect(() => facebookShareUrl('data:text/html,hi')).toThrow(TypeError);
  });

  it('shareLinks returns every link with the default texts', () => {
    expect(shareLinks(badge())).toEqual({
      linkedinProfile:
        'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' +
        '&name=Safe%20Welding%20Level%202&organizationName=Northern%20Welding%20Society' +
        `&issueYear=2025&issueMonth=3&certUrl=${ENCODED_BADGE_URL}&certId=q3Jd8xYz_-Ab`,
      linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${ENCODED_BADGE_URL}`,
      x:
        'https://twitter.com/intent/tweet' +
        '?text=I%20earned%20the%20Safe%20Welding%20Level%202%20badge%20from%20Northern%20Welding%20Society' +
        `&url=${ENCODED_BADGE_URL}`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${ENCODED_BADGE_URL}`,
      email:
        'mailto:?subject=I%20earned%20the%20Safe%20Welding%20Level%202%20badge%20from%20Northern%20Welding%20Society' +
        '&body=I%20earned%20the%20Safe%20Welding%20Level%202%20badge%20from%20Northern%20Welding%20Society.' +
        `%0D%0A%0D%0ASee%20and%20verify%20it%20here%3A%20${ENCODED_BADGE_URL}`,
    });
  });

  it('shareLinks throws a TypeError for a bad badge URL', () => {
    expect(() => shareLinks(badge({ badgeUrl: 'mailto:someone@example.org' }))).toThrow(TypeError);
  });
});
