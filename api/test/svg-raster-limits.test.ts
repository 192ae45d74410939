// The limited rasterising path: size checks before drawing, and a renderer process that is killed
// when it runs over time or over memory (resvg is native code: nothing else can stop it).
import { describe, expect, it } from 'vitest';
import { rasterise, RasteriseError } from '../src/openbadges/rasterise';
import { generateBadgeSvg } from '../src/openbadges/images';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
/** Morphology with a large radius: seconds to minutes of CPU in resvg for a few bytes of SVG. */
const SLOW_SVG = `<svg ${NS} width="100" height="100"><filter id="f"><feMorphology radius="100"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>`;
/** A filter region 200 times the element: resvg asks for tens of gigabytes. */
const MEMORY_BOMB_SVG = `<svg ${NS} width="100" height="100"><filter id="f" x="-100" y="-100" width="200" height="200"><feFlood flood-color="red"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>`;

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'rendered';
  } catch (error) {
    return error instanceof RasteriseError ? `${error.reason}: ${error.message}` : `unexpected: ${String(error)}`;
  }
}

describe('rasterise', () => {
  it('draws an allowed SVG at the requested width', async () => {
    const png = await rasterise(generateBadgeSvg({ name: 'Advanced MIG Welding', category: 'skill' }), 256);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    // Not a blank canvas: the drawing differs from an empty image of the same size.
    expect(png.equals(await rasterise(`<svg ${NS} width="512" height="512"/>`, 256))).toBe(false);
  });

  it('refuses a tall SVG and a huge-pixel SVG before drawing anything', async () => {
    expect(await failureOf(rasterise(`<svg ${NS} width="10" height="1000000"/>`, 512))).toMatch(/^invalid: .*height of 1000000/);
    expect(await failureOf(rasterise(`<svg ${NS} width="100" height="16000"/>`, 512))).toMatch(/^too_large: .*512×81920 pixels/);
    expect(await failureOf(rasterise(`<svg ${NS} viewBox="0 0 1 10000"/>`, 1200))).toMatch(/^too_large/);
  });

  it('refuses SVGs outside the allow-list', async () => {
    expect(await failureOf(rasterise(`<svg ${NS}><script>alert(1)</script></svg>`, 64))).toMatch(/^invalid: .*<script> element/);
  });

  it('kills a render that runs over its time limit, and the next render works', async () => {
    const before = process.memoryUsage().rss;
    expect(await failureOf(rasterise(SLOW_SVG, 512, { timeLimitMs: 300 }))).toMatch(/^timeout: drawing the image took longer than 300 ms/);
    const png = await rasterise(`<svg ${NS} width="8" height="8"><rect width="8" height="8"/></svg>`, 8);
    expect(png.readUInt32BE(16)).toBe(8);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  // The memory cap is RLIMIT_DATA through `ulimit -d` (Linux, where this project runs).
  it('stops a render that asks for too much memory without the server growing', async () => {
    const before = process.memoryUsage().rss;
    expect(await failureOf(rasterise(MEMORY_BOMB_SVG, 512, { timeLimitMs: 20_000 }))).toMatch(/^crashed: .*too much memory/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    const png = await rasterise(`<svg ${NS} width="8" height="8"/>`, 16);
    expect(png.readUInt32BE(16)).toBe(16);
  });

  it('runs renders side by side and in order when more arrive than there are renderers', async () => {
    const sizes = [16, 24, 32, 40, 48];
    const pngs = await Promise.all(sizes.map((size) => rasterise(`<svg ${NS} width="4" height="4"><circle r="2" cx="2" cy="2"/></svg>`, size)));
    expect(pngs.map((png) => png.readUInt32BE(16))).toEqual(sizes);
  });
});
