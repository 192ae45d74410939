// On a job posting of a switched-on job site (Indeed, Greenhouse, Lever, Workday, or any page with
// JobPosting JSON-LD): a dismissible "Badges for this job" panel with the catalogue badges matching
// the posting's skills. Only skill phrases from BadgeLens' own vocabulary leave the page.
import { defineFeature } from '../content/feature';
import { showPostingPanel } from '../content/posting-panel';
import { isPageSwitchedOn } from '../content/stored-settings';
import { adapterFor } from '../sites/jobSites';

export default defineFeature({
  id: 'job-badges-panel',
  description: 'Shows a dismissible “Badges for this job” panel on job postings: matching catalogue badges, the ones you hold, and how to earn the others.',
  site: 'jobsites',
  // The job-sites script runs only on the pages it was registered for (the switched-on sites).
  include: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  async init(context) {
    if (!(await isPageSwitchedOn(context.url.href)) || context.signal.aborted) return;
    showPostingPanel(context, adapterFor(context.url));
  },
});
