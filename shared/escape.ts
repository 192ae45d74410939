// Small, pure escaping and URL helpers shared by the link and snippet builders.
// No DOM: they run in Node (API pages, emails) and in the extension alike.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '` so the result is safe in HTML text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** True when `value` parses as an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== null;
}

/**
 * Returns the normalised absolute http(s) URL, or throws a TypeError naming `field`.
 * Callers validate their input; reaching the throw is a programming error. The normalised
 * form (WHATWG URL `href`) is what gets emitted, so what was checked is exactly what is used.
 */
export function requireHttpUrl(value: string, field: string): string {
  const url = parseHttpUrl(value);
  if (url === null) {
    throw new TypeError(`${field} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return url.href;
}

function parseHttpUrl(value: string): URL | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

// encodeURIComponent throws a URIError on a lone surrogate (e.g. half an emoji left by a
// careless truncation); replace those with U+FFFD instead of failing a whole share page.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that never throws on malformed UTF-16. */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
