import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: the API and shared code run in Node; the extension runs in happy-dom with
// WXT's fake browser. Real-browser tests live in e2e/ and run from vitest.e2e.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['api/test/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          include: ['extension/**/*.test.ts', 'extension/**/*.test.tsx'],
          // browser.i18n with the English messages (the fake browser has none).
          setupFiles: ['extension/test/i18n.ts'],
        },
      },
    ],
  },
});
