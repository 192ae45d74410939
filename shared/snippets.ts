// Copy-and-paste snippets for one badge: email signature, résumé card, Markdown.
// Pure string builders (no DOM). The HTML is made to survive pasting into Gmail, Outlook and
// Apple Mail: table layout, inline styles only, explicit image sizes, absolute URLs only.
import { escapeHtml, requireHttpUrl } from './escape';
import { type ShareableBadge, utcMonthOf } from './links';

export type SignatureSize = 'small' | 'large';

/** Image edge in CSS pixels for each signature size. */
export const SIGNATURE_IMAGE_SIZE_SMALL = 48;
export const SIGNATURE_IMAGE_SIZE_LARGE = 96;
export const SIGNATURE_IMAGE_SIZES: Readonly<Record<SignatureSize, number>> = {
  small: SIGNATURE_IMAGE_SIZE_SMALL,
  large: SIGNATURE_IMAGE_SIZE_LARGE,
};
export const RESUME_CARD_IMAGE_SIZE = 72;

export interface EmailSignatureOptions {
  size: SignatureSize;
  /** Show the badge name and issuer beside the image (default true). */
  showText?: boolean;
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TABLE_ATTRIBUTES = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';

/** "<badge> badge issued by <issuer>": the alt text of every badge image. */
export function badgeAltText(badge: Pick<ShareableBadge, 'badgeName' | 'issuerName'>): string {
  return `${badge.badgeName} badge issued by ${badge.issuerName}`;
}

/** "March 2025": the UTC month of an ISO 8601 date-time, in English. */
export function formatMonthYearUtc(isoDateTime: string): string {
  const { year, month } = utcMonthOf(isoDateTime);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

function badgeImage(src: string, alt: string, size: number): string {
  return (
    `<img src="${escapeHtml(src)}" width="${size}" height="${size}" alt="${escapeHtml(alt)}" border="0"` +
    ` style="display:block;width:${size}px;height:${size}px;border:0;outline:none;text-decoration:none;">`
  );
}

/** HTML for an email signature: the linked badge image, optionally with name and issuer. */
export function emailSignatureHtml(badge: ShareableBadge, options: EmailSignatureOptions): string {
  const href = escapeHtml(requireHttpUrl(badge.badgeUrl, 'badgeUrl'));
  const imageUrl = requireHttpUrl(badge.imageUrl, 'imageUrl');
  const size = SIGNATURE_IMAGE_SIZES[options.size];
  if (size === undefined) throw new TypeError(`size must be 'small' or 'large', got ${JSON.stringify(options.size)}`);

  const imageCell =
    `<td style="padding:0;vertical-align:middle;">` +
    `<a href="${href}" style="text-decoration:none;">${badgeImage(imageUrl, badgeAltText(badge), size)}</a>` +
    `</td>`;
  const textCell =
    options.showText === false
      ? ''
      : `<td style="padding:0 0 0 8px;vertical-align:middle;${FONT}font-size:13px;line-height:18px;color:#333333;">` +
        `<a href="${href}" style="color:#0a66c2;text-decoration:none;font-weight:bold;">${escapeHtml(badge.badgeName)}</a>` +
        `<br><span style="color:#666666;">${escapeHtml(badge.issuerName)}</span>` +
        `</td>`;

  return `<table ${TABLE_ATTRIBUTES} style="border-collapse:collapse;border-spacing:0;"><tr>${imageCell}${textCell}</tr></table>`;
}

/** Plain-text fallback for the signature: "<badge> — <issuer>\nVerify: <url>". */
export function emailSignatureText(badge: ShareableBadge): string {
  return `${badge.badgeName} — ${badge.issuerName}\nVerify: ${requireHttpUrl(badge.badgeUrl, 'badgeUrl')}`;
}

/** HTML card for a résumé or web page: image, name, issuer, dates, recipient, Verify link. */
export function resumeCardHtml(badge: ShareableBadge): string {
  const href = escapeHtml(requireHttpUrl(badge.badgeUrl, 'badgeUrl'));
  const imageUrl = requireHttpUrl(badge.imageUrl, 'imageUrl');
  const size = RESUME_CARD_IMAGE_SIZE;
  const muted = `${FONT}font-size:13px;line-height:18px;color:#57606a;`;

  let dates = `Issued ${formatMonthYearUtc(badge.issuedOn)}`;
  if (badge.expires) dates += ` · Valid until ${formatMonthYearUtc(badge.expires)}`;
  const recipient = badge.recipientName
    ? `<div style="${muted}">Earned by ${escapeHtml(badge.recipientName)}</div>`
    : '';

  return (
    `<table ${TABLE_ATTRIBUTES} style="border-collapse:separate;border-spacing:0;border:1px solid #d0d7de;border-radius:8px;background-color:#ffffff;">` +
    `<tr>` +
    `<td style="padding:12px;vertical-align:top;width:${size}px;">` +
    `<a href="${href}" style="text-decoration:none;">${badgeImage(imageUrl, badgeAltText(badge), size)}</a>` +
    `</td>` +
    `<td style="padding:12px 16px 12px 0;vertical-align:top;">` +
    `<div style="${FONT}font-size:15px;line-height:20px;font-weight:bold;color:#1f2328;">${escapeHtml(badge.badgeName)}</div>` +
    `<div style="${muted}">Issued by ${escapeHtml(badge.issuerName)}</div>` +
    `<div style="${muted}">${escapeHtml(dates)}</div>` +
    recipient +
    `<div style="${FONT}font-size:13px;line-height:18px;padding-top:6px;">` +
    `<a href="${href}" style="color:#0a66c2;text-decoration:underline;">Verify</a>` +
    `</div>` +
    `</td>` +
    `</tr>` +
    `</table>`
  );
}

/**
 * Backslash-escapes the characters that could start Markdown syntax in the middle of a line
 * (emphasis, links, images, HTML, entities, table cells, strikethrough) and folds line
 * breaks, so a name is always shown as written and never breaks the line apart.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>&|~]/g, '\\$&');
}

/** An http(s) URL safe inside a Markdown link destination `(...)`. */
function markdownUrl(url: string, field: string): string {
  // encodeURIComponent leaves ( and ) alone, so percent-encode these ASCII characters directly.
  return requireHttpUrl(url, field).replace(
    /[()\s<>]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `[![<alt>](<image>)](<url>) **<badge>** — <issuer> ([verify](<url>))` */
export function markdownLine(badge: ShareableBadge): string {
  const url = markdownUrl(badge.badgeUrl, 'badgeUrl');
  const image = markdownUrl(badge.imageUrl, 'imageUrl');
  const alt = escapeMarkdown(badgeAltText(badge));
  return `[![${alt}](${image})](${url}) **${escapeMarkdown(badge.badgeName)}** — ${escapeMarkdown(badge.issuerName)} ([verify](${url}))`;
}
