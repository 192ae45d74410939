import { PageSizes, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateSize } from '../../../shared/schemas/sharing';
import type { AssertionRecord } from '../db/assertions';
import { publicUrls } from '../lib/urls';
import { toEncodableText } from './pdfText';
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

/** A safe ASCII file name: "<badge-name>-certificate.pdf". */
export function certificateFileName(badgeName: string): string {
  const slug = badgeName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'badge'}-certificate.pdf`;
}

interface TextStyle {
  font: PDFFont;
  size: number;
  minSize: number;
  maxLines: number;
  color: ReturnType<typeof rgb>;
  lineGap?: number;
}

/** Greedy word wrap; a single word wider than the line is cut where it overflows. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size (down to minSize) at which `text` fits in maxLines; at minSize, the last line ends in "...". */
function fitText(text: string, style: TextStyle, maxWidth: number): { lines: string[]; size: number } {
  for (let size = style.size; size >= style.minSize; size -= 1) {
    const lines = wrap(text, style.font, size, maxWidth);
    if (lines.length <= style.maxLines) return { lines, size };
  }
  const size = style.minSize;
  const lines = wrap(text, style.font, size, maxWidth).slice(0, style.maxLines);
  let last = lines[lines.length - 1] ?? '';
  while (last && style.font.widthOfTextAtSize(`${last}...`, size) > maxWidth) last = last.slice(0, -1);
  lines[lines.length - 1] = `${last.trimEnd()}...`;
  return { lines, size };
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
}

/** A one-page printable certificate for one badge, with the badge URL as text and as a QR code. */
export async function buildCertificatePdf({ record, publicUrl, size, now }: CertificateInput): Promise<Uint8Array> {
  const { assertion, badgeClass, issuer } = record;
  const badgeUrl = publicUrls(publicUrl).assertion(assertion.id);

  const pdf = await PDFDocument.create();
  const [pageWidth, pageHeight] = CERTIFICATE_PAGE_SIZES[size];
  const page = pdf.addPage([pageWidth, pageHeight]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const encodable = (text: string) => toEncodableText(text, supported);

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

  let cursor = 0;
  const block = (text: string, style: TextStyle, spaceBefore: number) => {
    cursor += spaceBefore;
    const { lines, size: fitted } = fitText(encodable(text), style, TEXT_WIDTH);
    for (const line of lines) {
      cursor += fitted;
      const size = fitted * scale;
      page.drawText(line, {
        x: centreX - style.font.widthOfTextAtSize(line, size) / 2,
        y: pageY(cursor),
        size,
        font: style.font,
        color: style.color,
      });
      cursor += style.lineGap ?? fitted * 0.3;
    }
  };
  const line1 = (size: number, font = regular, color = MUTED): TextStyle => ({ font, size, minSize: size, maxLines: 1, color });

  block('CERTIFICATE', line1(30, bold, INK), 115);
  block('OF ACHIEVEMENT', line1(12, regular, ACCENT), 4);
  cursor += 14;
  page.drawRectangle({ x: centreX - 40 * scale, y: pageY(cursor), width: 80 * scale, height: 1.5 * scale, color: ACCENT });

  block('This certifies that', line1(13), 36);
  block(assertion.recipientName, { font: bold, size: 32, minSize: 12, maxLines: 3, color: INK }, 14);
  block('has earned the badge', line1(13), 16);
  block(badgeClass.name, { font: bold, size: 22, minSize: 11, maxLines: 3, color: ACCENT }, 14);
  block(`${CATEGORY_LABELS[badgeClass.category]} badge`, line1(11), 6);
  block('issued by', line1(13), 22);
  block(issuer.name, { font: bold, size: 17, minSize: 10, maxLines: 3, color: INK }, 8);

  let dates = `Issued on ${formatDate(assertion.issuedOn)}`;
  if (assertion.expires) {
    const expired = Date.parse(assertion.expires) <= now.getTime();
    dates += `${expired ? ' · Expired on ' : ' · Valid until '}${formatDate(assertion.expires)}`;
  }
  block(dates, { font: regular, size: 11, minSize: 8, maxLines: 2, color: INK }, 22);

  // Verification block, anchored to the bottom of the reference box.
  const qrEdge = 118;
  const qrTop = 600;
  drawQrCode(page, badgeUrl, centreX - (qrEdge * scale) / 2, pageY(qrTop + qrEdge), qrEdge * scale);
  cursor = qrTop + qrEdge;
  block('Scan the code or visit this address to verify the badge:', line1(9), 6);
  block(badgeUrl, { font: regular, size: 10, minSize: 6, maxLines: 2, color: ACCENT }, 2);
  block(`Badge ID ${assertion.id}`, { font: regular, size: 7, minSize: 5, maxLines: 1, color: MUTED }, 6);

  return pdf.save({ useObjectStreams: false });
}
