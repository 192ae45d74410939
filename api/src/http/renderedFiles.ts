// Files rendered from a badge's data (the Open Graph card, the PDF certificate): each rendered once per
// version of that data and kept in memory, bounded by bytes, with an ETag taken from its bytes so that
// clients and caches revalidate with a 304 that renders nothing. The key is built from what the database
// says on each request, so every node of a cluster serves the version the database holds.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export interface RenderedFile {
  bytes: Uint8Array;
  /** A strong ETag (quoted) from the bytes. */
  etag: string;
}

export class RenderedFiles {
  readonly #files = new Map<string, Promise<RenderedFile>>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;
  /** How many times a file was rendered (tests read it: a cached file is never rendered again). */
  renders = 0;

  constructor(readonly maxBytes: number) {}

  /** The file for `key` (which must change whenever anything in the file may), rendered at most once while kept. */
  get(key: string, render: () => Promise<Uint8Array>): Promise<RenderedFile> {
    const kept = this.#files.get(key);
    if (kept) {
      this.#files.delete(key);
      this.#files.set(key, kept);
      return kept;
    }
    this.renders++;
    const pending = render().then((bytes) => ({ bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"` }));
    this.#files.set(key, pending);
    pending.then(
      (file) => this.#account(key, pending, file.bytes.byteLength),
      () => {
        if (this.#files.get(key) === pending) this.#files.delete(key);
      },
    );
    return pending;
  }

  get bytes(): number {
    return this.#bytes;
  }

  #account(key: string, pending: Promise<RenderedFile>, size: number): void {
    if (this.#files.get(key) !== pending) return;
    this.#sizes.set(key, size);
    this.#bytes += size;
    // Least recently used first; files still rendering have no size yet and are skipped.
    for (const oldest of this.#files.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      const oldSize = this.#sizes.get(oldest);
      if (oldSize === undefined) continue;
      this.#files.delete(oldest);
      this.#sizes.delete(oldest);
      this.#bytes -= oldSize;
    }
  }
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET), or is `*`. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Answers with a rendered file, or 304 Not Modified when the client already holds these bytes. */
export function sendRendered(c: Context, file: RenderedFile, headers: Record<string, string>): Response {
  const validators = { ETag: file.etag, 'Cache-Control': headers['Cache-Control'] ?? 'no-cache' };
  if (ifNoneMatch(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, validators);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, ...validators });
}
