import { findBadgeLinksIn, firstElement, readJsonLdPosting, type JobSiteAdapter } from '../posting';
import { genericSelectors as selectors } from './selectors';

export const generic: JobSiteAdapter = {
  id: 'generic',
  label: 'Any page you switch on',
  hostPatterns: [],
  defaultOn: false,
  matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  postingKey: (url) => url.origin + url.pathname + url.search,
  readPosting: (doc) => readJsonLdPosting(doc),
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
