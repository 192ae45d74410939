import { findBadgeLinksIn, firstElement, hostEndsWith, readPostingWith, type JobSiteAdapter } from '../posting';
import { indeedSelectors as selectors } from './selectors';

const POSTING_PATHS = /^\/(viewjob|jobs|m\/viewjob|q-[^/]+-jobs\.html|cmp\/[^/]+\/jobs)\/?$/;

export const indeed: JobSiteAdapter = {
  id: 'indeed',
  label: 'Indeed',
  hostPatterns: ['*://*.indeed.com/*'],
  defaultOn: false,
  matches(url) {
    return hostEndsWith(url, 'indeed.com') && POSTING_PATHS.test(url.pathname);
  },
  postingKey(url) {
    if (!this.matches(url)) return null;
    return url.searchParams.get('jk') ?? url.searchParams.get('vjk');
  },
  readPosting: (doc) => readPostingWith(doc, selectors),
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
