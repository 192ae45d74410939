// Reading BadgeLens' overlays from a real page (they live in open shadow roots).
/** A page of either driver, Playwright's (Chromium) or Puppeteer's (Firefox): both run a function in it. */
export interface EvaluatingPage {
  evaluate<T>(pageFunction: () => T): Promise<T>;
}

export interface PageOverlays {
  /** data-entry of each fixture entry → its chips as "Label: detail". */
  chips: Record<string, string[]>;
  /** data-entry → how many overlays it holds. */
  overlayCount: Record<string, number>;
  summaries: string[];
  /** data-entry → whether its badge image loaded. */
  imageLoaded: Record<string, boolean>;
  /** data-entry → the level or years line of its first overlay ("CWI · 12 years"), null when it shows none. */
  attributes: Record<string, string | null>;
}

export function readOverlays(page: EvaluatingPage): Promise<PageOverlays> {
  return page.evaluate(() => {
    const result: PageOverlays = { chips: {}, overlayCount: {}, summaries: [], imageLoaded: {}, attributes: {} };
    for (const entry of document.querySelectorAll('[data-entry]')) {
      const name = entry.getAttribute('data-entry')!;
      const hosts = [...entry.querySelectorAll('badgelens-badge')];
      result.overlayCount[name] = hosts.length;
      result.chips[name] = hosts.flatMap((host) =>
        [...(host.shadowRoot?.querySelectorAll('.chip') ?? [])].map((chip) => {
          const label = chip.querySelector('.chip-label')?.textContent ?? '';
          const detail = chip.querySelector('.chip-detail')?.textContent;
          return detail ? `${label}: ${detail}` : label;
        }),
      );
      const image = hosts[0]?.shadowRoot?.querySelector<HTMLImageElement>('img.badge-image');
      result.imageLoaded[name] = Boolean(image && image.complete && image.naturalWidth > 0);
      result.attributes[name] = hosts[0]?.shadowRoot?.querySelector('.attribute')?.textContent ?? null;
    }
    result.summaries = [...document.querySelectorAll('badgelens-summary')].map((host) => host.shadowRoot?.querySelector('.chip-label')?.textContent ?? '');
    return result;
  });
}

/** Polls until `check` stops throwing (or the time is up, then throws its last error). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
