import { defineContentScript } from 'wxt/utils/define-content-script';
import { linkedinFeatures } from '../../features';
import { runFeatures } from '../../content/run-features';

export default defineContentScript({
  // All of www: LinkedIn navigates to profiles without page loads (features check the URL).
  // Guests also get public profiles from country subdomains (uk.linkedin.com/in/…).
  matches: ['*://www.linkedin.com/*', '*://*.linkedin.com/in/*'],
  runAt: 'document_idle',
  // Each shadow-root UI gets its stylesheet from components/styles.ts (no CSS file to fetch).
  cssInjectionMode: 'manual',
  main(ctx) {
    runFeatures(ctx, linkedinFeatures);
  },
});
