import { findBadgeLinksIn, firstElement, readPostingWith, type JobSiteAdapter } from '../posting';
import { workdaySelectors as selectors } from './selectors';

const WORKDAY_HOST = /^[a-z0-9-]+\.wd\d+\.myworkdayjobs\.com$/;
const JOB_PATH = /^(?:\/[a-z]{2}-[A-Z]{2})?\/[^/]+\/job\/(?:[^/]+\/)*[^/]*_([A-Za-z0-9-]+)\/?$/;

export const workday: JobSiteAdapter = {
  id: 'workday',
  label: 'Workday',
  hostPatterns: ['*://*.myworkdayjobs.com/*'],
  defaultOn: false,
  matches(url) {
    return WORKDAY_HOST.test(url.hostname);
  },
  postingKey(url) {
    return this.matches(url) ? (url.pathname.match(JOB_PATH)?.[1] ?? null) : null;
  },
  readPosting: (doc) => readPostingWith(doc, selectors),
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
