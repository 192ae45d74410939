// Every feature, registered once, and the features of each content script. The lists are
// written out (not filtered at run time) so that each script's bundle holds only its own
// features. extension/features/features.test.ts checks that each file in this folder is
// registered, documented and listed for exactly the sites it declares.
import type { Feature, FeatureSite } from '../content/feature';
import jobBadgesPanel from './job-badges-panel';
import jobsiteBadgeChips from './jobsite-badge-chips';
import linkedinBadgeOverlays from './linkedin-badge-overlays';
import linkedinJobBadgesPanel from './linkedin-job-badges-panel';

export const linkedinFeatures: readonly Feature[] = [linkedinBadgeOverlays, linkedinJobBadgesPanel];
export const jobsitesFeatures: readonly Feature[] = [jobBadgesPanel, jobsiteBadgeChips];

export const featuresBySite: Readonly<Record<FeatureSite, readonly Feature[]>> = { linkedin: linkedinFeatures, jobsites: jobsitesFeatures };

export const features: readonly Feature[] = [linkedinBadgeOverlays, linkedinJobBadgesPanel, jobBadgesPanel, jobsiteBadgeChips];
