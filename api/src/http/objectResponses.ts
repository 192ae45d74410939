// Responses shared by the public badge-object routes (/issuers, /badges, /assertions): the
// Open Badges document for programs, the page for people, so this lives with the routes.
import type { Context } from 'hono';
import type { AppEnv } from './env';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { errorBody } from './errors';
import { contentTypeOf, negotiateRequest, prefersHtml, type Representation } from './negotiate';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CONTENT_TYPES, SVG_SECURITY_HEADERS, type ImageBytes } from '../openbadges/images';

/** Short, because a revocation must show quickly. */
export const DOCUMENT_CACHE_CONTROL = 'public, max-age=60';
export const IMAGE_CACHE_CONTROL = 'public, max-age=300';

const objectIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export interface ObjectRequest {
  /** The object id, or null when the path segment cannot be one of ours. */
  id: string | null;
  representation: Representation;
}

/**
 * Reads `:id` of a badge-object URL. `<id>.json` always answers JSON-LD; the bare id negotiates
 * on Accept (and says so with `Vary: Accept`).
 */
export function objectRequest(c: Context<AppEnv>, raw: string): ObjectRequest {
  const jsonOnly = raw.endsWith('.json');
  const candidate = jsonOnly ? raw.slice(0, -'.json'.length) : raw;
  // Link-preview crawlers get the page for the same Accept (http/negotiate.ts).
  if (!jsonOnly) c.header('Vary', 'Accept, User-Agent');
  const parsed = objectIdSchema.safeParse(candidate);
  return { id: parsed.success ? parsed.data : null, representation: jsonOnly ? 'jsonld' : negotiateRequest(c) };
}

/** Reads `:id` of an image or file URL under an object; null when it cannot be one of ours. */
export function plainId(raw: string): string | null {
  const parsed = objectIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function sendDocument(c: Context<AppEnv>, representation: Exclude<Representation, 'html'>, document: unknown, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(document), status, {
    'Content-Type': contentTypeOf(representation),
    'Cache-Control': DOCUMENT_CACHE_CONTROL,
  });
}

/** A person's page; `jsonUrl` points programs that landed here at the Open Badges document. */
export function sendHtml(c: Context<AppEnv>, page: string | Promise<string>, jsonUrl: string, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
  c.header('Link', `<${jsonUrl}>; rel="alternate"; type="application/ld+json"`);
  return c.html(page, status);
}

/**
 * 404 for an unknown (or private) object: the error body for programs, the not-found page for people
 * (also on image and file URLs, and on `.json` URLs, when a browser asks for HTML).
 */
export function sendNotFound(c: Context<AppEnv>, representation: Representation, what: string) {
  c.header('Cache-Control', 'no-cache');
  if (representation === 'html' || prefersHtml(c.req.header('accept'))) {
    const message = `This ${what} does not exist, or its owner has not made it public.`;
    return c.html(NotFoundPage({ title: `${what[0].toUpperCase()}${what.slice(1)} not found`, message, publicUrl: c.var.deps.publicUrl }), 404);
  }
  return c.json(errorBody('not_found', `No public ${what} has this id.`), 404);
}

export function sendImage(c: Context<AppEnv>, image: ImageBytes, cacheControl = IMAGE_CACHE_CONTROL, filename?: string) {
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[image.kind],
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...(image.kind === 'svg' ? SVG_SECURITY_HEADERS : {}),
    ...(filename ? { 'Content-Disposition': `inline; filename="${filename}"` } : {}),
  };
  return c.body(new Uint8Array(image.bytes), 200, headers);
}

/** A safe download name from a display name: "Advanced MIG Welding" -> "advanced-mig-welding". */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'badge';
}
