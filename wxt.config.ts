import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// srcDir moves entrypoints under extension/; publicDir and modulesDir resolve from the root,
// so they are set explicitly to stay inside extension/ (DESIGN.md §4).
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'BadgeLens',
    description: 'See which Open Badges on a page are real, current and really that person’s.',
    // scripting: the job-sites content script is registered at runtime, for the sites switched on.
    // activeTab: the popup reads the links of the LinkedIn profile in the current tab, once, when opened.
    permissions: ['storage', 'scripting', 'activeTab'],
    // The API on this machine (any port) is reachable at install; another BadgeLens server
    // is asked for on the options page when the user picks it.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // *://*/*: the job-site switches ask for patterns like *://*.indeed.com/* (http and https).
    optional_host_permissions: ['https://*/*', 'http://*/*', '*://*/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'badgelens@badgelens.example', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
