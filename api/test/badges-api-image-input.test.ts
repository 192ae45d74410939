import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { createSafeFetch } from '../src/fetch';
import { decodeImageDataUri, imageInputProblem as checkImageInput, isPng, isSvg } from '../src/lib/imageInput';

// No DNS in these tests: an https URL's host "does not resolve", which counts as the server being unreachable for now.
const context = {
  safeFetch: createSafeFetch({
    resolve: async () => {
      throw Object.assign(new Error('no DNS in tests'), { code: 'ENOTFOUND' });
    },
  }),
};
const imageInputProblem = (value: string) => checkImageInput(value, context);

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#0a6"/></svg>';
const realPng = () => Buffer.from(new Resvg(SVG).render().asPng());

const dataUri = (mediaType: string, bytes: Buffer | string, base64 = true) =>
  base64
    ? `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`
    : `data:${mediaType},${encodeURIComponent(bytes.toString())}`;

describe('imageInputProblem', () => {
  it('accepts an https URL whose server cannot be reached right now (it is fetched again, safely, when used)', async () => {
    expect(await imageInputProblem('https://example.test/badge.png')).toBeNull();
  });

  it('accepts a real PNG as a base64 data: URI', async () => {
    expect(isPng(realPng())).toBe(true);
    expect(await imageInputProblem(dataUri('image/png', realPng()))).toBeNull();
  });

  it('accepts an SVG, base64 or percent-encoded, with an XML prolog', async () => {
    const withProlog = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n${SVG}\n`;
    expect(await imageInputProblem(dataUri('image/svg+xml', SVG))).toBeNull();
    expect(await imageInputProblem(dataUri('image/svg+xml', withProlog, false))).toBeNull();
    expect(await imageInputProblem(dataUri('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('refuses a data: URI that claims PNG but holds something else', async () => {
    expect(await imageInputProblem(dataUri('image/png', SVG))).toMatch(/not a PNG/);
    expect(await imageInputProblem(dataUri('image/png', realPng().subarray(0, 20)))).toMatch(/not a PNG/);
  });

  it('refuses a data: URI that claims SVG but has no root <svg> element', async () => {
    expect(await imageInputProblem(dataUri('image/svg+xml', '<html><svg></svg></html>'))).toMatch(/root <svg>/);
    expect(await imageInputProblem(dataUri('image/svg+xml', realPng()))).toMatch(/root <svg>/);
    expect(await imageInputProblem(dataUri('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg">'))).toMatch(/root <svg>/);
  });

  it('refuses SVGs with scripts or event handlers', async () => {
    const scripted = SVG.replace('</svg>', '<script>alert(1)</script></svg>');
    const handler = SVG.replace('<rect ', '<rect onclick="alert(1)" ');
    const link = SVG.replace('</svg>', '<a href="javascript:alert(1)"><text>x</text></a></svg>');
    expect(await imageInputProblem(dataUri('image/svg+xml', scripted))).toMatch(/script/);
    expect(await imageInputProblem(dataUri('image/svg+xml', handler))).toMatch(/event handler/);
    expect(await imageInputProblem(dataUri('image/svg+xml', link))).toMatch(/javascript:/);
    expect(await imageInputProblem(dataUri('image/svg+xml', SVG.replace('<rect ', '<rect\nonload = "x" ')))).toMatch(/event handler/);
  });

  it('does not mistake text for an event handler, and stays fast on hostile input', async () => {
    const text = SVG.replace('</svg>', '<text x="0" y="8">one = two</text></svg>');
    expect(await imageInputProblem(dataUri('image/svg+xml', text))).toBeNull();
    const hostile = `<svg>${'<'.repeat(1_000_000)}</svg>`;
    const started = performance.now();
    expect(await imageInputProblem(dataUri('image/svg+xml', hostile))).toMatch(/more than 20000 tags/);
    expect(await imageInputProblem(dataUri('image/svg+xml', `<svg>${'<'.repeat(19_000)}</svg>`))).toMatch(/not well-formed/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses broken encodings and empty data', async () => {
    expect(await imageInputProblem('data:image/png;base64,@@@@')).toMatch(/base64/);
    expect(await imageInputProblem('data:image/png;base64,abc')).toMatch(/base64/);
    expect(await imageInputProblem('data:image/svg+xml,%E0%A4%A')).toMatch(/percent-encoded/);
    expect(await imageInputProblem('data:image/svg+xml,')).toMatch(/empty/);
    expect(await imageInputProblem('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toMatch(/PNG or SVG/);
  });
});

describe('decodeImageDataUri and isSvg', () => {
  it('returns the media type and the decoded bytes', () => {
    const png = realPng();
    const decoded = decodeImageDataUri(dataUri('image/png', png));
    expect(decoded.mediaType).toBe('image/png');
    expect(decoded.bytes.equals(png)).toBe(true);
  });

  it('recognises a namespaced root element', () => {
    expect(isSvg('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"></svg:svg>')).toBe(true);
    expect(isSvg('<svgx></svgx>')).toBe(false);
  });
});
