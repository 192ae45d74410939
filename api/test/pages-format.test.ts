import { describe, expect, it } from 'vitest';
import { formatDate, paragraphs, plural, safeHref, truncate, validityText } from '../src/pages/format';
import { STYLES, TEXT_PAIRS, contrastRatio, darkPalette, lightPalette } from '../src/pages/theme';

describe('page formatting', () => {
  it('formats dates as day, month name and year in UTC', () => {
    expect(formatDate('2025-03-12T10:00:00.000Z')).toBe('12 March 2025');
    // 23:30 in New York on the 12th is already the 13th in UTC.
    expect(formatDate('2025-03-12T23:30:00-05:00')).toBe('13 March 2025');
    expect(formatDate('2024-12-31T23:59:59.999Z')).toBe('31 December 2024');
  });

  it('keeps only http(s) links', () => {
    expect(safeHref('https://example.test/a?b=1')).toBe('https://example.test/a?b=1');
    expect(safeHref('http://example.test')).toBe('http://example.test/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>x</script>')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(safeHref(null)).toBeNull();
  });

  it('truncates at a word boundary without splitting characters', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four five', 12)).toBe('one two…');
    const emoji = '🎖️'.repeat(10);
    const cut = truncate(emoji, 5);
    expect(Array.from(cut)).toHaveLength(5);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('words counts, validity and paragraphs', () => {
    expect(plural(1, 'badge')).toBe('1 badge');
    expect(plural(3, 'badge')).toBe('3 badges');
    expect(validityText(24)).toBe('Valid for 24 months after issue');
    expect(validityText(1)).toBe('Valid for 1 month after issue');
    expect(validityText(null)).toBe('Does not expire');
    expect(paragraphs('First.\nstill first.\n\n  \n\nSecond.')).toEqual(['First.\nstill first.', 'Second.']);
  });
});

describe('page theme', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it.each([
    ['light', lightPalette],
    ['dark', darkPalette],
  ])('gives every text colour at least AA contrast (4.5:1) in the %s scheme', (_name, palette) => {
    for (const [foreground, background] of TEXT_PAIRS) {
      const ratio = contrastRatio(palette[foreground], palette[background]);
      expect(ratio, `${foreground} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('puts both schemes in the stylesheet and loads nothing from outside', () => {
    expect(STYLES).toContain(`--valid-text:${lightPalette.validText}`);
    expect(STYLES).toMatch(/@media \(prefers-color-scheme:dark\)\{:root\{[^}]*--valid-text:#a9e8b7/);
    expect(STYLES).not.toMatch(/@import|url\(/);
  });
});
