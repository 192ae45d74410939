// Every SVG the server turns into PNG (badge PNGs, baked PNGs, social cards, upload checks) goes
// through here: checked against the allow-list and the size limits first, then drawn by resvg in
// a child process with a memory limit, killed when it exceeds the time limit. A worker thread
// would not do: terminating one does not stop native code that is running.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSvg, renderSizeProblem, SVG_LIMITS } from '../lib/svg';

export const RASTER_LIMITS = {
  /** Time for one render, from the moment the renderer starts on it. */
  timeLimitMs: 3_000,
  /** Memory of a renderer process (RLIMIT_DATA, where the platform has it). */
  memoryLimitBytes: 512 * 1024 * 1024,
  /** Renderer processes running at once. */
  processes: 2,
  /** A renderer process that is not ready after this long is given up (the machine may be busy). */
  startupMs: 20_000,
  /** An idle renderer exits after this long. */
  idleMs: 60_000,
} as const;

/** unavailable: the renderer process could not be started (nothing to do with the image). */
export type RasteriseFailure = 'invalid' | 'too_large' | 'timeout' | 'crashed' | 'unavailable';

export class RasteriseError extends Error {
  constructor(
    readonly reason: RasteriseFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface RasteriseOptions {
  timeLimitMs?: number;
}

interface Job {
  svg: Buffer;
  width: number;
  timeLimitMs: number;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

type RendererMessage = { ready: true } | { id: number; png: Uint8Array } | { id: number; error: 'invalid' | 'too_large'; message: string };

function spawnRenderer(): ChildProcess {
  // Resolved here, not at import: modules that only import this one (browser-like test environments) never need it.
  const script = fileURLToPath(new URL('./rasterProcess.mjs', import.meta.url));
  const options = { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] as ('ignore' | 'ipc')[], serialization: 'advanced' as const };
  if (process.platform === 'win32') return spawn(process.execPath, [script], options);
  // `ulimit -d` caps the data segment (which includes every anonymous mapping since Linux 4.7): an SVG
  // that makes resvg allocate gigabytes kills its renderer, not the server.
  const kilobytes = Math.floor(RASTER_LIMITS.memoryLimitBytes / 1024);
  return spawn('/bin/sh', ['-c', `ulimit -d ${kilobytes} 2>/dev/null; exec "$0" "$1"`, process.execPath, script], options);
}

/** One renderer process, started on demand, doing one job at a time. */
class Renderer {
  #child: ChildProcess | null = null;
  #ready: Promise<void> | null = null;
  #idleTimer: NodeJS.Timeout | null = null;
  #nextId = 1;
  busy = false;

  async run(job: Job): Promise<void> {
    this.busy = true;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    try {
      job.resolve(await this.#render(job));
    } catch (error) {
      job.reject(error as Error);
    } finally {
      this.busy = false;
      this.#child?.unref();
      (this.#child?.channel as { unref?: () => void } | undefined)?.unref?.();
      this.#idleTimer = setTimeout(() => this.#stop(), RASTER_LIMITS.idleMs).unref();
    }
  }

  #start(): { child: ChildProcess; ready: Promise<void> } {
    if (this.#child && this.#ready) return { child: this.#child, ready: this.#ready };
    const child = spawnRenderer();
    this.#child = child;
    this.#ready = new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', giveUp);
        child.off('error', giveUp);
      };
      const onMessage = (message: RendererMessage) => {
        if (!('ready' in message)) return;
        done();
        resolve();
      };
      const giveUp = () => {
        done();
        this.#discard(child);
        reject(new RasteriseError('unavailable', 'the image renderer could not start'));
      };
      const timer = setTimeout(giveUp, RASTER_LIMITS.startupMs);
      child.on('message', onMessage);
      child.once('exit', giveUp);
      child.once('error', giveUp);
    });
    child.once('exit', () => this.#discard(child));
    // A failure to talk to the process ends it; the job in progress then fails through 'exit'.
    child.on('error', () => child.kill('SIGKILL'));
    return { child, ready: this.#ready };
  }

  #stop(): void {
    if (!this.busy && this.#child) this.#discard(this.#child);
  }

  /** Kills a renderer process and makes sure no later job is sent to it. */
  #discard(child: ChildProcess): void {
    child.kill('SIGKILL');
    if (this.#child !== child) return;
    this.#child = null;
    this.#ready = null;
  }

  async #render(job: Job): Promise<Buffer> {
    const { child, ready } = this.#start();
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
    await ready;
    const id = this.#nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        finish();
        this.#discard(child);
        reject(new RasteriseError('timeout', `drawing the image took longer than ${job.timeLimitMs} ms`));
      }, job.timeLimitMs);
      const onMessage = (message: RendererMessage) => {
        if ('ready' in message || message.id !== id) return;
        finish();
        if ('png' in message) resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
        else reject(new RasteriseError(message.error, `the image cannot be drawn: ${message.message}`));
      };
      const onExit = () => {
        finish();
        reject(new RasteriseError('crashed', 'the image renderer stopped while drawing (the image needs too much memory)'));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, svg: job.svg, width: job.width, maxPixels: SVG_LIMITS.maxRenderPixels });
    });
  }
}

const renderers = Array.from({ length: RASTER_LIMITS.processes }, () => new Renderer());
const queue: Job[] = [];

function dispatch(): void {
  for (const renderer of renderers) {
    if (queue.length === 0) return;
    if (renderer.busy) continue;
    const job = queue.shift()!;
    void renderer.run(job).then(dispatch);
  }
}

/**
 * Renders an SVG to a PNG `width` pixels wide. Throws RasteriseError when the SVG is not allowed,
 * would be too large, takes longer than the time limit or needs too much memory.
 */
export async function rasterise(svg: string | Buffer, width: number, options: RasteriseOptions = {}): Promise<Buffer> {
  const text = typeof svg === 'string' ? svg : svg.toString('utf8');
  const check = checkSvg(text);
  if (!check.ok) throw new RasteriseError('invalid', `the SVG image has ${check.problem}`);
  const sizeProblem = renderSizeProblem(check.size, width);
  if (sizeProblem) throw new RasteriseError('too_large', `the SVG image is too large: ${sizeProblem}`);
  return new Promise<Buffer>((resolve, reject) => {
    queue.push({ svg: Buffer.from(text, 'utf8'), width, timeLimitMs: options.timeLimitMs ?? RASTER_LIMITS.timeLimitMs, resolve, reject });
    dispatch();
  });
}
