// The social card's text: names in every script drawn with real glyphs (no missing-glyph boxes),
// and long lines wrapped or shortened with "…" inside the card, the demo data's longest names included.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { layoutLine, lineAsSvgPaths, undrawableCodePoints, type LineLayout } from '../src/fonts/text';
import { OG_TEXT_WIDTH, ogCardLines, ogCardSvg } from '../src/openbadges/og';
import { generateBadgeSvg, rasterise } from '../src/openbadges/images';
import { demoData } from '../src/seed/demo-data';

const NAMES: Record<string, string> = {
  Chinese: '陈静怡',
  Japanese: '山本 さくら',
  Korean: '김서연',
  Arabic: 'ليلى حداد',
  Hebrew: 'נועה לוי',
  Cyrillic: 'Светлана Кузнецова',
  Greek: 'Ελένη Παπαδοπούλου',
  Devanagari: 'प्रिया शर्मा',
  'Latin with diacritics': 'Zoë Łukasiewicz-Nguyễn',
};

const CARD = { badgeName: 'Certified Welding Inspector', issuerName: 'Guild of Test Welders', category: 'certification' as const, host: 'badges.example.org' };

/** Black pixels of an SVG fragment drawn on a white 600×80 canvas. */
function ink(fragment: string): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80"><rect width="600" height="80" fill="#fff"/><g fill="#000">${fragment}</g></svg>`;
  const { pixels } = new Resvg(svg).render();
  const dark = new Uint8Array(pixels.length / 4);
  for (let index = 0; index < dark.length; index++) dark[index] = pixels[index * 4] < 128 ? 1 : 0;
  return dark;
}

/** The same line with every glyph replaced by the font's missing-glyph box (glyph 0), at the same places. */
function asTofu(line: LineLayout): LineLayout {
  return {
    ...line,
    runs: line.runs.map((run) => ({
      ...run,
      glyphs: { ...run.glyphs, glyphs: run.glyphs.glyphs.map(() => run.face.font.getGlyph(0)) },
    })),
  };
}

describe('the social card in every script', () => {
  for (const [script, name] of Object.entries(NAMES)) {
    it(`draws a ${script} name with real glyphs`, () => {
      expect(undrawableCodePoints(name, 400)).toEqual([]);
      const line = ogCardLines({ ...CARD, recipientName: name }).find((candidate) => candidate.text.startsWith('Earned by'))!;
      expect(line.text).toBe(`Earned by ${name}`);
      const layout = layoutLine(name, 400, 30);
      // Every glyph is one the font has: glyph 0 is the missing-glyph box.
      for (const run of layout.runs) expect(run.glyphs.glyphs.map((glyph) => glyph.id)).not.toContain(0);
      // Drawn, the name leaves ink, and not the ink of a row of boxes.
      const drawn = ink(lineAsSvgPaths(layout, 10, 50, 30));
      const boxes = ink(lineAsSvgPaths(asTofu(layout), 10, 50, 30));
      const inked = drawn.reduce((sum, value) => sum + value, 0);
      const differing = drawn.reduce((sum, value, index) => sum + (value !== boxes[index] ? 1 : 0), 0);
      expect(inked).toBeGreaterThan(150);
      expect(differing / inked).toBeGreaterThan(0.5);
    });
  }

  it('lays right-to-left names out right to left, after a left-to-right label', () => {
    const layout = layoutLine('Earned by ليلى حداد', 400, 30);
    expect(layout.runs.map((run) => run.text)).toEqual(['Earned by ', 'ليلى حداد']);
    // fontkit shapes Arabic into joining forms and returns the glyphs right to left: the first
    // glyph drawn is the last letter, د in its isolated form.
    const arabic = layout.runs[1].glyphs.glyphs;
    expect(arabic[0].codePoints).toEqual(['د'.codePointAt(0)]);
    expect(arabic.at(-1)!.codePoints).toEqual(['ل'.codePointAt(0)]);
    // Two right-to-left words in a left-to-right line: the first word's first letter is drawn
    // right of the second word's last letter.
    const xs: { codePoints: number[]; x: number }[] = [];
    for (const run of layoutLine('by ليلى حداد', 400, 30).runs) {
      let pen = run.x;
      run.glyphs.glyphs.forEach((glyph, index) => {
        xs.push({ codePoints: glyph.codePoints, x: pen });
        pen += (run.glyphs.positions[index].xAdvance * 30) / run.face.font.unitsPerEm;
      });
    }
    const xOf = (char: string) => xs.filter((glyph) => glyph.codePoints.includes(char.codePointAt(0)!)).map((glyph) => glyph.x);
    expect(Math.max(...xOf('ل'))).toBeGreaterThan(Math.min(...xOf('د')));
    expect(Math.min(...xOf('ل'))).toBeGreaterThan(Math.max(...xOf('ح')));
  });
});

describe('long lines on the social card', () => {
  const longest = (values: string[]) => values.reduce((a, b) => (b.length > a.length ? b : a));
  const demo = {
    issuerName: longest(demoData.issuers.map((issuer) => issuer.profile.name)),
    badgeName: longest(demoData.issuers.flatMap((issuer) => issuer.badges.map((badge) => badge.badge.name))),
    recipientName: longest(demoData.earners.map((earner) => earner.name)),
  };

  it('fits the longest names of the demo data whole, each line inside the card', () => {
    const lines = ogCardLines({ ...CARD, ...demo });
    for (const line of lines) expect(layoutLine(line.text, line.weight, line.size).width, line.text).toBeLessThanOrEqual(OG_TEXT_WIDTH);
    const issued = lines.filter((line) => line.size === 30 && !line.text.startsWith('Earned by'));
    expect(issued.map((line) => line.text).join(' ')).toBe(`Issued by ${demo.issuerName}`);
    const name = lines.filter((line) => line.weight === 700 && line.size > 26);
    expect(name.map((line) => line.text).join(' ')).toBe(demo.badgeName);
    expect(lines.some((line) => line.text === `Earned by ${demo.recipientName}`)).toBe(true);
    expect(lines.every((line) => !line.text.includes('…'))).toBe(true);
  });

  it('shortens what is longer than its lines with "…", and keeps the lines above the footer', () => {
    const issuerName = 'The Consolidated International Association of Structural, Pipeline and Underwater Welding Inspectors and Examiners';
    const lines = ogCardLines({ ...CARD, badgeName: `${demo.badgeName} `.repeat(4).trim(), issuerName, recipientName: 'Maximiliana Theodora Wolfeschlegelsteinhausenbergerdorff' });
    for (const line of lines) expect(layoutLine(line.text, line.weight, line.size).width, line.text).toBeLessThanOrEqual(OG_TEXT_WIDTH);
    const issued = lines.filter((line) => line.size === 30 && !line.text.startsWith('Earned by'));
    expect(issued).toHaveLength(2);
    expect(issued[1].text.endsWith('…')).toBe(true);
    expect(`Issued by ${issuerName}`.startsWith(issued.map((line) => line.text).join(' ').replace(/…$/, ''))).toBe(true);
    expect(lines.filter((line) => line.weight === 700 && line.size > 26)).toHaveLength(3);
    const footer = lines.at(-1)!;
    expect(footer.text).toBe('Verify at badges.example.org');
    for (const line of lines.slice(0, -1)) expect(line.y).toBeLessThan(footer.y - footer.size);
  });

  it('renders through the limited rasteriser at 1200×627', async () => {
    const badgePng = await rasterise(generateBadgeSvg({ name: 'Certified Welding Inspector', category: 'certification' }), 400);
    const png = await rasterise(ogCardSvg({ ...CARD, ...demo, recipientName: NAMES.Arabic, badgePng }), 1200);
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(627);
  });
});
