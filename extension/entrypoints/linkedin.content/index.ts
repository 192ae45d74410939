import '../../components/overlay.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { featuresFor } from '../../features';
import { runFeatures } from '../../lib/run-features';

export default defineContentScript({
  // The whole site: LinkedIn navigates to profiles without page loads; features check the URL.
  matches: ['*://www.linkedin.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    runFeatures(ctx, featuresFor('linkedin'));
  },
});
