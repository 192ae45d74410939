/** Concurrent calls for one key share one run of the work: 50 requests for one badge make one fetch. */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) return running;
    // Started in a later microtask, so the entry is always in the map before the work can settle.
    const started = Promise.resolve().then(work).finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    return started;
  }

  /** Keys being worked on right now (for tests and diagnostics). */
  get size(): number {
    return this.#running.size;
  }
}
