import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { incomingOf } from './clientAddress';
import type { AppEnv } from './env';
import { errorAnswer } from './errors';

/** Form posts of the pages: a few short fields. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** JSON API requests. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Badge classes and issuer profiles may carry their image as a data: URI (1.5 MB of text at most, shared/schemas/badges.ts); an imported badge file is at most 1 MB (as base64 or a form upload). */
export const IMAGE_BODY_LIMIT = 2 * 1024 * 1024;
/** Bulk issuing: up to 50,000 rows of CSV or JSON. */
export const BULK_BODY_LIMIT = 16 * 1024 * 1024;
/**
 * After a refusal, up to this many more bytes of the body are read and thrown away, so that the
 * keep-alive connection can carry the next request. A body declared larger is refused with
 * `Connection: close` instead, and one that streams past it (chunked) has its connection closed.
 */
export const DISCARD_LIMIT = 8 * 1024 * 1024;
/**
 * How long a connection being closed still reads (and throws away) what the client sends. Closing a
 * socket with unread data resets it, and a reset can destroy our answer in the client's buffers
 * before the client has read it ("lingering close", as web servers do).
 */
export const LINGER_MS = 5000;

/** Routes whose bodies may be larger than JSON_BODY_LIMIT (or than FORM_BODY_LIMIT for forms): images and badge files. */
const IMAGE_ROUTES: { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/badges$/ },
  { method: 'POST', path: /^\/api\/v1\/me\/badges\/import$/ },
  { method: 'POST', path: /^\/portfolio\/import$/ },
  { method: 'PATCH', path: /^\/api\/v1\/badges\/[^/]+$/ },
  { method: 'PATCH', path: /^\/api\/v1\/issuer$/ },
  { method: 'POST', path: /^\/console\/[^/]+\/badges\/(new|[^/]+\/edit)$/ },
];

/** The largest body a request may carry, by route. */
export function bodyLimitFor(method: string, path: string): number {
  if (method === 'POST' && /^\/api\/v1\/badges\/[^/]+\/assertions\/bulk$/.test(path)) return BULK_BODY_LIMIT;
  if (method === 'POST' && /^\/console\/[^/]+\/bulk\/(preview|confirm)$/.test(path)) return BULK_BODY_LIMIT;
  if (IMAGE_ROUTES.some((route) => route.method === method && route.path.test(path))) return IMAGE_BODY_LIMIT;
  return path.startsWith('/api/') ? JSON_BODY_LIMIT : FORM_BODY_LIMIT;
}

type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' | 'aborted' };

/** A declared Content-Length, or null when there is none (chunked, or no body). */
function declaredLength(c: Context): number | null {
  const value = c.req.header('content-length');
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/** Reads the Node request straight from its stream (no web Request), counting bytes; stops at `limit`. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    if (incoming.readableEnded) return resolve({ ok: true, bytes: new Uint8Array(0) });
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAbort);
      incoming.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle({ ok: false, reason: 'too_large' });
        discardRest(incoming);
      } else chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    const onAbort = () => settle({ ok: false, reason: 'aborted' });
    const onClose = () => (incoming.readableEnded ? onEnd() : onAbort());
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onAbort);
    incoming.on('close', onClose);
  });
}

/** Throws away the rest of a refused body; past DISCARD_LIMIT more bytes the connection is closed. */
function discardRest(incoming: IncomingMessage): void {
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= DISCARD_LIMIT) return;
    incoming.off('data', onData);
    incoming.resume();
    if (incoming.socket) lingeringClose(incoming.socket);
  };
  incoming.on('data', onData);
  incoming.on('error', () => {});
}

/** Ends our side (the answer is complete), keeps reading for LINGER_MS or until the client closes, then closes. */
function lingeringClose(socket: Socket): void {
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.end();
}

/**
 * Closes the connection after an answer marked `Connection: close`, lingering. Node ends such a
 * connection with socket.destroySoon(), which resets it while the client is still sending.
 */
function closeAfterAnswer(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  if (socket) socket.destroySoon = () => lingeringClose(socket);
}

/** The same for a web Request body (app.request(), no Node stream): the reader is cancelled at the limit. */
async function readWebBody(body: ReadableStream<Uint8Array>, limit: number): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) };
}

function tooLarge(c: Context<AppEnv>, limit: number) {
  return errorAnswer(c, 413, 'payload_too_large', `This request's body is larger than the ${formatBytes(limit)} this address accepts.`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

const decoder = new TextDecoder();

/**
 * A body limit on every route (bodyLimitFor). The declared Content-Length is checked first, then the
 * body is read once, straight from the socket under @hono/node-server 2.x, counting bytes, and handed
 * to Hono's body cache, which c.req.json(), parseBody() and the validators read from. A refused body
 * is discarded (the connection stays usable) or, when declared far too large, the answer says
 * `Connection: close`.
 */
export function limitBodies(limitFor: (method: string, path: string) => number = bodyLimitFor) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = incomingOf(c);
    const declared = declaredLength(c);
    const hasBody = incoming ? declared !== null || !!incoming.headers['transfer-encoding'] : c.req.raw.body !== null;
    if (!hasBody || declared === 0) return next();
    const limit = limitFor(c.req.method, c.req.path);
    if (declared !== null && declared > limit) {
      if (incoming) {
        if (declared - limit > DISCARD_LIMIT) {
          c.header('Connection', 'close');
          closeAfterAnswer(incoming);
        } else discardRest(incoming);
      }
      return tooLarge(c, limit);
    }
    const read = incoming ? await readIncoming(incoming, limit) : await readWebBody(c.req.raw.body!, limit);
    if (!read.ok) {
      if (read.reason === 'too_large') return tooLarge(c, limit);
      return errorAnswer(c, 400, 'body_incomplete', 'The request body ended before it was complete.');
    }
    const { bytes } = read;
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    cache.text = Promise.resolve(decoder.decode(bytes));
    await next();
  });
}
