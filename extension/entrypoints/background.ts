import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { createMessageListener } from '../lib/background-messages';
import { apiBaseUrlItem } from '../lib/settings';
import { createVerifier, type CacheSnapshot } from '../lib/verifier';
import { badgesSnapshotItem, earnerSessionItem } from '../earner/storage';
import { createEarnerMessageListener, createEarnerService } from '../background/earner';
import { createOptionsMessageListener } from '../background/options';
import { createCatalogueMessageListener, createCatalogueSearch } from '../lib/catalogue';
import { siteSwitchesItem, syncJobSiteScripts } from '../lib/sitePermissions';

// The only part of the extension that talks to the BadgeLens API.
export default defineBackground(() => {
  const cacheItem = storage.defineItem<CacheSnapshot>('session:verifyCache');
  const verifier = createVerifier({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    cacheStore: { load: () => cacheItem.getValue(), save: (snapshot) => cacheItem.setValue(snapshot) },
  });
  browser.runtime.onMessage.addListener(createMessageListener(verifier));
  browser.runtime.onMessage.addListener(createOptionsMessageListener(verifier, browser.runtime.getURL('/')));

  const catalogue = createCatalogueSearch({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    earnerBadges: () => badgesSnapshotItem.getValue(),
  });
  browser.runtime.onMessage.addListener(createCatalogueMessageListener(catalogue));

  // The earner's popup: sign-in, badges, share kits. Only the extension's own pages are answered.
  const earner = createEarnerService({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    session: earnerSessionItem,
    snapshot: badgesSnapshotItem,
  });
  browser.runtime.onMessage.addListener(createEarnerMessageListener(earner, browser.runtime.getURL('/')));

  // The job-sites content script follows the switches and the granted permissions.
  const syncScripts = () => void syncJobSiteScripts().catch((error: unknown) => console.error('BadgeLens: job sites', error));
  siteSwitchesItem.watch(syncScripts);
  browser.permissions.onAdded.addListener(syncScripts);
  browser.permissions.onRemoved.addListener(syncScripts);
  browser.runtime.onInstalled.addListener(syncScripts);
  browser.runtime.onStartup.addListener(syncScripts);
});
