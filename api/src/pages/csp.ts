import { createHash } from 'node:crypto';
import { ASSETS_PATH } from '../http/assets';
import { COPY_LINK_SCRIPT } from './AssertionPage';
import { OUTBOX_REFRESH_SCRIPT } from './earner/OutboxPage';
import { COPY_SNIPPET_SCRIPT } from './earner/SharePage';

/**
 * Every inline <script> the pages carry. The Content-Security-Policy allows exactly these (by hash), so an
 * injected element never runs; a test renders the pages and fails when one of their inline blocks is
 * missing here. Styles are never inline: they come from the stylesheets under /assets/ (pages/stylesheets.ts).
 */
export const INLINE_SCRIPTS: readonly string[] = [COPY_LINK_SCRIPT, COPY_SNIPPET_SCRIPT];

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy of every HTML page. Images may come from badge image URLs on other https servers;
 * nothing else loads from elsewhere; no page may be framed.
 */
export function pageContentSecurityPolicy(publicUrl: string): string {
  const self = `'self' ${new URL(publicUrl).origin}`;
  // The served static files (stylesheets, the analytics charts, uPlot): a path of this server, not all of 'self'.
  const assets = `${new URL(publicUrl).origin}${ASSETS_PATH}`;
  return [
    "default-src 'none'",
    `img-src ${self} https: data:`,
    `style-src ${assets}`,
    `script-src ${INLINE_SCRIPTS.map(cspHash).join(' ')} ${assets}`,
    `form-action ${self}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The development outbox shows each email's HTML in a sandboxed srcdoc frame, which inherits the
 * page's policy; emails style with attributes, so this one page allows inline styles; its one script (the
 * refresh) runs by hash, and the frames run none (sandboxed without scripts).
 */
export function outboxContentSecurityPolicy(publicUrl: string): string {
  const self = `'self' ${new URL(publicUrl).origin}`;
  return [
    "default-src 'none'",
    `img-src ${self} https: data:`,
    "style-src 'unsafe-inline'",
    `script-src ${cspHash(OUTBOX_REFRESH_SCRIPT)}`,
    `connect-src ${self}`,
    `form-action ${self}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
