import '../../components/overlay.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { featuresFor } from '../../features';
import { runFeatures } from '../../lib/run-features';

export default defineContentScript({
  // All of www: LinkedIn navigates to profiles without page loads (features check the URL).
  // Guests also get public profiles from country subdomains (uk.linkedin.com/in/…).
  matches: ['*://www.linkedin.com/*', '*://*.linkedin.com/in/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    runFeatures(ctx, featuresFor('linkedin'));
  },
});
