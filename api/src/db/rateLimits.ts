import type { Db } from './engine';

export interface CounterWindow {
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** When the current window ends (milliseconds since the epoch). */
  windowEndsAt: number;
}

/**
 * Counts `hits` hits (one by default) on a fixed-window counter in one atomic upsert: a new window starts
 * when the last one has ended. Nodes counting the same client at the same moment all add up.
 */
export async function countHit(db: Db, rule: string, client: string, windowMs: number, now: number, hits = 1): Promise<CounterWindow> {
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ rule, client, window_ends_at: now + windowMs, hits })
    .onConflict((oc) =>
      oc.columns(['rule', 'client']).doUpdateSet((eb) => {
        const ended = eb('rate_limit_counters.window_ends_at', '<=', now);
        return {
          hits: eb.case().when(ended).then(hits).else(eb('rate_limit_counters.hits', '+', hits)).end(),
          window_ends_at: eb.case().when(ended).then(eb.ref('excluded.window_ends_at')).else(eb.ref('rate_limit_counters.window_ends_at')).end(),
        };
      }),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, windowEndsAt: Number(row.window_ends_at) };
}

/** Forgets counters whose window has ended. */
export async function deleteEndedCounters(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('window_ends_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
