import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { apiError } from './errors';
import type { AppEnv } from './env';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Refuses a request body that is not declared as JSON with 415. Without it, `validate('json', …)` would see
 * an empty object and answer with a list of "missing" fields, which hides the real mistake.
 */
export const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0].trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return apiError(
      c,
      415,
      'unsupported_media_type',
      `Send the request body as JSON with "Content-Type: application/json"${mediaType ? ` (got "${mediaType}")` : ''}.`,
    );
  }
  await next();
});

/** A 400 about one field found invalid after schema validation, in the same shape as validation errors. */
export function invalidField(c: Context, target: 'request body' | 'query string', path: string, message: string) {
  return apiError(c, 400, 'invalid_request', `Invalid ${target}: ${path}: ${message}`, [{ path, message }]);
}
