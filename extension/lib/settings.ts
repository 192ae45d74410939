import { storage } from 'wxt/utils/storage';

export const DEFAULT_API_BASE_URL = 'http://localhost:8787';

/** The BadgeLens API the extension verifies badges with (set on the options page). */
export const apiBaseUrlItem = storage.defineItem<string>('local:apiBaseUrl', {
  fallback: DEFAULT_API_BASE_URL,
});

/** The origin of a configured API base URL, or null when it is not an http(s) URL. */
export function apiOrigin(apiBaseUrl: string): string | null {
  try {
    const url = new URL(apiBaseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
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
