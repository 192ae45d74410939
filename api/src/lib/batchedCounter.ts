/**
 * Values gathered in memory under a key and written in batches: a write runs `flushMs` after the first
 * value waiting, at once when `maxWaiting` keys are waiting, and whenever `flush()` is called. Writes run one
 * after another; a failed write is logged and its batch dropped, never retried into a double count.
 */
export interface BatchedCounter<V> {
  /** Sets the value waiting under `key` to `next(the value waiting, if any)`. */
  update(key: string, next: (waiting: V | undefined) => V): Promise<void>;
  has(key: string): boolean;
  /** Writes whatever is waiting (after any write under way). */
  flush(): Promise<void>;
}

export interface BatchedCounterOptions<V> {
  flushMs: number;
  maxWaiting: number;
  /** What is counted, for the log line of a failed write. */
  what: string;
  write(batch: [string, V][]): Promise<void>;
}

const UPDATED: Promise<void> = Promise.resolve();

export function createBatchedCounter<V>({ flushMs, maxWaiting, what, write }: BatchedCounterOptions<V>): BatchedCounter<V> {
  const waiting = new Map<string, V>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function writeWaiting(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.size === 0) return;
    const batch = [...waiting];
    waiting.clear();
    try {
      await write(batch);
    } catch (error) {
      console.error(`could not write ${batch.length} ${what}`, error);
    }
  }

  function flush(): Promise<void> {
    writing = writing.then(writeWaiting);
    return writing;
  }

  return {
    // Not async: the verify route updates a key per badge, and a promise each would cost more than the update.
    update(key, next) {
      waiting.set(key, next(waiting.get(key)));
      if (waiting.size >= maxWaiting) return flush();
      if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref?.();
      }
      return UPDATED;
    },
    has: (key) => waiting.has(key),
    flush,
  };
}
