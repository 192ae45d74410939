// When to react to the page changing: soon, but not on every mutation.

/**
 * Returns a function that asks for `work` to run. The first ask runs it at the end of the current
 * task (a burst of DOM mutations made in one task is one run); while asks keep coming, it runs at
 * most once per `minIntervalMs`. Nothing runs once `signal` is aborted.
 */
export function throttledTask(work: () => void, minIntervalMs: number, signal: AbortSignal): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = -Infinity;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return () => {
    if (timer !== undefined || signal.aborted) return;
    const wait = Math.max(0, lastRun + minIntervalMs - performance.now());
    timer = setTimeout(() => {
      timer = undefined;
      if (signal.aborted) return;
      lastRun = performance.now();
      work();
    }, wait);
  };
}
