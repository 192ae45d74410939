// Memory that only speeds up busy times (rendered cards and certificates held in memory) is let go once the
// node has been quiet for a while, so that its memory goes back near where it started when a burst of
// traffic ends. The files stay on disk: the next request for one reads it back instead of rendering it.
import { ogCards } from '../openbadges/og';
import { certificates } from '../sharing/certificateRoutes';

export interface ReleasableMemory {
  releaseMemory(): Promise<void>;
}

export interface QuietMemoryOptions {
  /** Milliseconds since the last request (see RequestActivity.quietFor). */
  quietFor: () => number;
  caches: ReleasableMemory[];
  /** How long the node must have been quiet. */
  afterMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * A full collection, when the process was started with --expose-gc (scripts/node-flags.mjs): what was let go
 * is unreachable, but an idle V8 may not collect it for a long time. Blocks for some tens of milliseconds,
 * which is why it runs only after a quiet spell.
 */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  // The second collection compacts the pages the first left sparse, and their memory goes back to the system.
  gc();
  gc();
}

/** `check()` releases the caches' memory once per quiet spell of at least `afterMs`. */
export function quietMemoryReleaser(options: QuietMemoryOptions): { check(): Promise<void> } {
  const { quietFor, caches, afterMs = 15_000, onError = console.error } = options;
  let releasedThisSpell = false;
  return {
    async check() {
      if (quietFor() < afterMs) {
        releasedThisSpell = false;
        return;
      }
      if (releasedThisSpell) return;
      releasedThisSpell = true;
      await Promise.all(caches.map((cache) => cache.releaseMemory())).catch(onError);
      // Unless a request came in meanwhile: it would wait for the collection.
      if (quietFor() >= afterMs) collect();
    },
  };
}

/** Checks every `everyMs` (less than `afterMs`, so that every request in between is seen); returns stop. */
export function releaseMemoryWhenQuiet(options: QuietMemoryOptions & { everyMs?: number }): () => void {
  const releaser = quietMemoryReleaser(options);
  const timer = setInterval(() => void releaser.check(), options.everyMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** What the API server and the benchmarks' server run: the cards and certificates let go after a quiet spell. */
export function releaseRenderedFilesWhenQuiet(quietFor: () => number): () => void {
  return releaseMemoryWhenQuiet({ quietFor, caches: [ogCards, certificates] });
}
