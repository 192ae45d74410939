import { findBadgeLinksIn, firstElement, hostIs, readPostingWith, type JobSiteAdapter } from '../posting';
import { leverSelectors as selectors } from './selectors';

const JOB_HOSTS = ['jobs.lever.co', 'jobs.eu.lever.co'];
const POSTING_PATH = /^\/[^/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export const lever: JobSiteAdapter = {
  id: 'lever',
  label: 'Lever',
  hostPatterns: ['*://jobs.lever.co/*', '*://jobs.eu.lever.co/*', '*://hire.lever.co/*'],
  defaultOn: false,
  matches(url) {
    return (hostIs(url, ...JOB_HOSTS) && POSTING_PATH.test(url.pathname)) || hostIs(url, 'hire.lever.co');
  },
  postingKey(url) {
    return hostIs(url, ...JOB_HOSTS) ? (url.pathname.match(POSTING_PATH)?.[1].toLowerCase() ?? null) : null;
  },
  readPosting: (doc) => readPostingWith(doc, selectors),
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin, selectors.candidateAreas),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
