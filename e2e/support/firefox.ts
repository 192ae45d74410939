// Debian's Firefox ESR (never a downloaded browser) with the built Firefox extension installed as a
// temporary add-on, driven over WebDriver BiDi by puppeteer-core. A proxy auto-config sends only
// www.linkedin.com to the local fixture server (Chromium's host-resolver rules, the Firefox way).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3');
/** Fixed for the test so the extension's pages have a known origin (Firefox picks a random one per profile). */
const EXTENSION_UUID = '6b1f6c5e-3f0a-4c57-9a1e-badge1e25e00';

export interface FirefoxWithExtension {
  browser: Browser;
  /** moz-extension://<uuid> */
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension({ linkedinPort, extensionDir = FIREFOX_EXTENSION_DIR }: { linkedinPort: number; extensionDir?: string }): Promise<FirefoxWithExtension> {
  const manifestPath = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No built Firefox extension in ${extensionDir}: run \`npx wxt build -b firefox\` first.`);
  const addonId = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
  const pac = `function FindProxyForURL(url, host) { return host === 'www.linkedin.com' ? 'PROXY 127.0.0.1:${linkedinPort}' : 'DIRECT'; }`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    timeout: 120_000,
    protocolTimeout: 120_000,
    // Lets the test open the extension's own pages (moz-extension://), as Chromium's test reaches its service worker.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pac)}`,
      // The fixtures are served over plain http, like Chromium's.
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
      'network.stricttransportsecurity.preloadlist': false,
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
    },
  });
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== addonId) throw new Error(`installed ${installedId}, expected ${addonId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, extensionOrigin: `moz-extension://${EXTENSION_UUID}`, close: () => browser.close() };
}

/**
 * Opens one of the extension's pages in a tab (its `browser.*` APIs are then there to use). Firefox's
 * BiDi reports no navigation events for extension pages, so the load is awaited by polling.
 */
export async function openExtensionPage(firefox: FirefoxWithExtension, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  const url = `${firefox.extensionOrigin}/${path}`;
  void page.goto(url, { timeout: 0 }).catch(() => undefined);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await page
      .evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete' && typeof (globalThis as { browser?: unknown }).browser === 'object')
      .catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `work` in one of the extension's pages, then closes it. */
export async function inExtensionPage<T>(firefox: FirefoxWithExtension, path: string, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await openExtensionPage(firefox, path);
  try {
    return await work(page);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Points the extension at an API (what the options page does), through its own storage. */
export function setFirefoxApiBaseUrl(firefox: FirefoxWithExtension, apiBaseUrl: string): Promise<void> {
  return inExtensionPage(firefox, 'options.html', (page) =>
    page.evaluate(async (url) => {
      const api = (globalThis as unknown as { browser: { storage: { local: { set(items: object): Promise<void> } } } }).browser;
      await api.storage.local.set({ apiBaseUrl: url });
    }, apiBaseUrl),
  );
}
