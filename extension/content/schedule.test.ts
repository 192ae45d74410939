import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { throttledTask } from './schedule';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('throttledTask', () => {
  test('the first ask runs at the end of the task, a burst of asks runs once', async () => {
    let runs = 0;
    const ask = throttledTask(() => (runs += 1), 60, new AbortController().signal);
    ask();
    ask();
    ask();
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
  });

  test('while asks keep coming, at most one run per interval', async () => {
    let runs = 0;
    const ask = throttledTask(() => (runs += 1), 60, new AbortController().signal);
    ask();
    await vi.advanceTimersByTimeAsync(0);
    ask();
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toBe(1);
    ask();
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    ask();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(3);
  });

  test('nothing runs after the signal aborts, even a run already asked for', async () => {
    let runs = 0;
    const controller = new AbortController();
    const ask = throttledTask(() => (runs += 1), 60, controller.signal);
    ask();
    controller.abort();
    ask();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(0);
  });
});
