import { clientHashes, counterSalt, countClientBadgeEvents, utcDay, type BadgeEvent, type ClientBadgeEvent, type CountedClient } from '../db/sharing';
import type { Db } from '../db/engine';
import { createBatchedCounter } from '../lib/batchedCounter';

/**
 * Badge page views and tracked shares, counted in memory and written in batches: one transaction per
 * flush instead of four statements per request. A flush runs `flushMs` after the first event waiting, at
 * once when `maxWaiting` are waiting, before anything reads the counters on this node (`flush()`), and on a
 * clean stop (`stop()`): nothing counted is lost unless the process dies.
 */
export interface BadgeEventCounter {
  /** The day's salt for this node's hashes (counterSalt), kept in memory once read. */
  salt(day: string): Promise<string>;
  /** Counts `event` for the client at `at`, once per client, badge and day (db/sharing.ts, countClientBadgeEvents). */
  count(assertionId: string, event: BadgeEvent, client: CountedClient, at: Date): Promise<void>;
  /** Writes whatever is waiting. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; events counted afterwards are written at once. */
  stop(): Promise<void>;
}

export interface BadgeEventCounterOptions {
  flushMs?: number;
  maxWaiting?: number;
  /** Events this node already wrote (or saw refused) today are not sent again; the set is forgotten past this size. */
  maxRemembered?: number;
}

export function createBadgeEventCounter(db: Db, { flushMs = 1000, maxWaiting = 500, maxRemembered = 100_000 }: BadgeEventCounterOptions = {}): BadgeEventCounter {
  const salts = new Map<string, Promise<string>>();
  // Keys of events the database already has for today: counting them again could only be refused.
  let remembered = new Set<string>();
  let rememberedDay = '';
  let stopped = false;
  const waiting = createBatchedCounter<ClientBadgeEvent>({
    flushMs,
    maxWaiting,
    what: 'badge view and share counts',
    async write(batch) {
      await countClientBadgeEvents(db, batch.map(([, event]) => event));
      for (const [key, event] of batch) {
        if (event.day !== rememberedDay || remembered.size >= maxRemembered) {
          remembered = new Set();
          rememberedDay = event.day;
        }
        remembered.add(key);
      }
    },
  });

  function salt(day: string): Promise<string> {
    let value = salts.get(day);
    if (!value) {
      for (const old of salts.keys()) if (old < day) salts.delete(old);
      value = counterSalt(db, day);
      value.catch(() => salts.delete(day));
      salts.set(day, value);
    }
    return value;
  }

  function flush(): Promise<void> {
    return waiting.flush();
  }

  return {
    salt,
    async count(assertionId, event, client, at) {
      const day = utcDay(at);
      const hashes = clientHashes(await salt(day), client);
      const key = `${assertionId}|${event}|${day}|${hashes.clientHash}`;
      if (remembered.has(key) || waiting.has(key)) return;
      await waiting.update(key, () => ({ assertionId, event, day, ...hashes }));
      if (stopped) await flush();
    },
    flush,
    async stop() {
      stopped = true;
      await flush();
    },
  };
}
