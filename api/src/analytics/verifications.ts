// Verifications of this server's badges through POST /api/v1/verify, counted in memory per badge and UTC
// day and written to the daily counters in one upsert per flush: the verify route's cost is a Map update,
// never a database write per request. A crash loses at most the last FLUSH_DELAY_MS of counts.
import { addDailyVerifications } from '../db/analytics';
import type { Db } from '../db/engine';
import { utcDay } from '../db/sharing';
import { createBatchedCounter, type BatchedCounter } from '../lib/batchedCounter';

const FLUSH_DELAY_MS = 5_000;
/**
 * A tally of this many badges is written at once, whatever the delay. Large, so that a badge verified many
 * times within the delay is written once (at 500, a verify load over a few thousand badges wrote a row for
 * nearly every verification); each key waiting takes some 100 bytes.
 */
const MAX_WAITING = 10_000;
/** Rows per upsert. */
const CHUNK_SIZE = 500;

/**
 * Verifications of one badge not yet written on a UTC day, then those of the day before when the wait spans
 * midnight. (A Map or an object keyed by day would hash the day's string for every badge.)
 */
interface DayCount {
  day: string;
  count: number;
  earlier: DayCount | null;
}

/** Per database: assertion id → its verifications not yet written. */
const tallies = new WeakMap<Db, BatchedCounter<DayCount>>();

function tallyOf(db: Db): BatchedCounter<DayCount> {
  let tally = tallies.get(db);
  if (!tally) {
    tally = createBatchedCounter<DayCount>({
      flushMs: FLUSH_DELAY_MS,
      maxWaiting: MAX_WAITING,
      what: 'badge verification counts',
      write: (batch) => writeVerifications(db, batch),
    });
    tallies.set(db, tally);
  }
  return tally;
}

async function writeVerifications(db: Db, batch: [string, DayCount][]): Promise<void> {
  const days = new Map<string, Map<string, number>>();
  for (const [id, latest] of batch) {
    for (let counted: DayCount | null = latest; counted; counted = counted.earlier) {
      let ofDay = days.get(counted.day);
      if (!ofDay) days.set(counted.day, (ofDay = new Map()));
      ofDay.set(id, counted.count);
    }
  }
  for (const [day, counts] of days) {
    for (const part of chunks(counts)) await addDailyVerifications(db, day, part);
  }
}

/**
 * Counts one verification per id (this server's assertion ids a verify batch found: verifyBatch's foundIds),
 * the verify route's one call. Keyed by the id strings the kept URL plans hold, so that counting a known badge
 * hashes no new string.
 */
export function countVerifications(db: Db, ids: readonly string[], at: Date): void {
  if (ids.length === 0) return;
  const tally = tallyOf(db);
  const day = utcDay(at);
  const plusOne = (counted: DayCount | undefined): DayCount => {
    if (counted?.day !== day) return { day, count: 1, earlier: counted ?? null };
    counted.count++;
    return counted;
  };
  for (const id of ids) void tally.update(id, plusOne);
}

function chunks(counts: Map<string, number>): Map<string, number>[] {
  const entries = [...counts];
  const parts: Map<string, number>[] = [];
  for (let start = 0; start < entries.length; start += CHUNK_SIZE) parts.push(new Map(entries.slice(start, start + CHUNK_SIZE)));
  return parts;
}

/**
 * Writes the counts held in memory for `db` to the daily counters (and waits for a flush already under way):
 * readers call it first so they see every verification this node has counted. A failed write is logged and
 * its counts dropped, never retried into a double count.
 */
export async function flushVerificationCounts(db: Db): Promise<void> {
  await tallies.get(db)?.flush();
}
