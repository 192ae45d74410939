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
 * Open Badges 2.0 content negotiation: JSON-LD by default (no Accept, `*\/*`, or nothing we offer),
 * plain JSON when the client prefers it, HTML only when the client prefers text/html over both.
 */
export function negotiate(accept: string | undefined | null): Representation {
  if (!accept || !accept.trim()) return 'jsonld';
  const ranges = parseAccept(accept);
  let chosen: Representation = 'jsonld';
  let bestQ = 0;
  for (const offer of offers) {
    const q = qualityOf(ranges, offer.type, offer.subtype);
    if (q > bestQ) {
      bestQ = q;
      chosen = offer.representation;
    }
  }
  return chosen;
}

export function negotiateRequest(c: Context): Representation {
  return negotiate(c.req.header('accept'));
}

export function contentTypeOf(representation: Exclude<Representation, 'html'>): string {
  return representation === 'jsonld' ? JSON_LD_TYPE : 'application/json';
}
