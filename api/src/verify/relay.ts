// GET /api/v1/relay?url=…: the raw bytes of one JSON document of another site, for the extension's
// trustless mode (docs/trustless.md). The extension verifies Open Badges 3.0 credentials itself; a
// host that does not allow cross-origin reads (no CORS headers) is read through here. The relay
// adds nothing and judges nothing: the signature checked in the browser is what makes a document
// trustworthy. It fetches only through the SSRF-safe fetcher (https, public addresses, 5 s), only
// JSON / VC / DID media types, at most RELAY_MAX_BYTES, and is rate-limited per client.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RATE_LIMITS, rateLimit } from '../earners/rateLimit';
import type { FetchFailure } from '../fetch';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { isExtensionOrigin } from './routes';
import { KEY_DOCUMENT_TYPES } from './fetching';
import { documented } from '../http/documentedValidation';

/** Credentials, DID documents and status lists are a few KB; this leaves room for an embedded image. */
import { RELAY_MAX_BYTES } from './relayLimits';
export { RELAY_MAX_BYTES };

/** The answer the relay gives when the fetch failed: status, error code (for the extension), for people. */
function failureAnswer(reason: FetchFailure['reason'], host: string): { status: ContentfulStatusCode; code: string; message: string } {
  switch (reason) {
    case 'bad_url':
    case 'not_https':
      return { status: 400, code: 'invalid_request', message: 'Only https URLs are relayed.' };
    case 'blocked':
      return { status: 403, code: 'blocked', message: `${host} is not a public address.` };
    case 'bad_content_type':
      return { status: 502, code: 'bad_content_type', message: `${host} did not answer with a JSON, credential or DID document.` };
    case 'too_large':
      return { status: 502, code: 'too_large', message: `${host} answered with more than ${RELAY_MAX_BYTES / 1024} KB.` };
    case 'timeout':
      return { status: 504, code: 'timeout', message: `${host} did not answer in time.` };
    case 'too_many_redirects':
    case 'redirect_loop':
    case 'network':
      return { status: 502, code: 'unreachable', message: `${host} could not be read (${reason.replace(/_/g, ' ')}).` };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the host';
  }
}

export const relayRoutes = new Hono<AppEnv>()
  .use(
    '*',
    cors({
      origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
      allowMethods: ['GET'],
      exposeHeaders: ['Content-Location'],
      maxAge: 600,
    }),
  )
  .use('*', async (c, next) => {
    // The extension keeps what it needs (its document cache); a shared cache must not keep another site's bytes.
    c.header('Cache-Control', 'no-store');
    await next();
  })
  .get('/', rateLimit(RATE_LIMITS.relay), documented('query', 'get /api/v1/relay'), async (c) => {
    const { url } = c.req.valid('query');
    const fetched = await c.var.deps.safeFetch(url, { accept: KEY_DOCUMENT_TYPES, maxBytes: RELAY_MAX_BYTES });
    if (!fetched.ok) {
      const failure = failureAnswer(fetched.reason, hostOf(fetched.url));
      return apiError(c, failure.status, failure.code, failure.message);
    }
    const host = hostOf(fetched.url);
    if (fetched.status === 404 || fetched.status === 410) return apiError(c, 404, 'not_found', `${host} has no document at this address (HTTP ${fetched.status}).`);
    if (fetched.status < 200 || fetched.status > 299) return apiError(c, 502, 'unreachable', `${host} answered HTTP ${fetched.status}.`);
    return c.body(new Uint8Array(fetched.body), 200, {
      'Content-Type': fetched.contentType,
      // Where the bytes finally came from (after redirects): the extension judges a document by its URL.
      'Content-Location': fetched.url,
      // Another site's bytes on this origin: never a document that could run anything.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });
