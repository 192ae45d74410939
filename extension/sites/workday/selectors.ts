// Workday job sites, as data: <tenant>.wd<n>.myworkdayjobs.com/<site>/job/<location>/<title>_<req id>.
// A single-page app: the posting arrives after the page loads and changes without a page load.
export const workdaySelectors = {
  title: ['[data-automation-id="jobPostingHeader"]', '[data-automation-id="jobPostingPage"] h2', 'h2[data-automation-id="jobTitle"]'],
  sections: ['[data-automation-id="jobPostingDescription"]', '[data-automation-id="jobPostingPage"] [data-automation-id="richTextArea"]'],
  panelAnchor: ['[data-automation-id="jobPostingDescription"]'],
} as const;
