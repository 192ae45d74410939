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
  manifest: {
    name: 'BadgeLens',
    description: 'See which Open Badges on a page are real, current and really that person’s.',
    permissions: ['storage'],
    host_permissions: ['http://localhost:8787/*'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
