// The platforms whose badge URLs are recognised: URL pattern → where to fetch → how to read it.
import type { VerifyPlatform } from '../../../../shared/schemas/verify';
import { accredible } from './accredible';
import { badgr } from './badgr';
import { credly } from './credly';
import { openBadgesSource } from './openbadgesUrl';
import type { BadgeSource, PlatformAdapter } from './types';

export type { BadgeSource } from './types';
export { linkedBadgeDocument, LINKED_BADGE_TYPES } from './htmlPage';

const ADAPTERS: readonly PlatformAdapter[] = [credly, badgr, accredible];

/** Where to fetch for a foreign badge URL (LinkedIn's wrapper already taken off): a platform's own endpoint, or the URL itself. */
export function badgeSourceFor(url: URL): BadgeSource {
  for (const adapter of ADAPTERS) {
    const source = adapter.sourceFor(url);
    if (source) return source;
  }
  return openBadgesSource(url);
}

/** The platform whose host served a badge document (any other host: plain Open Badges). */
export function platformOfUrl(url: string): VerifyPlatform {
  const hostname = new URL(url).hostname.toLowerCase();
  return ADAPTERS.find((adapter) => adapter.ownsHost(hostname))?.platform ?? 'openbadges';
}
