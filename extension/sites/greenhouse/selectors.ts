// Greenhouse, as data. Job boards on boards.greenhouse.io (classic), job-boards.greenhouse.io
// (2024 design), the embedded board that company careers pages load in an iframe
// (boards.greenhouse.io/embed/job_app?for=…&token=…, with ?gh_jid=<id> on the company page),
// and app.greenhouse.io, where recruiters read applications.
export const greenhouseSelectors = {
  title: ['.job__title h1', '#header .app-title', 'h1.app-title', '.job-post h1', '#app_body h1'],
  sections: ['.job__description', '#content', '.job-post .content-intro', '#app_body .job-description'],
  panelAnchor: ['.job__description', '#content', '#grnhse_app'],
  /** On app.greenhouse.io: the parts of a candidate's page that hold their links and résumé. */
  candidateAreas: ['#candidate_profile', '.person-profile', '[data-provides="application-details"]', '.resume-viewer'],
} as const;
