// Any other URL: it may answer an Open Badges 2.0 Assertion or 3.0 credential itself (JSON-LD or
// JSON, content-negotiated), or be a page that links one (./htmlPage.ts). Tracking parameters are
// removed before fetching; the rest of the query is kept (it may be part of the address).
import { withoutTracking } from '../badgeUrl';
import type { BadgeSource } from './types';

export function openBadgesSource(url: URL): BadgeSource {
  return { platform: null, fetchUrl: withoutTracking(url).href, answer: 'page' };
}
