// The chips and the card must stay readable: WCAG AA (4.5:1) in the light and the dark theme.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'overlay.css'), 'utf8');

function variables(blockStart: string): Record<string, string> {
  const start = css.indexOf(blockStart);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1], match[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((index) => {
    const channel = parseInt(hex.slice(index, index + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const themes = {
  light: { vars: variables('.overlay {'), page: '#ffffff' },
  dark: { vars: variables(".overlay[data-theme='dark'] {"), page: '#1b1f23' }, // LinkedIn's dark card
};

describe.each(Object.entries(themes))('%s theme', (_name, { vars, page }) => {
  test.each(['verified', 'warning', 'danger', 'neutral'])('%s chip text on its background', (tone) => {
    expect(vars[`${tone}-fg`]).toBeDefined();
    expect(contrast(vars[`${tone}-fg`], vars[`${tone}-bg`])).toBeGreaterThanOrEqual(4.5);
  });

  test('card text, muted text and link', () => {
    for (const name of ['card-fg', 'card-muted', 'link']) expect(contrast(vars[name], vars['card-bg']), name).toBeGreaterThanOrEqual(4.5);
  });

  test('the Retry link and the source line on LinkedIn’s own card background', () => {
    expect(contrast(vars.link, page)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(vars['card-muted'], page)).toBeGreaterThanOrEqual(4.5);
  });
});
