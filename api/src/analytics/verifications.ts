// Verifications of this server's badges through POST /api/v1/verify, counted in memory per badge and UTC
// day and written to the daily counters in one upsert per flush: the verify route's cost is a Map update,
// never a database write per request. A crash loses at most the last FLUSH_DELAY_MS of counts.
import type { VerifyItemResult } from '../../../shared/schemas/verify';
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

/** Per database: "day|assertion id" → verifications not yet written. */
const tallies = new WeakMap<Db, BatchedCounter<number>>();

function tallyOf(db: Db): BatchedCounter<number> {
  let tally = tallies.get(db);
  if (!tally) {
    tally = createBatchedCounter<number>({
      flushMs: FLUSH_DELAY_MS,
      maxWaiting: MAX_WAITING,
      what: 'badge verification counts',
      write: (batch) => writeVerifications(db, batch),
    });
    tallies.set(db, tally);
  }
  return tally;
}

const localSourcePatterns = new Map<string, RegExp>();

/**
 * The source URL this server writes for its own badges (`<public URL>/assertions/<id>` or
 * `/credentials/<id>`, built from the same base string), as one pattern compiled once per base: the
 * verify route reads it for every result, so no URL is parsed again here.
 */
function localSourcePattern(publicUrl: string): RegExp {
  let pattern = localSourcePatterns.get(publicUrl);
  if (!pattern) {
    const base = publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`^${base}/(?:assertions|credentials)/([A-Za-z0-9_-]{16,64})$`);
    if (localSourcePatterns.size >= 16) localSourcePatterns.clear();
    localSourcePatterns.set(publicUrl, pattern);
  }
  return pattern;
}

async function writeVerifications(db: Db, batch: [string, number][]): Promise<void> {
  const days = new Map<string, Map<string, number>>();
  for (const [key, count] of batch) {
    const [day, id] = splitKey(key);
    let counts = days.get(day);
    if (!counts) days.set(day, (counts = new Map()));
    counts.set(id, count);
  }
  for (const [day, counts] of days) {
    for (const part of chunks(counts)) await addDailyVerifications(db, day, part);
  }
}

function splitKey(key: string): [string, string] {
  const bar = key.indexOf('|');
  return [key.slice(0, bar), key.slice(bar + 1)];
}

/** The assertion ids of this server's badges that a verify batch found (valid, expired or revoked), in order. */
export function verifiedLocalAssertionIds(results: readonly VerifyItemResult[], publicUrl: string): string[] {
  const pattern = localSourcePattern(publicUrl);
  const ids: string[] = [];
  for (const result of results) {
    if (!result.badge || !result.source?.checkedUrl) continue;
    const match = pattern.exec(result.source.checkedUrl);
    if (match) ids.push(match[1]);
  }
  return ids;
}

const plusOne = (before: number | undefined) => (before ?? 0) + 1;

/** Counts one verification of each of this server's badges in a verify batch's results (the verify route's one call). */
export function countVerifications(db: Db, publicUrl: string, results: readonly VerifyItemResult[], at: Date): void {
  const ids = verifiedLocalAssertionIds(results, publicUrl);
  if (ids.length === 0) return;
  const tally = tallyOf(db);
  const day = utcDay(at);
  for (const id of ids) void tally.update(`${day}|${id}`, plusOne);
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
