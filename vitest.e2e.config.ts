import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's Chromium loads the built extension (.output/chrome-mv3).
// scripts/test.mjs builds the extension and installs Chromium before running these.
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
