// Debian's Chromium (never a downloaded browser) with the built extension loaded, driven by
// playwright-core. www.linkedin.com resolves to a local fixture server (DESIGN.md §5).
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Debian's Chromium without the extension, for the web pages' own tests; nothing of Google's services. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension({
  linkedinPort,
  extensionDir = EXTENSION_DIR,
  extraHosts = {},
  extraArgs = [],
}: {
  linkedinPort: number;
  extensionDir?: string;
  /** More hosts answered locally: host → port (job sites, applicant-tracking systems). */
  extraHosts?: Record<string, number>;
  /** More command-line switches (the foreign-badge test's --ignore-certificate-errors for its loopback HTTPS sites). */
  extraArgs?: string[];
}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run \`npx wxt build\` first.`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'badgelens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${[`MAP www.linkedin.com 127.0.0.1:${linkedinPort}`, ...Object.entries(extraHosts).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)].join(',')}`,
      ...extraArgs,
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Points the extension at an API (what the options page does), through its own storage. */
export async function setApiBaseUrl(serviceWorker: Worker, apiBaseUrl: string): Promise<void> {
  await serviceWorker.evaluate(async (url) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ apiBaseUrl: url });
  }, apiBaseUrl);
}
