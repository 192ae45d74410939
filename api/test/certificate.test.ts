import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { revokeAssertion, setAssertionPublic } from '../src/db/assertions';
import { toEncodableText } from '../src/sharing/pdfText';
import { certificateFileName } from '../src/sharing/certificate';
import { PUBLIC_URL } from './helpers';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

/** A page's content streams, inflated when compressed. */
function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) throw new Error('expected a raw content stream');
      const filter = stream.dict.get(PDFName.of('Filter'));
      return (filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : Buffer.from(stream.contents)).toString('latin1');
    })
    .join('\n');
}

/** The text shown by a page's `<hex> Tj` operators (pdf-lib writes standard-font text that way), WinAnsi read as Latin-1. */
function pageText(page: PDFPage): string {
  return [...pageContent(page).matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)]
    .map((match) => Buffer.from(match[1], 'hex').toString('latin1'))
    .join('\n');
}

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
      // Text lines are placed with "1 0 0 1 x y Tm" and centred, so a left edge inside the frame keeps the
      // right edge inside too; shapes (frame, rule, QR modules) are placed with "1 0 0 1 x y cm".
      const textOrigins = [...raw.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const shapeOrigins = [...raw.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) cm/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(textOrigins.length).toBeGreaterThan(12);
      expect(shapeOrigins.length).toBeGreaterThan(50);
      for (const [x, y] of textOrigins) {
        expect(x).toBeGreaterThanOrEqual(30);
        expect(x).toBeLessThan(page.getWidth() / 2);
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

  it('never fails on non-Latin names: Latin-1 letters are drawn, others replaced, metadata keeps them exactly', async () => {
    const { app, id } = await setup({ recipient: 'Zoë Ångström', name: 'Łódź Welding 李小龙' });
    const { pdf } = await fetchPdf(app, `/assertions/${id}/certificate.pdf`);
    const text = pageText(pdf.getPage(0));
    expect(text).toContain('Zoë Ångström');
    expect(text).toContain('Lódz Welding ???');
    expect(pdf.getTitle()).toBe('Łódź Welding 李小龙 — Zoë Ångström');

    const chinese = await setup({ recipient: '李小龙' });
    const { pdf: chinesePdf } = await fetchPdf(chinese.app, `/assertions/${chinese.id}/certificate.pdf`);
    expect(pageText(chinesePdf.getPage(0))).toContain('???');
    expect(chinesePdf.getKeywords()).toContain('李小龙');
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
  it('folds what Helvetica cannot encode and keeps what it can', () => {
    const latin1 = new Set([...Array(256).keys()].filter((code) => code >= 32 && (code < 127 || code >= 160)));
    expect(toEncodableText('Zoë Ångström', latin1)).toBe('Zoë Ångström');
    expect(toEncodableText('Łukasz Żółć', latin1)).toBe('Lukasz Zólc');
    expect(toEncodableText('Nguyễn Văn', latin1)).toBe('Nguyen Van');
    expect(toEncodableText('李小龙', latin1)).toBe('???');
    expect(toEncodableText('a\nb\u0007c', latin1)).toBe('a b c');
  });

  it('makes a safe ASCII file name', () => {
    expect(certificateFileName('Zoë\'s "Best" Badge / 2026')).toBe('zoe-s-best-badge-2026-certificate.pdf');
    expect(certificateFileName('李小龙')).toBe('badge-certificate.pdf');
  });
});
