import 'regenerator-runtime/runtime.js';
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from '../src/fonts/sfnt';

const require = createRequire(import.meta.url);
const fontsource = (file: string) => readFileSync(require.resolve(`@fontsource/${file}`));

describe('WOFF to TrueType', () => {
  const samples = ['noto-sans/files/noto-sans-latin-400-normal.woff', 'noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff', 'noto-sans-sc/files/noto-sans-sc-100-400-normal.woff'];

  for (const sample of samples) {
    it(`unpacks ${sample.split('/').pop()} with every glyph as the WOFF has it, on 4-byte boundaries`, () => {
      const woff = fontsource(sample);
      const sfnt = Buffer.from(woffToSfnt(woff, (data) => inflateSync(data)));
      const original = fontkit.create(woff);
      const unpacked = fontkit.create(sfnt);
      expect(unpacked.numGlyphs).toBe(original.numGlyphs);
      // Up to 200 glyphs spread over the font (all of them takes seconds for Arabic's).
      const step = Math.ceil(original.numGlyphs / 200);
      for (let id = 0; id < original.numGlyphs; id += step) expect(unpacked.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(original.getGlyph(id).path.toSVG());
      // A long glyph index whose offsets are all multiples of 4.
      const tables = new Map(
        Array.from({ length: sfnt.readUInt16BE(4) }, (_, index) => {
          const entry = 12 + index * 16;
          return [sfnt.toString('latin1', entry, entry + 4), { offset: sfnt.readUInt32BE(entry + 8), length: sfnt.readUInt32BE(entry + 12) }] as const;
        }),
      );
      expect(sfnt.readInt16BE(tables.get('head')!.offset + 50)).toBe(1);
      const loca = tables.get('loca')!;
      for (let offset = loca.offset; offset < loca.offset + loca.length; offset += 4) expect(sfnt.readUInt32BE(offset) % 4).toBe(0);
    });
  }

  it('refuses what is not WOFF 1.0', () => {
    expect(() => woffToSfnt(new Uint8Array(64), (data) => data)).toThrow(/not a WOFF/);
  });
});
