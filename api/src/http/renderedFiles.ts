// Files rendered from a badge's data (the Open Graph card, the PDF certificate): each rendered once per
// version of that data, with an ETag taken from its bytes so that clients and caches revalidate with a 304
// that renders nothing. The most recently used are kept in memory up to a byte budget; the ones pushed out
// go to a folder of their own in the system's temporary directory (up to a far larger budget), so that a
// server with many badges renders each version once without holding every file in its memory. The key is
// built from what the database says on each request, so every node of a cluster serves the version the
// database holds.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'hono';

export interface RenderedFile {
  bytes: Uint8Array;
  /** A strong ETag (quoted) from the bytes. */
  etag: string;
}

export interface RenderedFilesBudget {
  /** Bytes kept in memory (least recently used go to disk first). */
  memoryBytes: number;
  /** Bytes kept on disk; 0: none (files pushed out of memory are forgotten). */
  diskBytes?: number;
}

interface OnDisk {
  path: string;
  etag: string;
  size: number;
}

/** This process's folder for files pushed out of memory, made on first use and removed when the process exits. */
let spillFolder: string | null = null;
function spillDirectory(): string {
  if (!spillFolder) {
    const folder = mkdtempSync(join(tmpdir(), 'badgelens-rendered-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    spillFolder = folder;
  }
  return spillFolder;
}

let nextInstance = 1;

export class RenderedFiles {
  readonly #files = new Map<string, Promise<RenderedFile>>();
  readonly #sizes = new Map<string, number>();
  readonly #disk = new Map<string, OnDisk>();
  readonly #instance = nextInstance++;
  #bytes = 0;
  #diskBytes = 0;
  /** How many times a file was rendered (tests read it: a cached file is never rendered again). */
  renders = 0;
  /** How many files were written to disk (tests read it: a file already there is never written again). */
  diskWrites = 0;

  constructor(readonly budget: RenderedFilesBudget) {}

  /** The file for `key` (which must change whenever anything in the file may), rendered at most once while kept. */
  get(key: string, render: () => Promise<Uint8Array>): Promise<RenderedFile> {
    const kept = this.#files.get(key);
    if (kept) {
      this.#files.delete(key);
      this.#files.set(key, kept);
      return kept;
    }
    const onDisk = this.#disk.get(key);
    const pending = onDisk ? this.#readBack(key, onDisk, render) : this.#render(render);
    this.#files.set(key, pending);
    pending.then(
      (file) => this.#account(key, pending, file),
      () => {
        if (this.#files.get(key) === pending) this.#files.delete(key);
      },
    );
    return pending;
  }

  /** Bytes held in memory. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes held on disk. */
  get diskBytes(): number {
    return this.#diskBytes;
  }

  #render(render: () => Promise<Uint8Array>): Promise<RenderedFile> {
    this.renders++;
    return render().then((bytes) => ({ bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"` }));
  }

  /**
   * A file on disk, read back into memory. Its disk copy stays (the bytes of a key never change), so pushing it
   * out of memory again writes nothing: a working set larger than the memory budget costs one read per miss.
   */
  async #readBack(key: string, onDisk: OnDisk, render: () => Promise<Uint8Array>): Promise<RenderedFile> {
    // The most recently used on disk too: the last to be removed while it is being read.
    this.#disk.delete(key);
    this.#disk.set(key, onDisk);
    try {
      return { bytes: await readFile(onDisk.path), etag: onDisk.etag };
    } catch {
      this.#forgetOnDisk(key);
      void unlink(onDisk.path).catch(() => {});
      return this.#render(render);
    }
  }

  #account(key: string, pending: Promise<RenderedFile>, file: RenderedFile): void {
    if (this.#files.get(key) !== pending) return;
    this.#sizes.set(key, file.bytes.byteLength);
    this.#bytes += file.bytes.byteLength;
    void this.#pushOut(this.budget.memoryBytes);
  }

  /**
   * Moves every file held in memory to disk (those without room there are forgotten): for a server that has
   * gone quiet, so that it gives its memory back. Files still rendering stay.
   */
  releaseMemory(): Promise<void> {
    return this.#pushOut(0);
  }

  /** Moves files from memory to disk, least recently used first, until at most `bytes` are left in memory. */
  #pushOut(bytes: number): Promise<void> {
    const spills: Promise<void>[] = [];
    // Files still rendering have no size yet and are skipped.
    for (const [oldest, oldPending] of this.#files) {
      if (this.#bytes <= bytes) break;
      const oldSize = this.#sizes.get(oldest);
      if (oldSize === undefined) continue;
      this.#files.delete(oldest);
      this.#sizes.delete(oldest);
      this.#bytes -= oldSize;
      spills.push(oldPending.then((old) => this.#spill(oldest, old)));
    }
    return Promise.all(spills).then(() => {});
  }

  async #spill(key: string, file: RenderedFile): Promise<void> {
    const diskBytes = this.budget.diskBytes ?? 0;
    if (file.bytes.byteLength > diskBytes || this.#files.has(key) || this.#disk.has(key)) return;
    try {
      this.diskWrites++;
      // Named by instance too: two instances (cards, certificates; tests) may use the same key.
      const path = join(spillDirectory(), `${this.#instance}-${createHash('sha256').update(key).digest('hex')}`);
      await writeFile(path, file.bytes);
      if (this.#files.has(key)) return void unlink(path).catch(() => {});
      this.#forgetOnDisk(key);
      this.#disk.set(key, { path, etag: file.etag, size: file.bytes.byteLength });
      this.#diskBytes += file.bytes.byteLength;
      for (const [oldest, old] of this.#disk) {
        if (this.#diskBytes <= diskBytes) break;
        this.#forgetOnDisk(oldest);
        void unlink(old.path).catch(() => {});
      }
    } catch (error) {
      console.error('could not keep a rendered file on disk (it will be rendered again when asked for)', error);
    }
  }

  #forgetOnDisk(key: string): void {
    const old = this.#disk.get(key);
    if (!old) return;
    this.#disk.delete(key);
    this.#diskBytes -= old.size;
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
