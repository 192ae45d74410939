import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { EXTENSION_ICON_SIZES, extensionIconPath, writeExtensionIcons } from './scripts/extension-icons';
import { apiFilesImportedByExtension } from './scripts/extension-sources';

const icons = Object.fromEntries(EXTENSION_ICON_SIZES.map((size) => [size, extensionIconPath(size)]));

// srcDir moves entrypoints under extension/; publicDir and modulesDir resolve from the root,
// so they are set explicitly to stay inside extension/ (DESIGN.md §4).
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // Words live in extension/public/_locales (browser.i18n), ready for translation.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons,
    action: { default_icon: { 16: icons[16], 32: icons[32] } },
    // Why each permission is needed: docs/extension-store.md.
    // scripting: the job-sites content script is registered at runtime, for the sites switched on.
    // activeTab: the popup reads the links of the LinkedIn profile in the current tab, once, when opened.
    permissions: ['storage', 'scripting', 'activeTab'],
    // The API on this machine (any port) is reachable at install; another BadgeLens server
    // is asked for on the options page when the user picks it.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // *://*/*: the job-site switches ask for patterns like *://*.indeed.com/* (http and https).
    optional_host_permissions: ['https://*/*', 'http://*/*', '*://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'badgelens@badgelens.example',
              // 140: the first ESR with the built-in data-collection consent below.
              strict_min_version: '140.0',
              // What leaves the browser, for the consent Firefox asks at install: the credential
              // links (and job-posting skill phrases) of the pages it checks go to the BadgeLens
              // server to be verified; an earner's email and password go to it to sign in.
              data_collection_permissions: { required: ['websiteContent', 'authenticationInfo'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    // The sources zip (Firefox's review) holds what building the extension needs: of the API, only
    // the verification code the trustless mode runs in the service worker.
    excludeSources: ['api/**', 'bench/**', 'e2e/**', 'docs/**/*.png', 'data/**', '**/*.test.ts', '**/*.test.tsx'],
    includeSources: apiFilesImportedByExtension(resolve('.')),
  },
  hooks: {
    // Rasterised from the shared mark at every build (scripts/extension-icons.ts).
    'build:publicAssets': (wxt, files) => {
      for (const { size, file } of writeExtensionIcons(resolve(wxt.config.wxtDir, 'icons'))) {
        files.push({ absoluteSrc: file, relativeDest: extensionIconPath(size) });
      }
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: {
      rollupOptions: {
        treeshake: {
          // The background runs the API's own Open Badges 3.0 verifier (trustless mode). Its VC-JWT
          // path, never run in the extension, reaches the API's image baking, whose top level uses
          // Node's Buffer: those modules count as free of side effects, so what is unused stays out.
          moduleSideEffects: (id: string) => !/\/api\/src\/(openbadges\/|credentials\/bake\.ts)/.test(id),
        },
      },
    },
  }),
});
