// The extension's settings as data: where each is stored and how a configured API is read.
// Pure: the background, the pages and the content scripts all import it.

export const DEFAULT_API_BASE_URL = 'http://localhost:8787';

/**
 * Keys in storage.local. The background and the pages use them through typed items
 * (common/storage.ts); content scripts read them raw (content/stored-settings.ts), which keeps
 * the storage library out of the script that runs on every LinkedIn page.
 */
export const STORAGE_KEYS = {
  /** The BadgeLens API the extension verifies badges with (set on the options page). */
  apiBaseUrl: 'apiBaseUrl',
  /** Which job sites and pages the user switched on (common/site-switches.ts). */
  jobSiteSwitches: 'jobSiteSwitches',
  /** Trustless mode: signed badges (Open Badges 3.0) checked in the browser (on unless switched off). */
  trustlessMode: 'trustlessMode',
} as const;

/** The origin of an http(s) URL ("https://careers.example"), or null for anything else. */
export function httpOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The origin of a configured API base URL, or null when it is not an http(s) URL. */
export function apiOrigin(apiBaseUrl: string): string | null {
  return httpOrigin(apiBaseUrl);
}

/** Badge URLs this extension asks about are the configured server's own; nothing else leaves the page. */
export function isBadgeLensUrl(url: string, apiBaseUrl: string): boolean {
  const origin = apiOrigin(apiBaseUrl);
  if (!origin) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
