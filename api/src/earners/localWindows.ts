// Fixed-window hit counters held in this process's memory, for the rate-limit rules every hot request
// counts (verify): on embedded SQLite there is one server process per database (docs/deploy.md), so
// its memory is the whole truth and the request costs no database write; on PostgreSQL they remember
// what the shared counter last said, so a client already over its limit is refused without a write.
import type { CounterWindow } from '../db/rateLimits';

/** Ended windows are swept once the map has grown by this factor since the last sweep (or past MIN_SWEEP_SIZE). */
const MIN_SWEEP_SIZE = 1024;

export class LocalWindows {
  readonly #windows = new Map<string, CounterWindow>();
  #sweepAt = MIN_SWEEP_SIZE;

  /** Counts `hits` on the window of `rule` and `client` (a new one when the last has ended); the window after counting. */
  count(rule: string, client: string, windowMs: number, now: number, hits: number): CounterWindow {
    const key = `${rule}\n${client}`;
    const window = this.#windows.get(key);
    if (window && window.windowEndsAt > now) {
      window.hits += hits;
      return { ...window };
    }
    const fresh = { hits, windowEndsAt: now + windowMs };
    this.#set(key, fresh, now);
    return { ...fresh };
  }

  /** The window last remembered for `rule` and `client`, unless it has ended. */
  current(rule: string, client: string, now: number): CounterWindow | null {
    const window = this.#windows.get(`${rule}\n${client}`);
    return window && window.windowEndsAt > now ? window : null;
  }

  /** Remembers what the shared counter answered. */
  remember(rule: string, client: string, window: CounterWindow, now: number): void {
    this.#set(`${rule}\n${client}`, { ...window }, now);
  }

  get size(): number {
    return this.#windows.size;
  }

  #set(key: string, window: CounterWindow, now: number): void {
    this.#windows.set(key, window);
    if (this.#windows.size >= this.#sweepAt) {
      for (const [other, { windowEndsAt }] of this.#windows) if (windowEndsAt <= now) this.#windows.delete(other);
      this.#sweepAt = Math.max(MIN_SWEEP_SIZE, this.#windows.size * 2);
    }
  }
}
