// A badge page that links its machine-readable form, as Open Badges pages do:
//   <link rel="alternate" type="application/ld+json" href="https://…/assertions/123">
// Only <link> tags are read (a tag scanner, not a full HTML parser: nothing else of the page is
// used), and only http(s) targets of the badge JSON types.

/** The media types a linked badge document may declare, best first. */
export const LINKED_BADGE_TYPES = ['application/ld+json', 'application/vc+ld+json', 'application/vc', 'application/json'] as const;

/** Link tags belong in the head: the rest of a large page is not read. */
const MAX_SCANNED_CHARS = 256 * 1024;
const ATTRIBUTE = /([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#x2f': '/', '#47': '/' };

function decodeEntities(value: string): string {
  return value.replace(/&(#?[a-z0-9]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole);
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, double, single, bare] of tag.matchAll(ATTRIBUTE)) {
    const key = name.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, decodeEntities(double ?? single ?? bare ?? ''));
  }
  return attributes;
}

/** Every `<link …>` tag, found with indexOf so that hostile markup (`<link<link<link…`) costs linear time. */
function* linkTags(html: string): Generator<string> {
  const text = html.slice(0, MAX_SCANNED_CHARS);
  const lower = text.toLowerCase();
  for (let start = lower.indexOf('<link'); start >= 0; start = lower.indexOf('<link', start + 1)) {
    if (/[A-Za-z0-9_-]/.test(text[start + 5] ?? '')) continue;
    const end = text.indexOf('>', start);
    if (end < 0) return;
    yield text.slice(start, end + 1);
    start = end;
  }
}

/** The URL of the badge document a page links (`rel="alternate"` of a badge JSON type), resolved against the page's URL; null when none. */
export function linkedBadgeDocument(html: string, pageUrl: string): string | null {
  const candidates: { type: number; href: string }[] = [];
  for (const tag of linkTags(html)) {
    const attributes = attributesOf(tag);
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = LINKED_BADGE_TYPES.indexOf(((attributes.get('type') ?? '').split(';')[0].trim().toLowerCase()) as (typeof LINKED_BADGE_TYPES)[number]);
    const href = attributes.get('href')?.trim();
    if (!rel.includes('alternate') || type < 0 || !href) continue;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') candidates.push({ type, href: url.href });
  }
  candidates.sort((a, b) => a.type - b.type);
  return candidates[0]?.href ?? null;
}
