import '../../components/overlay.css';
import '../../components/job-panel.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { featuresFor } from '../../features';
import { runFeatures } from '../../lib/run-features';

// Not in the manifest: the background registers this script (scripting.registerContentScripts)
// for exactly the job sites and pages the user switched on, after the browser granted them.
// The features check the switch again before reading anything.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    // In frames only Greenhouse's embedded job board (a company careers page's iframe) is read.
    if (window.top !== window && !/^\/embed\/job_app\/?$/.test(location.pathname)) return;
    runFeatures(ctx, featuresFor('jobsites'));
  },
});
