// Reading BadgeLens' overlays from a real page (they live in open shadow roots), and what the LinkedIn
// fixture profiles must show in every browser.
import { expect } from 'vitest';
import { FIXTURES, type FixtureName } from '../../extension/test/linkedin-fixtures';

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

/** LinkedIn's address for a fixture profile (the fixture server answers for www.linkedin.com). */
export const profileUrl = (name: FixtureName): string => `http://www.linkedin.com${FIXTURES[name]}`;

/**
 * What LinkedIn's single-page app does on a link: push the URL, then swap the main content. Run in the
 * page (`page.evaluate(navigateInApp, path)`), so it must not reach anything outside itself.
 */
export async function navigateInApp(path: string): Promise<void> {
  const html = await (await fetch(path)).text();
  const next = new DOMParser().parseFromString(html, 'text/html');
  history.pushState({}, '', path);
  document.title = next.title;
  document.querySelector('main')!.replaceWith(document.importNode(next.querySelector('main')!, true));
}

/** What the fixture profiles must show, in Chromium and in Firefox alike. */
export const expectOverlays = {
  /** The API is down: every entry says so, the summary counts them as not checked. */
  apiDown(o: PageOverlays): void {
    for (const name of ['valid', 'expired', 'revoked', 'mismatch']) expect(o.chips[name], name).toEqual(['Couldn’t check right now']);
    expect(o.summaries).toEqual(['0 verified badges · 4 not checked']);
  },
  /** Retry after the API came back: checked again. */
  checkedAgain(o: PageOverlays): void {
    expect(o.chips.valid).toEqual(['Verified']);
    expect(o.chips.mismatch?.[0]).toMatch(/^Name mismatch/);
  },
  /** The member profile: each entry's status and the summary. */
  memberProfile(o: PageOverlays): void {
    expect(o.chips.valid).toEqual(['Verified']);
    expect(o.chips.expired?.[0]).toMatch(/^Expired: \w{3} \d+, \d{4}$/);
    expect(o.chips.revoked).toEqual(['Revoked: Issued in error: exam not passed']);
    expect(o.chips.mismatch).toEqual(['Name mismatch: issued to Daniel Whitford']);
    expect(o.summaries).toEqual(['1 verified badge · 3 with problems']);
  },
  /** The second profile, reached without a page load: its one badge only. */
  secondProfile(o: PageOverlays): void {
    expect(o.chips['second-valid']).toEqual(['Verified']);
    expect(o.summaries).toEqual(['1 verified badge']);
    expect(o.overlayCount['second-foreign']).toBe(0);
  },
  /** The redesigned layout (hashed classes, lockup rows, name in an h2). */
  redesignProfile(o: PageOverlays): void {
    expect(o.chips.valid).toEqual(['Verified']);
    expect(o.chips.revoked?.[0]).toMatch(/^Revoked/);
    expect(o.chips.mismatch?.[0]).toMatch(/^Name mismatch/);
    expect(o.summaries).toEqual(['1 verified badge · 3 with problems']);
    expect(o.overlayCount.foreign).toBe(0);
  },
  /** The guest view of the member profile. */
  guestProfile(o: PageOverlays): void {
    expect(o.chips.valid).toEqual(['Verified']);
    expect(o.chips.expired?.[0]).toMatch(/^Expired: \w{3} \d+, \d{4}$/);
    expect(o.overlayCount.foreign).toBe(0);
  },
  /** The certifications details page, with a badge that does not exist. */
  detailsPage(o: PageOverlays): void {
    expect(o.chips.valid).toEqual(['Verified']);
    expect(o.chips['not-found']).toEqual(['Not found: no public badge at this address']);
    expect(o.overlayCount.foreign).toBe(0);
    expect(o.summaries).toEqual(['1 verified badge · 2 with problems']);
  },
};
