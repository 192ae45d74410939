// The job-site adapters, most specific first; the generic adapter reads any other page.
// Adding a site is adding a folder next to this file and one line here.
import { generic } from './generic';
import { greenhouse } from './greenhouse';
import { indeed } from './indeed';
import { lever } from './lever';
import { linkedinJobs } from './linkedin-jobs';
import type { JobSiteAdapter } from './posting';
import { workday } from './workday';

export const JOB_SITES: readonly JobSiteAdapter[] = [linkedinJobs, indeed, greenhouse, lever, workday];
export const GENERIC_SITE = generic;

/** The adapter for a page: a known job site's, or the generic one. */
export function adapterFor(url: URL): JobSiteAdapter {
  return JOB_SITES.find((site) => site.matches(url)) ?? GENERIC_SITE;
}

export function siteById(id: string): JobSiteAdapter | undefined {
  return [...JOB_SITES, GENERIC_SITE].find((site) => site.id === id);
}

export type { BadgeLink, JobPosting, JobSiteAdapter } from './posting';
