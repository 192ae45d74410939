import { findBadgeLinksIn, firstElement, hostIs, readPostingWith, type JobSiteAdapter } from '../posting';
import { greenhouseSelectors as selectors } from './selectors';

const BOARD_HOSTS = ['boards.greenhouse.io', 'job-boards.greenhouse.io', 'boards.eu.greenhouse.io', 'job-boards.eu.greenhouse.io'];
const BOARD_JOB_PATH = /^\/[^/]+\/jobs\/(\d+)\/?$/;
const EMBED_PATH = /^\/embed\/job_app\/?$/;

function isBoardJob(url: URL): boolean {
  return hostIs(url, ...BOARD_HOSTS) && (BOARD_JOB_PATH.test(url.pathname) || EMBED_PATH.test(url.pathname));
}

/** A company's own careers page showing a Greenhouse job in its embedded board. */
export function isEmbeddingPage(url: URL): boolean {
  return /^\d+$/.test(url.searchParams.get('gh_jid') ?? '') && !hostIs(url, ...BOARD_HOSTS);
}

export const greenhouse: JobSiteAdapter = {
  id: 'greenhouse',
  label: 'Greenhouse',
  hostPatterns: ['*://boards.greenhouse.io/*', '*://job-boards.greenhouse.io/*', '*://boards.eu.greenhouse.io/*', '*://job-boards.eu.greenhouse.io/*', '*://app.greenhouse.io/*'],
  defaultOn: false,
  matches(url) {
    return isBoardJob(url) || isEmbeddingPage(url) || hostIs(url, 'app.greenhouse.io');
  },
  postingKey(url) {
    if (isEmbeddingPage(url)) return url.searchParams.get('gh_jid');
    if (!isBoardJob(url)) return null;
    return url.pathname.match(BOARD_JOB_PATH)?.[1] ?? url.searchParams.get('token');
  },
  readPosting(doc) {
    // The embedding page itself only holds the iframe; the frame reads the posting. JSON-LD, if any, still counts.
    return readPostingWith(doc, selectors);
  },
  findBadgeLinks: (doc, badgeOrigin) => findBadgeLinksIn(doc, badgeOrigin, selectors.candidateAreas),
  panelAnchor: (doc) => firstElement(doc, selectors.panelAnchor),
};
