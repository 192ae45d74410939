// Any other page the user switches on: badge links anywhere, and a posting only when the page
// declares one (schema.org JobPosting JSON-LD); no guessing which text is a job description.
export const genericSelectors = {
  title: [],
  sections: [],
  panelAnchor: ['main', '[role="main"]'],
} as const;
