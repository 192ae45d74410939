// Issue 16: the in-memory fixed windows behind the hot rate-limit rules (earners/localWindows.ts).
import { describe, expect, it } from 'vitest';
import { LocalWindows } from '../src/earners/localWindows';

describe('LocalWindows', () => {
  it('counts within a window, starts a new one when it has ended, and keeps clients and rules apart', () => {
    const windows = new LocalWindows();
    expect(windows.count('verify', 'a', 1000, 0, 1)).toEqual({ hits: 1, windowEndsAt: 1000 });
    expect(windows.count('verify', 'a', 1000, 999, 2)).toEqual({ hits: 3, windowEndsAt: 1000 });
    expect(windows.count('verify', 'b', 1000, 999, 1)).toEqual({ hits: 1, windowEndsAt: 1999 });
    expect(windows.count('other', 'a', 1000, 999, 1)).toEqual({ hits: 1, windowEndsAt: 1999 });
    expect(windows.count('verify', 'a', 1000, 1000, 1)).toEqual({ hits: 1, windowEndsAt: 2000 });
    expect(windows.current('verify', 'a', 2000)).toBeNull();
  });

  it('forgets ended windows as it grows, so a flood of one-time clients does not stay in memory', () => {
    const windows = new LocalWindows();
    for (let i = 0; i < 5000; i++) windows.count('verify', `client${i}`, 10, i, 1);
    expect(windows.size).toBeLessThan(1100);
  });
});
