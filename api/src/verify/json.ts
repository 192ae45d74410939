// Reading untrusted JSON documents (foreign badges) without trusting their shape.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `type` as a list of strings (JSON-LD allows a string or an array). */
export function typesOf(value: JsonObject): string[] {
  return asArray(value.type ?? value['@type']).filter((type): type is string => typeof type === 'string');
}

/** URLs longer than this in a foreign document are ignored (as in a request: shared MAX_BADGE_URL_LENGTH). */
const MAX_URL_LENGTH = 2048;

/** An http(s) URL, normalised, or null (data: URIs, other schemes, garbage, over 2048 characters). */
export function httpUrlOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link that is either a URL string or an object carrying its URL in `id` (images, criteria, profiles). */
export function linkedUrlOf(value: unknown): string | null {
  return httpUrlOf(isObject(value) ? value.id : value);
}

/** An ISO date-time (with its zone made explicit) from an ISO 8601 date or date-time, or null. */
export function isoDateOf(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The same URL, compared as URL objects normalise it (host case, default port, empty path). */
export function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * Text of a foreign document as shown to people, at most `max` characters: a badge description
 * of a megabyte must not travel into every answer and cache entry.
 */
export function clippedText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Lengths of the texts of a foreign badge (this server's own limits are the same or shorter). */
export const TEXT_LIMITS = { name: 300, description: 2000, reason: 300 } as const;

/** One line for people: whitespace collapsed, at most `max` characters. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
