import 'regenerator-runtime/runtime.js';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { revokeAssertion, setAssertionPublic } from '../src/db/assertions';
import { drawableText } from '../src/fonts/text';
import { certificateFileName } from '../src/sharing/certificateFileName';
import { PUBLIC_URL } from './helpers';
import { embeddedFontPrograms, embeddedGlyphCounts, pageContent, pageText, shownTexts } from './pdf-text';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

async function setup(options: { name?: string; recipient?: string; offersCertificate?: boolean; validityMonths?: number } = {}) {
  const { db, app } = await sharingTestApp();
  const { issuer } = await makeIssuer(db, 'Guild of Test Welders');
  const record = await issueTestBadge(
    db,
    issuer.id,
    { name: options.name ?? 'Underwater Welding Level 2', offersCertificate: options.offersCertificate ?? true, validityMonths: options.validityMonths },
    { name: options.recipient ?? 'Ada Diver' },
  );
  return { db, app, id: record.assertion.id, url: `${PUBLIC_URL}/assertions/${record.assertion.id}` };
}

async function fetchPdf(app: Awaited<ReturnType<typeof sharingTestApp>>['app'], path: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  return { res, pdf: await PDFDocument.load(bytes) };
}

describe('GET /assertions/:id/certificate.pdf', () => {
  it('is a one-page A4 certificate by default with recipient, badge, issuer, dates, category and URL as text', async () => {
    const { app, id, url } = await setup({ validityMonths: 36 });
    const { res, pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf`);
    expect(res.headers.get('content-disposition')).toBe('inline; filename="underwater-welding-level-2-certificate.pdf"');
    expect(pdf.getPageCount()).toBe(1);
    const page = pdf.getPage(0);
    expect(page.getWidth()).toBeCloseTo(595.28, 2);
    expect(page.getHeight()).toBeCloseTo(841.89, 2);
    const text = pageText(page);
    expect(text).toContain('Ada Diver');
    expect(text).toContain('Underwater Welding Level 2');
    expect(text).toContain('Guild of Test Welders');
    expect(text).toContain(url);
    expect(text).toContain('Skill badge');
    expect(text).toContain('Issued on 15 February 2026');
    expect(text).toContain('Valid until 15 February 2029');
    expect(pdf.getTitle()).toBe('Underwater Welding Level 2 — Ada Diver');
    expect(pdf.getSubject()).toContain(url);
    expect(pdf.getKeywords()).toContain('Ada Diver');
  });

  it('lays out Letter paper at 612 x 792 with the same content', async () => {
    const { app, id, url } = await setup();
    const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf?size=letter`);
    const page = pdf.getPage(0);
    expect([page.getWidth(), page.getHeight()]).toEqual([612, 792]);
    const text = pageText(page);
    expect(text).toContain('Ada Diver');
    expect(text).toContain(url);
  });

  it('keeps the longest names whole and every text and shape inside the page on both sizes', async () => {
    // The longest names the API accepts (200 characters) must still be printed whole.
    const badgeName = 'Advanced Underwater Welding and Structural Inspection '.repeat(4).slice(0, 200).trim();
    const recipient = 'Maximiliana Theodora Wolfeschlegelsteinhausenbergerdorff '.repeat(4).slice(0, 200).trim();
    const { app, id } = await setup({ name: badgeName, recipient });
    for (const size of ['a4', 'letter']) {
      const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf?size=${size}`);
      const page = pdf.getPage(0);
      const raw = pageContent(page);
      // Glyphs are placed one by one with "1 0 0 1 x y Tm" (the widest, at 32 pt, is under 30 pt wide);
      // shapes (frame, rule, QR modules) are placed with "1 0 0 1 x y cm".
      const textOrigins = [...raw.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const shapeOrigins = [...raw.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) cm/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(textOrigins.length).toBeGreaterThan(12);
      expect(shapeOrigins.length).toBeGreaterThan(50);
      for (const [x, y] of textOrigins) {
        expect(x).toBeGreaterThanOrEqual(30);
        expect(x).toBeLessThanOrEqual(page.getWidth() - 30 - 30);
        expect(y).toBeGreaterThanOrEqual(30);
        expect(y).toBeLessThanOrEqual(page.getHeight() - 60);
      }
      for (const [x, y] of shapeOrigins) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(page.getWidth());
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(page.getHeight());
      }
      const text = pageText(page).replace(/\n/g, ' ');
      expect(text).toContain(badgeName);
      expect(text).toContain(recipient);
    }
  });

  it('draws names in every script: the shown glyphs read back as the name, each line carries its exact text', async () => {
    // order: how the glyphs of a line read back. Right-to-left scripts are drawn in visual order;
    // Devanagari draws some vowel signs before the consonant they follow in the text.
    const names: { script: string; name: string; order: 'logical' | 'right-to-left' | 'reordered' }[] = [
      { script: 'Chinese', name: '陈静怡', order: 'logical' },
      { script: 'Japanese', name: '山本 さくら', order: 'logical' },
      { script: 'Korean', name: '김서연', order: 'logical' },
      { script: 'Arabic', name: 'ليلى حداد', order: 'right-to-left' },
      { script: 'Hebrew', name: 'נועה לוי', order: 'right-to-left' },
      { script: 'Cyrillic', name: 'Светлана Кузнецова', order: 'logical' },
      { script: 'Greek', name: 'Ελένη Παπαδοπούλου', order: 'logical' },
      { script: 'Devanagari', name: 'प्रिया शर्मा', order: 'reordered' },
      { script: 'Latin with diacritics', name: 'Zoë Łukasiewicz-Nguyễn', order: 'logical' },
    ];
    for (const { script, name, order } of names) {
      const { app, id } = await setup({ recipient: name });
      const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf`);
      const line = shownTexts(pdf.getPage(0)).find((text) => text.actualText === name);
      expect(line, `${script}: a line whose ActualText is the name`).toBeDefined();
      expect(line!.codes, `${script}: no missing-glyph box`).not.toContain(0);
      expect(line!.glyphs.join(''), script).not.toContain('\uFFFD');
      // Each glyph shown has its outline in the embedded font (a broken subset shows blanks).
      const programs = embeddedFontPrograms(pdf.getPage(0));
      line!.codes.forEach((code, index) => {
        if (/^\s*$/.test(line!.glyphs[index])) return;
        const font = fontkit.create(programs.get(line!.fonts[index])!);
        expect(font.getGlyph(code).path.toSVG(), `${script}: outline of glyph ${index}`).not.toBe('');
      });
      const shown = order === 'right-to-left' ? [...line!.glyphs].reverse().join('') : line!.glyphs.join('');
      if (order === 'reordered') expect([...shown].sort(), script).toEqual([...name].sort());
      else expect(shown, script).toBe(name);
      expect(pdf.getTitle()).toBe(`Underwater Welding Level 2 — ${name}`);
    }
  }, 120_000);

  it('embeds only subsets of the fonts it draws with', async () => {
    const { app, id } = await setup({ recipient: '陈静怡 ليلى' });
    const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf`);
    const glyphCounts = embeddedGlyphCounts(pdf.getPage(0));
    // Latin regular and bold, Arabic, and a slice of the Chinese font for each character.
    expect(glyphCounts.length).toBeGreaterThan(5);
    // Each shipped font (slice) has hundreds of glyphs; a subset holds the few drawn, plus .notdef.
    for (const count of glyphCounts) expect(count).toBeLessThan(60);
  });

  it('shows the badge image and the issuer logo', async () => {
    const { app, id } = await setup();
    const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf`);
    const page = pdf.getPage(0);
    const images = [...page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict).entries()].map(([, ref]) => pdf.context.lookup(ref as PDFRef));
    expect(images.map((image) => (image instanceof PDFRawStream ? image.dict.get(PDFName.of('Subtype'))?.toString() : null))).toEqual(['/Image', '/Image']);
    // Each drawn once, inside the page: pdf-lib moves to its corner, then scales the unit square to its size.
    const placements = [...pageContent(page).matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) cm\s+1 0 0 1 0 0 cm\s+([\d.]+) 0 0 ([\d.]+) 0 0 cm\s+1 0 0 1 0 0 cm\s+\/\S+ Do/g)];
    expect(placements).toHaveLength(2);
    for (const [, x, y, width, height] of placements) {
      expect(Number(width)).toBeGreaterThan(30);
      expect(Number(height)).toBeGreaterThan(30);
      expect(Number(x) + Number(width)).toBeLessThan(page.getWidth());
      expect(Number(y) + Number(height)).toBeLessThan(page.getHeight());
    }
  });

  it('answers 404 with a clear message when the badge class does not offer certificates', async () => {
    const { app, id } = await setup({ offersCertificate: false });
    const res = await app.request(`/assertions/${id}/certificate.pdf`);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('certificate_not_offered');
    expect(body.error.message).toMatch(/Guild of Test Welders does not offer printable certificates/);
  });

  it('answers 404 for unknown and private badges, 410 for revoked ones', async () => {
    const { db, app, id } = await setup();
    expect((await app.request('/assertions/nope/certificate.pdf')).status).toBe(404);
    await setAssertionPublic(db, id, false);
    const hidden = await app.request(`/assertions/${id}/certificate.pdf`);
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.code).toBe('not_found');
    await setAssertionPublic(db, id, true);
    await revokeAssertion(db, id, 'Issued by mistake');
    const revoked = await app.request(`/assertions/${id}/certificate.pdf`);
    expect(revoked.status).toBe(410);
    expect((await revoked.json()).error.code).toBe('revoked');
  });

  it('refuses an unknown paper size with the uniform 400', async () => {
    const { app, id } = await setup();
    const res = await app.request(`/assertions/${id}/certificate.pdf?size=a3`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('size');
  });
});

describe('certificate helpers', () => {
  it('keeps what the shipped fonts draw and folds or marks the rest', () => {
    expect(drawableText('Zoë Ångström 陈静怡 ليلى', 400)).toBe('Zoë Ångström 陈静怡 ليلى');
    expect(drawableText('a\nb\u0007c', 400)).toBe('a b c');
    // No shipped font has Thai or Linear B: an accented letter keeps its base, the rest is "?".
    expect(drawableText('สม \u{10000}', 400)).toBe('?? ?');
  });

  it('makes a safe ASCII file name', () => {
    expect(certificateFileName('Zoë\'s "Best" Badge / 2026')).toBe('zoe-s-best-badge-2026-certificate.pdf');
    expect(certificateFileName('李小龙')).toBe('badge-certificate.pdf');
  });
});
