import { describe, expect, it } from 'vitest';
import { createBatchedCounter } from '../src/lib/batchedCounter';

function recordingCounter(maxWaiting: number, fail = false) {
  const written: [string, number][][] = [];
  const counter = createBatchedCounter<number>({
    flushMs: 60_000,
    maxWaiting,
    what: 'test counts',
    async write(batch) {
      if (fail) throw new Error('database down');
      written.push(batch);
    },
  });
  return { counter, written };
}

describe('batched counter', () => {
  it('merges values under one key and writes them once on flush', async () => {
    const { counter, written } = recordingCounter(10);
    await counter.update('a', (n) => (n ?? 0) + 1);
    await counter.update('a', (n) => (n ?? 0) + 1);
    await counter.update('b', (n) => (n ?? 0) + 1);
    expect(counter.has('a')).toBe(true);
    expect(written).toEqual([]);
    await counter.flush();
    expect(written).toEqual([[['a', 2], ['b', 1]]]);
    expect(counter.has('a')).toBe(false);
    await counter.flush();
    expect(written).toHaveLength(1);
  });

  it('writes at once when maxWaiting keys are waiting', async () => {
    const { counter, written } = recordingCounter(2);
    await counter.update('a', () => 1);
    await counter.update('b', () => 1);
    expect(written).toEqual([[['a', 1], ['b', 1]]]);
  });

  it('drops a batch whose write fails instead of retrying it into a double count', async () => {
    const { counter, written } = recordingCounter(10, true);
    await counter.update('a', () => 1);
    await counter.flush();
    expect(counter.has('a')).toBe(false);
    expect(written).toEqual([]);
  });
});
