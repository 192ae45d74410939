// What a platform adapter says about a badge URL: where to fetch, and what the answer may be.
import type { VerifyPlatform } from '../../../../shared/schemas/verify';

export interface BadgeSource {
  /** The platform the URL belongs to, or null when the host of the JSON finally read decides. */
  platform: VerifyPlatform | null;
  /** What to fetch first (https; tracking parameters removed). */
  fetchUrl: string;
  /**
   * 'json': an API endpoint that answers the assertion or credential itself; 'page': a web page
   * that may also answer JSON, or link its JSON with `<link rel="alternate">`.
   */
  answer: 'json' | 'page';
}

export interface PlatformAdapter {
  platform: VerifyPlatform;
  /** Where to fetch for one of this platform's badge URLs, or null when the URL is not one. */
  sourceFor(url: URL): BadgeSource | null;
  /** Whether JSON read from this host is the platform's own (for URLs that reach it through a page or a custom domain). */
  ownsHost(hostname: string): boolean;
}
