import { findBadgeLinksIn, firstElement, readPostingWith, type JobSiteAdapter } from '../posting';
import { linkedinJobsSelectors as selectors } from './selectors';

const LINKEDIN_HOST = /^(www|[a-z]{2})\.linkedin\.com$/;
const JOB_VIEW_PATH = /^\/jobs\/view\/(?:[^/]*-)?(\d+)\/?$/;
const JOB_LIST_PATH = /^\/jobs\/(search|collections)(\/[^/]+)?\/?$/;

export const linkedinJobs: JobSiteAdapter = {
  id: 'linkedin-jobs',
  label: 'LinkedIn Jobs',
  hostPatterns: ['*://www.linkedin.com/jobs/*'],
  defaultOn: true,
  matches(url) {
    return LINKEDIN_HOST.test(url.hostname) && (JOB_VIEW_PATH.test(url.pathname) || JOB_LIST_PATH.test(url.pathname));
  },
  postingKey(url) {
    if (!this.matches(url)) return null;
    return url.pathname.match(JOB_VIEW_PATH)?.[1] ?? url.searchParams.get('currentJobId');
  },
  readPosting: (doc) => readPostingWith(doc, selectors),
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
