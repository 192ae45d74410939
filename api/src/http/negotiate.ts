import type { Context } from 'hono';

/** What a badge-object URL can answer with (DESIGN.md §3). */
export type Representation = 'jsonld' | 'json' | 'html';

export const JSON_LD_TYPE = 'application/ld+json';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

const offers: { representation: Representation; type: string; subtype: string }[] = [
  // Order matters: on equal preference the earlier one wins, so JSON-LD is the default.
  { representation: 'jsonld', type: 'application', subtype: 'ld+json' },
  { representation: 'json', type: 'application', subtype: 'json' },
  { representation: 'html', type: 'text', subtype: 'html' },
];

export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType, ...params] = part.split(';').map((piece) => piece.trim());
    const match = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(mediaType.toLowerCase());
    if (!match) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((piece) => piece.trim());
      if (name.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type: match[1], subtype: match[2], q });
  }
  return ranges;
}

/** The q-value the client gives one media type: the most specific matching range decides (RFC 9110 §12.5.1). */
function qualityOf(ranges: MediaRange[], type: string, subtype: string): number {
  let best: { specificity: number; q: number } | null = null;
  for (const range of ranges) {
    let specificity: number;
    if (range.type === type && range.subtype === subtype) specificity = 2;
    else if (range.type === type && range.subtype === '*') specificity = 1;
    else if (range.type === '*' && range.subtype === '*') specificity = 0;
    else continue;
    if (!best || specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * Link-preview crawlers fetch a shared badge URL to build its card. They send `*\/*` (or no Accept)
 * and would get JSON-LD, so they are recognised by User-Agent and given the page with its Open Graph tags.
 */
const LINK_PREVIEW_CRAWLERS = /LinkedInBot|facebookexternalhit|Facebot|Twitterbot|Slackbot|Slack-ImgProxy|Discordbot|WhatsApp|TelegramBot/i;

export function isLinkPreviewCrawler(userAgent: string | undefined | null): boolean {
  return !!userAgent && LINK_PREVIEW_CRAWLERS.test(userAgent);
}

/** True when the client names a JSON media type itself (not only through a wildcard). */
function asksForJson(ranges: MediaRange[]): boolean {
  return ranges.some((range) => range.q > 0 && range.type === 'application' && (range.subtype === 'json' || range.subtype === 'ld+json'));
}

/**
 * Open Badges 2.0 content negotiation: JSON-LD by default (no Accept, `*\/*`, or nothing we offer),
 * plain JSON when the client prefers it, HTML only when the client prefers text/html over both —
 * or when a link-preview crawler (matched on `userAgent`) does not ask for JSON by name.
 */
export function negotiate(accept: string | undefined | null, userAgent?: string | null): Representation {
  const ranges = accept && accept.trim() ? parseAccept(accept) : [];
  let chosen: Representation = 'jsonld';
  let bestQ = 0;
  for (const offer of offers) {
    const q = qualityOf(ranges, offer.type, offer.subtype);
    if (q > bestQ) {
      bestQ = q;
      chosen = offer.representation;
    }
  }
  if (chosen !== 'html' && isLinkPreviewCrawler(userAgent) && !asksForJson(ranges)) return 'html';
  return chosen;
}

export function negotiateRequest(c: Context): Representation {
  return negotiate(c.req.header('accept'), c.req.header('user-agent'));
}

/**
 * For error answers anywhere: a person's browser (text/html preferred over JSON) gets a page, every
 * other client the JSON error body.
 */
export function prefersHtml(accept: string | undefined | null): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = qualityOf(ranges, 'text', 'html');
  return html > 0 && html > qualityOf(ranges, 'application', 'json');
}

export function contentTypeOf(representation: Exclude<Representation, 'html'>): string {
  return representation === 'jsonld' ? JSON_LD_TYPE : 'application/json';
}

/** The VC 2.0 media type of an Open Badges 3.0 credential. */
export const VC_TYPE = 'application/vc';

export type CredentialRepresentation = 'vc' | 'jsonld' | 'html';

/**
 * Negotiation of a credential URL (/credentials/:id): `application/vc` by default (no Accept, `*\/*`,
 * or nothing offered), `application/ld+json` (the same body) when the client prefers it to
 * application/vc, and HTML (a redirect to the badge page) when the client prefers text/html to both,
 * or is a link-preview crawler that names no JSON type.
 */
export function negotiateCredential(accept: string | undefined | null, userAgent?: string | null): CredentialRepresentation {
  const ranges = accept && accept.trim() ? parseAccept(accept) : [];
  const vc = qualityOf(ranges, 'application', 'vc');
  const jsonLd = qualityOf(ranges, 'application', 'ld+json');
  const html = qualityOf(ranges, 'text', 'html');
  const asksForVc = ranges.some((range) => range.q > 0 && range.type === 'application' && range.subtype === 'vc');
  if (html > Math.max(vc, jsonLd)) return 'html';
  if (isLinkPreviewCrawler(userAgent) && !asksForJson(ranges) && !asksForVc) return 'html';
  return jsonLd > vc ? 'jsonld' : 'vc';
}
