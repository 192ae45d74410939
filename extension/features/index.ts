// Every feature, registered once. extension/features/features.test.ts checks that each file
// in this folder is listed here and documented.
import type { Feature } from '../lib/feature';
import linkedinBadgeOverlays from './linkedin-badge-overlays';

export const features: readonly Feature[] = [linkedinBadgeOverlays];

export function featuresFor(site: Feature['site']): Feature[] {
  return features.filter((feature) => feature.site === site);
}
