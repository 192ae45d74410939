import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShareableBadge } from './links';
import {
  emailSignatureHtml,
  emailSignatureText,
  markdownLine,
  RESUME_CARD_IMAGE_SIZE,
  resumeCardHtml,
  SIGNATURE_IMAGE_SIZE_LARGE,
  SIGNATURE_IMAGE_SIZE_SMALL,
  SIGNATURE_IMAGE_SIZES,
} from './snippets';

const BADGE_URL = 'https://badges.example.org/assertions/q3Jd8xYz_-Ab';
const IMAGE_URL = 'https://badges.example.org/assertions/q3Jd8xYz_-Ab/image';

function badge(overrides: Partial<ShareableBadge> = {}): ShareableBadge {
  return {
    assertionId: 'q3Jd8xYz_-Ab',
    badgeUrl: BADGE_URL,
    imageUrl: IMAGE_URL,
    badgeName: 'Safe Welding Level 2',
    issuerName: 'Northern Welding Society',
    issuedOn: '2025-03-14T10:00:00Z',
    ...overrides,
  };
}

const HOSTILE_NAME = '<script>alert(1)</script> & "x"';
const HOSTILE_ISSUER = `O'Brien & <Sons> <img src=x onerror=alert(2)>`;

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** Parses the snippet the way a mail client or browser would. */
function parse(html: string) {
  const w = new Window();
  windows.push(w);
  w.document.body.innerHTML = html;
  return w.document.body;
}

type Body = ReturnType<typeof parse>;

/** Checks that hold for every HTML snippet: no classes/stylesheets/scripts, absolute http(s) URLs. */
function expectPasteSafe(body: Body) {
  expect(body.querySelectorAll('[class]')).toHaveLength(0);
  expect(body.querySelectorAll('style, link, script')).toHaveLength(0);
  for (const element of body.querySelectorAll('[href], [src]')) {
    for (const attribute of ['href', 'src']) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      expect(value).toMatch(/^https?:\/\//);
      expect(new URL(value).protocol).toMatch(/^https?:$/);
    }
  }
  // No event-handler attributes anywhere (a sign that escaping let markup through).
  for (const element of body.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on')).toBe(false);
    }
  }
}

describe('emailSignatureHtml', () => {
  it('exports the image sizes', () => {
    expect(SIGNATURE_IMAGE_SIZE_SMALL).toBe(48);
    expect(SIGNATURE_IMAGE_SIZE_LARGE).toBe(96);
    expect(SIGNATURE_IMAGE_SIZES).toEqual({ small: 48, large: 96 });
  });

  for (const [size, pixels] of [['small', 48], ['large', 96]] as const) {
    it(`builds a presentation table with a linked ${pixels}px image (${size})`, () => {
      const body = parse(emailSignatureHtml(badge(), { size }));
      expectPasteSafe(body);

      const table = body.querySelector('table');
      expect(table).not.toBeNull();
      expect(table!.getAttribute('role')).toBe('presentation');
      expect(table!.getAttribute('cellpadding')).toBe('0');
      expect(table!.getAttribute('cellspacing')).toBe('0');
      expect(table!.getAttribute('border')).toBe('0');

      const img = body.querySelector('a[href] > img');
      expect(img).not.toBeNull();
      expect(img!.parentElement!.getAttribute('href')).toBe(BADGE_URL);
      expect(img!.getAttribute('src')).toBe(IMAGE_URL);
      expect(img!.getAttribute('width')).toBe(String(pixels));
      expect(img!.getAttribute('height')).toBe(String(pixels));
      expect(img!.getAttribute('border')).toBe('0');
      expect(img!.getAttribute('alt')).toBe('Safe Welding Level 2 badge issued by Northern Welding Society');
      const style = img!.getAttribute('style')!;
      expect(style).toContain(`width:${pixels}px`);
      expect(style).toContain(`height:${pixels}px`);

      expect(body.querySelectorAll('td')).toHaveLength(2);
      expect(body.textContent).toBe('Safe Welding Level 2Northern Welding Society');
      const links = body.querySelectorAll('a[href]');
      expect(links).toHaveLength(2);
      for (const link of links) expect(link.getAttribute('href')).toBe(BADGE_URL);
    });
  }

  it('leaves the text out when showText is false', () => {
    const body = parse(emailSignatureHtml(badge(), { size: 'small', showText: false }));
    expectPasteSafe(body);
    expect(body.querySelectorAll('td')).toHaveLength(1);
    expect(body.querySelectorAll('img')).toHaveLength(1);
    expect(body.textContent).toBe('');
  });

  it('shows a hostile badge name as text without creating elements or breaking attributes', () => {
    const html = emailSignatureHtml(badge({ badgeName: HOSTILE_NAME, issuerName: HOSTILE_ISSUER }), { size: 'large' });
    expect(html).not.toContain('<script');
    const body = parse(html);
    expectPasteSafe(body);
    expect(body.querySelectorAll('img')).toHaveLength(1);
    expect(body.querySelectorAll('a')).toHaveLength(2);
    const img = body.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe(`${HOSTILE_NAME} badge issued by ${HOSTILE_ISSUER}`);
    expect(img.getAttribute('width')).toBe('96');
    expect(img.getAttributeNames().sort()).toEqual(['alt', 'border', 'height', 'src', 'style', 'width']);
    expect(body.textContent).toBe(`${HOSTILE_NAME}${HOSTILE_ISSUER}`);
  });

  it('keeps accents, non-Latin letters and emoji intact', () => {
    const body = parse(
      emailSignatureHtml(badge({ badgeName: 'Soudure niveau 2 🔥', issuerName: 'Zoë Ångström · 李小龙' }), {
        size: 'small',
      }),
    );
    expect(body.textContent).toBe('Soudure niveau 2 🔥Zoë Ångström · 李小龙');
    expect(body.querySelector('img')!.getAttribute('alt')).toBe('Soudure niveau 2 🔥 badge issued by Zoë Ångström · 李小龙');
  });

  it('throws a TypeError for non-http(s) or relative URLs', () => {
    expect(() => emailSignatureHtml(badge({ badgeUrl: 'javascript:alert(1)' }), { size: 'small' })).toThrow(TypeError);
    expect(() => emailSignatureHtml(badge({ imageUrl: '/assertions/x/image' }), { size: 'small' })).toThrow(TypeError);
    expect(() => emailSignatureHtml(badge({ imageUrl: 'data:image/png;base64,AAAA' }), { size: 'large' })).toThrow(
      TypeError,
    );
  });

  it('throws a TypeError for an unknown size', () => {
    expect(() => emailSignatureHtml(badge(), { size: 'huge' as 'small' })).toThrow(TypeError);
  });
});

describe('emailSignatureText', () => {
  it('is "<badge> — <issuer>" and a Verify line', () => {
    expect(emailSignatureText(badge({ issuerName: 'Zoë Ångström & Co.' }))).toBe(
      `Safe Welding Level 2 — Zoë Ångström & Co.\nVerify: ${BADGE_URL}`,
    );
  });
});

describe('resumeCardHtml', () => {
  it('shows image, name, issuer, UTC issue month and a Verify link', () => {
    const body = parse(resumeCardHtml(badge({ issuedOn: '2025-03-31T22:00:00-05:00' })));
    expectPasteSafe(body);
    expect(body.querySelector('table')!.getAttribute('role')).toBe('presentation');

    const img = body.querySelector('a[href] > img')!;
    expect(img.getAttribute('src')).toBe(IMAGE_URL);
    expect(img.getAttribute('width')).toBe(String(RESUME_CARD_IMAGE_SIZE));
    expect(img.getAttribute('height')).toBe(String(RESUME_CARD_IMAGE_SIZE));
    expect(img.getAttribute('alt')).toBe('Safe Welding Level 2 badge issued by Northern Welding Society');

    const lines = [...body.querySelectorAll('div')].map((div) => div.textContent);
    // 22:00 on 31 March at UTC-5 is already April in UTC.
    expect(lines).toEqual(['Safe Welding Level 2', 'Issued by Northern Welding Society', 'Issued April 2025', 'Verify']);

    const verify = [...body.querySelectorAll('a')].find((a) => a.textContent === 'Verify');
    expect(verify?.getAttribute('href')).toBe(BADGE_URL);
  });

  it('adds the expiry month and the recipient when known', () => {
    const body = parse(
      resumeCardHtml(badge({ issuedOn: '2024-12-01T00:00:00Z', expires: '2027-01-15T00:00:00Z', recipientName: 'Zoë Ångström' })),
    );
    const lines = [...body.querySelectorAll('div')].map((div) => div.textContent);
    expect(lines).toEqual([
      'Safe Welding Level 2',
      'Issued by Northern Welding Society',
      'Issued December 2024 · Valid until January 2027',
      'Earned by Zoë Ångström',
      'Verify',
    ]);
  });

  it('escapes hostile names in text and attributes', () => {
    const html = resumeCardHtml(badge({ badgeName: HOSTILE_NAME, issuerName: HOSTILE_ISSUER, recipientName: '"><b>x</b>' }));
    expect(html).not.toContain('<script');
    const body = parse(html);
    expectPasteSafe(body);
    expect(body.querySelectorAll('img')).toHaveLength(1);
    expect(body.querySelectorAll('b')).toHaveLength(0);
    expect(body.querySelector('img')!.getAttribute('alt')).toBe(`${HOSTILE_NAME} badge issued by ${HOSTILE_ISSUER}`);
    const lines = [...body.querySelectorAll('div')].map((div) => div.textContent);
    expect(lines).toEqual([HOSTILE_NAME, `Issued by ${HOSTILE_ISSUER}`, 'Issued March 2025', 'Earned by "><b>x</b>', 'Verify']);
  });

  it('throws a TypeError for a non-http(s) badge or image URL', () => {
    expect(() => resumeCardHtml(badge({ badgeUrl: 'vbscript:msgbox' }))).toThrow(TypeError);
    expect(() => resumeCardHtml(badge({ imageUrl: 'image.png' }))).toThrow(TypeError);
  });
});

describe('markdownLine', () => {
  it('builds the linked image, bold name, issuer and verify link', () => {
    expect(markdownLine(badge())).toBe(
      '[![Safe Welding Level 2 badge issued by Northern Welding Society]' +
        '(https://badges.example.org/assertions/q3Jd8xYz_-Ab/image)]' +
        '(https://badges.example.org/assertions/q3Jd8xYz_-Ab)' +
        ' **Safe Welding Level 2** — Northern Welding Society' +
        ' ([verify](https://badges.example.org/assertions/q3Jd8xYz_-Ab))',
    );
  });

  it('escapes Markdown characters in text and encodes ")" and spaces in URLs', () => {
    const line = markdownLine(
      badge({
        badgeName: '*Bold* [link](x) _R&D_ <b>',
        issuerName: 'Zoë | 李小龙 ~ 🚀\nnext line',
        badgeUrl: 'https://badges.example.org/assertions/a(b)c d',
        imageUrl: 'https://cdn.example.org/img (1).png',
      }),
    );
    expect(line).toBe(
      '[![\\*Bold\\* \\[link\\](x) \\_R\\&D\\_ \\<b\\> badge issued by Zoë \\| 李小龙 \\~ 🚀 next line]' +
        '(https://cdn.example.org/img%20%281%29.png)]' +
        '(https://badges.example.org/assertions/a%28b%29c%20d)' +
        ' **\\*Bold\\* \\[link\\](x) \\_R\\&D\\_ \\<b\\>** — Zoë \\| 李小龙 \\~ 🚀 next line' +
        ' ([verify](https://badges.example.org/assertions/a%28b%29c%20d))',
    );
  });

  it('throws a TypeError for a non-http(s) URL', () => {
    expect(() => markdownLine(badge({ badgeUrl: 'javascript:alert(1)' }))).toThrow(TypeError);
  });
});
