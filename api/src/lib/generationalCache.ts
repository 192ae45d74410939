/**
 * A bounded cache for hot paths: two generations of at most `generationSize` entries each. A value found in
 * the older generation moves to the newer one; when the newer one is full, the older one is forgotten and
 * the newer one becomes the older. Entries in use stay, with no bookkeeping on a hit in the newer generation
 * (an exact LRU moves the entry on every hit), and there are never more than twice `generationSize`.
 */
export interface GenerationalCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
}

export function createGenerationalCache<V>(generationSize: number): GenerationalCache<V> {
  let newer = new Map<string, V>();
  let older = new Map<string, V>();

  function set(key: string, value: V): void {
    older.delete(key);
    if (newer.size >= generationSize && !newer.has(key)) {
      older = newer;
      newer = new Map();
    }
    newer.set(key, value);
  }

  return {
    get(key) {
      const recent = newer.get(key);
      if (recent !== undefined) return recent;
      const old = older.get(key);
      if (old !== undefined) set(key, old);
      return old;
    },
    set,
    get size() {
      return newer.size + older.size;
    },
  };
}
