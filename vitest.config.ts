import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const apiTests = 'api/test/**/*.test.ts';

// CI machines have two cores shared with other jobs: a test that needs 1 s alone can need 10 s there.
// Vitest's 5 s default turned busy moments into failures; a stuck test still fails, just later.
const GENEROUS_TIMEOUTS = { testTimeout: 30_000, hookTimeout: 60_000 };

// The API and shared code run in Node, the API on embedded SQLite; the extension runs in happy-dom with
// WXT's fake browser. With TEST_DATABASE=postgres (scripts/test.mjs sets it for its second run), the
// `api-postgres` project runs the API suite again on a throwaway PostgreSQL cluster.
// Real-browser tests live in e2e/ and run from vitest.e2e.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [apiTests, 'shared/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['api/test/postgres/**'],
          setupFiles: ['api/test/support/setup.ts'],
          env: { TEST_DATABASE: 'sqlite' },
          ...GENEROUS_TIMEOUTS,
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
          ...GENEROUS_TIMEOUTS,
        },
      },
      ...(process.env.TEST_DATABASE === 'postgres'
        ? [
            {
              test: {
                name: 'api-postgres',
                environment: 'node',
                include: [apiTests],
                exclude: ['api/test/sqlite/**'],
                setupFiles: ['api/test/support/setup.ts'],
                globalSetup: ['api/test/support/postgresGlobalSetup.ts'],
                env: { TEST_DATABASE: 'postgres' },
                ...GENEROUS_TIMEOUTS,
              },
            },
          ]
        : []),
    ],
  },
});
