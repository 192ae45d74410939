// Lever, as data: job pages on jobs.lever.co/<company>/<posting id> (and the EU host), and
// hire.lever.co, where recruiters read candidates.
export const leverSelectors = {
  title: ['.posting-headline h2', '.posting-header h2', '.posting-headline h1'],
  sections: ['[data-qa="job-description"]', '.posting-requirements', '[data-qa="closing-description"]'],
  panelAnchor: ['[data-qa="job-description"]', '.posting-page .section-wrapper'],
  candidateAreas: ['.candidate-profile', '[data-qa="profile-links"]', '.resume-container'],
} as const;
