import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { bakePng, bakeSvg, InvalidSvgError, unbakePng, unbakeSvg } from '../src/openbadges/bake';
import { generateBadgeSvg, rasterise } from '../src/openbadges/images';
import { InvalidPngError, readPngChunks, writePng } from '../src/openbadges/png';

const assertionJson = JSON.stringify({
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://badges.test/assertions/abc',
  narrative: 'Tricky text: ]]> and <tags> & "quotes", ünïcödé ✓',
});

let badgePng: Buffer | null = null;
async function samplePng(): Promise<Buffer> {
  badgePng ??= await rasterise(generateBadgeSvg({ name: 'Sample Badge', category: 'skill' }), 128);
  return badgePng;
}

/** Checks every chunk's CRC independently of the code under test (CRC-32 over type + data). */
function expectValidCrcs(png: Buffer) {
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData) >>> 0);
    offset += 12 + length;
  }
  expect(offset).toBe(png.length);
}

describe('PNG baking', () => {
  it('bakes an uncompressed iTXt "openbadges" chunk before IEND and unbakes exactly the same text', async () => {
    const png = await samplePng();
    const baked = bakePng(png, assertionJson);
    expect(unbakePng(baked)).toBe(assertionJson);
    const chunks = readPngChunks(baked);
    expect(chunks.at(-1)!.type).toBe('IEND');
    const itxt = chunks.at(-2)!;
    expect(itxt.type).toBe('iTXt');
    expect(itxt.data.subarray(0, 'openbadges'.length + 5)).toEqual(Buffer.from('openbadges\0\0\0\0\0', 'latin1'));
    expect(itxt.data.subarray('openbadges'.length + 5).toString('utf8')).toBe(assertionJson);
    expectValidCrcs(baked);
    expect(unbakePng(png)).toBeNull();
  });

  it('replaces an earlier openbadges chunk instead of adding a second one', async () => {
    const twice = bakePng(bakePng(await samplePng(), '{"old":true}'), assertionJson);
    const texts = readPngChunks(twice).filter((chunk) => chunk.type === 'iTXt');
    expect(texts).toHaveLength(1);
    expect(unbakePng(twice)).toBe(assertionJson);
  });

  it('keeps other keywords apart and reads the OB 3.0 test vector (keyword openbadgecredential)', () => {
    const vector = readFileSync(new URL('./fixtures/openbadges/vectors/simple-json.png', import.meta.url));
    const credential = unbakePng(vector, 'openbadgecredential');
    expect(credential).not.toBeNull();
    const parsed = JSON.parse(credential!);
    expect(parsed.type).toContain('OpenBadgeCredential');
    expect(unbakePng(vector)).toBeNull();
    const both = bakePng(vector, assertionJson);
    expect(unbakePng(both)).toBe(assertionJson);
    expect(unbakePng(both, 'openbadgecredential')).toBe(credential);
  });

  it('reads a compressed iTXt chunk', async () => {
    const chunks = readPngChunks(await samplePng());
    const data = Buffer.concat([Buffer.from('openbadges\0\x01\x00\0\0', 'latin1'), deflateSync(Buffer.from(assertionJson))]);
    const png = writePng([...chunks.slice(0, -1), { type: 'iTXt', data }, chunks.at(-1)!]);
    expect(unbakePng(png)).toBe(assertionJson);
  });

  it('refuses what is not a PNG', () => {
    expect(() => bakePng(Buffer.from('<svg/>'), assertionJson)).toThrow(InvalidPngError);
    expect(() => unbakePng(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 99]))).toThrow(InvalidPngError);
  });
});

describe('SVG baking', () => {
  it('puts the namespace on the root and the assertion, without a verify attribute, as its first child', () => {
    const svg = generateBadgeSvg({ name: 'Sample Badge', category: 'skill' });
    const baked = bakeSvg(svg, assertionJson);
    // Exactly as the Open Badges 2.0 baking spec shows for a baked assertion: the JSON in CDATA.
    expect(baked).toMatch(/^<svg xmlns:openbadges="http:\/\/openbadges\.org" [^>]*><openbadges:assertion><!\[CDATA\[/);
    expect(baked).not.toMatch(/verify=/);
    expect(unbakeSvg(baked)).toEqual({ verify: null, assertion: assertionJson });
    expect(unbakeSvg(svg)).toBeNull();
  });

  it('stays well-formed XML (resvg parses strictly) even with "]]>" in the JSON', () => {
    const baked = bakeSvg(generateBadgeSvg({ name: 'Sample', category: 'career' }), assertionJson);
    expect(() => new Resvg(baked)).not.toThrow();
    expect(() => new Resvg(baked.replace(']]]]><![CDATA[>', ']]>'))).toThrow();
    expect(unbakeSvg(baked)!.assertion).toBe(assertionJson);
  });

  it('handles a prolog, comments, a self-closing root and an earlier baked assertion (with a verify attribute)', () => {
    const svg = `<?xml version="1.0"?>\n<!-- <svg> in a comment -->\n<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg xmlns="http://www.w3.org/2000/svg" data-note="a > b"/>`;
    const earlier = svg.replace('/>', '><openbadges:assertion verify="https://badges.test/assertions/old"><![CDATA[{"old":true}]]></openbadges:assertion></svg>');
    const once = bakeSvg(earlier, '{"old":true}');
    const twice = bakeSvg(once, assertionJson);
    expect(twice.match(/<openbadges:assertion/g)).toHaveLength(1);
    expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(twice).toContain('<!-- <svg> in a comment -->');
    expect(twice).toMatch(/data-note="a > b"><openbadges:assertion>[\s\S]*<\/openbadges:assertion><\/svg>$/);
    expect(unbakeSvg(twice)).toEqual({ verify: null, assertion: assertionJson });
  });

  it('refuses a document whose root is not svg', () => {
    expect(() => bakeSvg('<html><svg/></html>', assertionJson)).toThrow(InvalidSvgError);
  });

  it('reads the assertion of a baked file from another tool (text content with entities)', () => {
    const foreign = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify='https://x.test/a'>\n  {"a":"&lt;b&gt; &amp; &#233;"}\n</openbadges:assertion></svg>`;
    expect(unbakeSvg(foreign)).toEqual({ verify: 'https://x.test/a', assertion: '{"a":"<b> & é"}' });
  });
});
