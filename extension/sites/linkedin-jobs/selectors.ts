// LinkedIn Jobs, as data: the logged-in job view (/jobs/view/<id>/), the search and collections
// pages that show one posting beside the list (?currentJobId=<id>), and the public guest view.
export const linkedinJobsSelectors = {
  title: [
    '.job-details-jobs-unified-top-card__job-title h1',
    '.jobs-unified-top-card__job-title',
    '.job-details-jobs-unified-top-card__job-title',
    'h1.top-card-layout__title',
    'h2.top-card-layout__title',
    '.jobs-details h1',
  ],
  sections: [
    '#job-details',
    '.jobs-description__content',
    '.jobs-box__html-content',
    '.show-more-less-html__markup',
    '.description__text',
    '.job-details-module',
  ],
  panelAnchor: ['.jobs-description', '#job-details', '.description__text', '.show-more-less-html__markup'],
} as const;
