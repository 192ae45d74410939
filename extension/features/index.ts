// Every feature, registered once. extension/features/features.test.ts checks that each file
// in this folder is listed here and documented.
import type { Feature, FeatureSite } from '../lib/feature';
import jobBadgesPanel from './job-badges-panel';
import jobsiteBadgeChips from './jobsite-badge-chips';
import linkedinBadgeOverlays from './linkedin-badge-overlays';

export const features: readonly Feature[] = [linkedinBadgeOverlays, jobBadgesPanel, jobsiteBadgeChips];

export function featuresFor(site: FeatureSite): Feature[] {
  return features.filter((feature) => (typeof feature.site === 'string' ? feature.site === site : feature.site.includes(site)));
}
