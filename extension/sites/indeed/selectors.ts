// Indeed, as data: the job page (/viewjob?jk=<key>) and the search page's right-hand pane
// (/jobs?q=…&vjk=<key>), which changes postings without a page load.
export const indeedSelectors = {
  title: [
    '[data-testid="jobsearch-JobInfoHeader-title"]',
    'h1.jobsearch-JobInfoHeader-title',
    '.jobsearch-JobInfoHeader-title-container h2',
    '#viewJobSSRRoot h1',
  ],
  sections: ['#jobDescriptionText', '[data-testid="jobsearch-JobDescriptionText"]', '.jobsearch-JobComponent-description', '#qualificationsSection'],
  panelAnchor: ['#jobDescriptionText', '.jobsearch-JobComponent-description'],
} as const;
