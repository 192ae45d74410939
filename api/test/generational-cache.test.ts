import { describe, expect, it } from 'vitest';
import { createGenerationalCache } from '../src/lib/generationalCache';

describe('generational cache', () => {
  it('keeps at most two generations, forgetting the older one when the newer is full', () => {
    const cache = createGenerationalCache<number>(3);
    for (let n = 0; n < 7; n++) {
      cache.set(`k${n}`, n);
      expect(cache.size).toBeLessThanOrEqual(6);
    }
    // k0..k2 filled the first generation, k3..k5 the second, k6 started a third: k0..k2 are forgotten.
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => cache.get(`k${n}`))).toEqual([undefined, undefined, undefined, 3, 4, 5, 6]);
    expect(cache.size).toBe(4);
  });

  it('moves an entry found in the older generation to the newer one, so that entries in use stay', () => {
    const cache = createGenerationalCache<string>(2);
    cache.set('used', 'u');
    cache.set('idle', 'i');
    cache.set('a', 'a'); // newer is full: 'used' and 'idle' are now the older generation
    expect(cache.get('used')).toBe('u'); // moved to the newer generation
    cache.set('b', 'b'); // the newer one ('a', 'used') is full: the older one ('idle') is forgotten
    expect(cache.get('idle')).toBeUndefined();
    expect(cache.get('used')).toBe('u');
    expect(cache.size).toBe(3);
  });

  it('holds one value per key: setting a key again replaces it in either generation', () => {
    const cache = createGenerationalCache<number>(2);
    cache.set('x', 1);
    cache.set('y', 1);
    cache.set('z', 1); // 'x' and 'y' are now the older generation
    cache.set('x', 2); // into the newer one, and out of the older
    expect(cache.get('x')).toBe(2);
    expect(cache.size).toBe(3);
    cache.set('x', 3);
    expect(cache.get('x')).toBe(3);
    expect(cache.size).toBe(3);
  });
});
