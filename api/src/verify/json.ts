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

/** An http(s) URL, normalised, or null (data: URIs, other schemes, garbage). */
export function httpUrlOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
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

/** One line for people: whitespace collapsed, at most `max` characters. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
