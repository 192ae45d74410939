// The job-badges panel on LinkedIn Jobs (on by default), from the LinkedIn script: that script
// bundles the LinkedIn Jobs adapter only, not every job site's.
import { defineFeature } from '../content/feature';
import { showPostingPanel } from '../content/posting-panel';
import { isSiteSwitchedOn } from '../content/stored-settings';
import { linkedinJobs } from '../sites/linkedin-jobs';

export default defineFeature({
  id: 'linkedin-job-badges-panel',
  description: 'Shows a dismissible “Badges for this job” panel on LinkedIn Jobs postings: matching catalogue badges, the ones you hold, and how to earn the others.',
  site: 'linkedin',
  include: (url) => linkedinJobs.matches(url),
  async init(context) {
    if (!(await isSiteSwitchedOn(linkedinJobs)) || context.signal.aborted) return;
    showPostingPanel(context, linkedinJobs);
  },
});
