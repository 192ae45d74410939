// At most N requests in flight per foreign host, so one batch of badge URLs cannot hammer one
// platform; the others wait in line (and give up when their caller's deadline passes).

export class HostLimiter {
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, Array<() => void>>();

  constructor(readonly perHost: number) {}

  /** Runs `task` once a slot for `host` is free; rejects with the signal's reason if it aborts while waiting. */
  async run<T>(host: string, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    await this.#acquire(host, signal);
    try {
      return await task();
    } finally {
      this.#release(host);
    }
  }

  /** Requests in flight for a host (for tests and diagnostics). */
  active(host: string): number {
    return this.#active.get(host) ?? 0;
  }

  #acquire(host: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const active = this.#active.get(host) ?? 0;
    if (active < this.perHost) {
      this.#active.set(host, active + 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(host) ?? [];
      this.#waiting.set(host, queue);
      const onAbort = () => {
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0) this.#waiting.delete(host);
        reject(signal.reason);
      };
      // The slot passes directly from the releasing request to this one: the count stays the same.
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      queue.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(host: string): void {
    const queue = this.#waiting.get(host);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.#waiting.delete(host);
    if (next) return next();
    const active = (this.#active.get(host) ?? 1) - 1;
    if (active === 0) this.#active.delete(host);
    else this.#active.set(host, active);
  }
}
