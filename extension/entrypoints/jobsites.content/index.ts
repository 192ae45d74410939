import { defineContentScript } from 'wxt/utils/define-content-script';
import { jobsitesFeatures } from '../../features';
import { runFeatures } from '../../content/run-features';

// Not in the manifest: the background registers this script (scripting.registerContentScripts)
// for exactly the job sites and pages the user switched on, after the browser granted them.
// The features check the switch again before reading anything.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_idle',
  // Each shadow-root UI gets its stylesheet from components/styles.ts (no CSS file to fetch).
  cssInjectionMode: 'manual',
  main(ctx) {
    // In frames only Greenhouse's embedded job board (a company careers page's iframe) is read.
    if (window.top !== window && !/^\/embed\/job_app\/?$/.test(location.pathname)) return;
    runFeatures(ctx, jobsitesFeatures);
  },
});
