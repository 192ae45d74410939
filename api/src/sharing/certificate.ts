import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PageSizes,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateSize } from '../../../shared/schemas/sharing';
import type { AssertionRecord } from '../db/assertions';
import { drawableText, layoutLine, wrapLines, type Face, type FontWeight } from '../fonts/text';
import { publicUrls } from '../lib/urls';
import { CATEGORY_LABELS, formatDate } from '../pages/format';

export const CERTIFICATE_PAGE_SIZES: Readonly<Record<CertificateSize, readonly [number, number]>> = {
  a4: PageSizes.A4,
  letter: PageSizes.Letter,
};

// The layout is drawn in this reference box, then scaled to fit the page and centred on it,
// so A4 and Letter get the same certificate, neither cut off.
const REF_WIDTH = 612;
const REF_HEIGHT = 842;
const TEXT_WIDTH = 470;

const INK = rgb(0.12, 0.14, 0.17);
const MUTED = rgb(0.36, 0.39, 0.43);
const ACCENT = rgb(0.04, 0.4, 0.76);

interface TextStyle {
  weight: FontWeight;
  size: number;
  minSize: number;
  maxLines: number;
  color: ReturnType<typeof rgb>;
  lineGap?: number;
}

/** The largest size (down to minSize) at which `text` fits in maxLines; at minSize, the last line ends in "…". */
function fitText(text: string, style: TextStyle, maxWidth: number): { lines: string[]; size: number } {
  for (let size = style.size; size > style.minSize; size -= 1) {
    const { lines, truncated } = wrapLines(text, style.weight, size, maxWidth, style.maxLines);
    if (!truncated) return { lines, size };
  }
  return { lines: wrapLines(text, style.weight, style.minSize, maxWidth, style.maxLines).lines, size: style.minSize };
}

/** Draws the QR matrix as filled rectangles, one per horizontal run of dark modules. */
function drawQrCode(page: PDFPage, text: string, x: number, y: number, edge: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = edge / (modules.size + quiet * 2);
  page.drawRectangle({ x, y, width: edge, height: edge, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      page.drawRectangle({
        x: x + (quiet + start) * cell,
        y: y + edge - (quiet + row + 1) * cell,
        width: (column - start) * cell,
        height: cell,
        color: INK,
      });
    }
  }
}

export interface CertificateInput {
  record: AssertionRecord;
  publicUrl: string;
  size: CertificateSize;
  now: Date;
  /** The badge's image and the issuer's logo as PNG; left out when absent or not drawable. */
  badgePng?: Uint8Array;
  issuerLogoPng?: Uint8Array;
}

/** Embeds a PNG, or null when pdf-lib cannot read it (the certificate is drawn without it). */
async function embedPngOrNull(pdf: PDFDocument, png: Uint8Array | undefined) {
  if (!png) return null;
  try {
    return await pdf.embedPng(png);
  } catch {
    return null;
  }
}

/**
 * A one-page printable certificate for one badge, with the badge URL as text and as a QR code.
 * Text in any script the shipped fonts cover (fonts/faces.ts) is drawn with subsets of them
 * embedded; each line also carries its exact text (ActualText) for copying and searching.
 */
export async function buildCertificatePdf({ record, publicUrl, size, now, badgePng, issuerLogoPng }: CertificateInput): Promise<Uint8Array> {
  const { assertion, badgeClass, issuer } = record;
  const badgeUrl = publicUrls(publicUrl).assertion(assertion.id);

  const pdf = await PDFDocument.create();
  const [pageWidth, pageHeight] = CERTIFICATE_PAGE_SIZES[size];
  const page = pdf.addPage([pageWidth, pageHeight]);
  pdf.registerFontkit(fontkit);
  const embedded = new Map<Face, Promise<PDFFont>>();
  const pdfFontOf = (face: Face) => {
    let font = embedded.get(face);
    if (!font) embedded.set(face, (font = pdf.embedFont(face.bytes, { subset: true })));
    return font;
  };

  // Metadata keeps the exact Unicode text (PDF text strings are UTF-16), whatever the font could draw.
  const title = `${badgeClass.name} — ${assertion.recipientName}`;
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(`${assertion.recipientName} earned the ${badgeClass.name} badge from ${issuer.name}. Verify: ${badgeUrl}`);
  pdf.setKeywords([assertion.recipientName, badgeClass.name, issuer.name, badgeUrl, badgeClass.category]);
  pdf.setAuthor(issuer.name);
  pdf.setCreator('BadgeLens');
  pdf.setProducer('BadgeLens');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  pdf.setLanguage('en');

  // Frame on the page itself, so it follows the paper's edges.
  page.drawRectangle({ x: 22, y: 22, width: pageWidth - 44, height: pageHeight - 44, borderColor: ACCENT, borderWidth: 2.5 });
  page.drawRectangle({ x: 30, y: 30, width: pageWidth - 60, height: pageHeight - 60, borderColor: ACCENT, borderWidth: 0.75 });

  const scale = Math.min(pageWidth / REF_WIDTH, pageHeight / REF_HEIGHT);
  const originX = (pageWidth - REF_WIDTH * scale) / 2;
  const originY = (pageHeight - REF_HEIGHT * scale) / 2;
  const centreX = pageWidth / 2;
  /** Page y of a distance from the reference box's top. */
  const pageY = (fromTop: number) => originY + (REF_HEIGHT - fromTop) * scale;

  /**
   * One line centred on the page, glyph by glyph at the positions fontkit's shaping gives (pdf-lib's
   * drawText would advance by each glyph's width alone, losing the placement of Arabic dots and other
   * marks), inside a marked-content span that holds the line's text for copying and searching.
   */
  const drawLine = async (text: string, weight: FontWeight, size: number, y: number, color: ReturnType<typeof rgb>) => {
    const line = layoutLine(text, weight, size);
    const left = centreX - line.width / 2;
    // An inline property list: pdf-lib writes string operands as they are.
    const actualText = `<< /ActualText ${PDFHexString.fromText(text).toString()} >>`;
    const operators = [PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), actualText]), pushGraphicsState(), setFillingColor(color), beginText()];
    for (const run of line.runs) {
      const font = await pdfFontOf(run.face);
      // The same fontkit shaping as layoutLine, so the codes pair with run.glyphs one to one.
      const codes = font.encodeText(run.text).toString().slice(1, -1).match(/.{4}/g) ?? [];
      operators.push(setFontAndSize(page.node.newFontDictionary(font.name, font.ref), size));
      const scale = size / run.face.font.unitsPerEm;
      let pen = left + run.x;
      run.glyphs.positions.forEach((position, index) => {
        operators.push(setTextMatrix(1, 0, 0, 1, pen + position.xOffset * scale, y + position.yOffset * scale), showText(PDFHexString.of(codes[index] ?? '0000')));
        pen += position.xAdvance * scale;
      });
    }
    operators.push(endText(), popGraphicsState(), PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    page.pushOperators(...operators);
  };

  let cursor = 0;
  const block = async (text: string, style: TextStyle, spaceBefore: number) => {
    cursor += spaceBefore;
    const { lines, size: fitted } = fitText(drawableText(text, style.weight), style, TEXT_WIDTH);
    for (const line of lines) {
      cursor += fitted;
      await drawLine(line, style.weight, fitted * scale, pageY(cursor), style.color);
      cursor += style.lineGap ?? fitted * 0.3;
    }
  };
  const line1 = (size: number, weight: FontWeight = 400, color = MUTED): TextStyle => ({ weight, size, minSize: size, maxLines: 1, color });

  // The badge's image above the title; the issuer's logo beside the QR code. Both keep their proportions.
  const drawImage = (image: Awaited<ReturnType<typeof embedPngOrNull>>, box: { centreX: number; top: number; edge: number }) => {
    if (!image) return;
    const fit = Math.min((box.edge * scale) / image.width, (box.edge * scale) / image.height);
    const width = image.width * fit;
    const height = image.height * fit;
    const boxTop = pageY(box.top);
    page.drawImage(image, { x: box.centreX - width / 2, y: boxTop - (box.edge * scale + height) / 2, width, height });
  };
  drawImage(await embedPngOrNull(pdf, badgePng), { centreX, top: 40, edge: 68 });

  await block('CERTIFICATE', line1(30, 700, INK), 115);
  await block('OF ACHIEVEMENT', line1(12, 400, ACCENT), 4);
  cursor += 14;
  page.drawRectangle({ x: centreX - 40 * scale, y: pageY(cursor), width: 80 * scale, height: 1.5 * scale, color: ACCENT });

  await block('This certifies that', line1(13), 36);
  await block(assertion.recipientName, { weight: 700, size: 32, minSize: 12, maxLines: 3, color: INK }, 14);
  await block('has earned the badge', line1(13), 16);
  await block(badgeClass.name, { weight: 700, size: 22, minSize: 11, maxLines: 3, color: ACCENT }, 14);
  await block(`${CATEGORY_LABELS[badgeClass.category]} badge`, line1(11), 6);
  await block('issued by', line1(13), 22);
  await block(issuer.name, { weight: 700, size: 17, minSize: 10, maxLines: 3, color: INK }, 8);

  let dates = `Issued on ${formatDate(assertion.issuedOn)}`;
  if (assertion.expires) {
    const expired = Date.parse(assertion.expires) <= now.getTime();
    dates += `${expired ? ' · Expired on ' : ' · Valid until '}${formatDate(assertion.expires)}`;
  }
  await block(dates, { weight: 400, size: 11, minSize: 8, maxLines: 2, color: INK }, 22);

  // Verification block, anchored to the bottom of the reference box.
  const qrEdge = 118;
  const qrTop = 600;
  drawQrCode(page, badgeUrl, centreX - (qrEdge * scale) / 2, pageY(qrTop + qrEdge), qrEdge * scale);
  drawImage(await embedPngOrNull(pdf, issuerLogoPng), { centreX: centreX - (qrEdge / 2 + 24 + 40) * scale, top: qrTop + (qrEdge - 80) / 2, edge: 80 });
  cursor = qrTop + qrEdge;
  await block('Scan the code or visit this address to verify the badge:', line1(9), 6);
  await block(badgeUrl, { weight: 400, size: 10, minSize: 6, maxLines: 2, color: ACCENT }, 2);
  await block(`Badge ID ${assertion.id}`, { weight: 400, size: 7, minSize: 5, maxLines: 1, color: MUTED }, 6);

  return pdf.save({ useObjectStreams: false });
}
