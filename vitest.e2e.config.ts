import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's Chromium and Firefox ESR load the built extension (.output/chrome-mv3, .output/firefox-mv3).
// scripts/test.mjs builds and zips the extension and installs both browsers before running these.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
