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
    permissions: ['storage'],
    // The API on this machine (any port) is reachable at install; another BadgeLens server
    // is asked for on the options page when the user picks it.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'badgelens@badgelens.example', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
