import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { createMessageListener } from '../background/content-messages';
import { apiBaseUrlItem, siteSwitchesItem, trustlessModeItem } from '../common/storage';
import { createVerifier, type CacheSnapshot, type ImageSnapshot } from '../background/verifier';
import { createDocumentFetcher } from '../background/documents';
import { createTrustlessVerifier } from '../background/trustless';
import { badgesSnapshotItem, earnerSessionItem } from '../earner/storage';
import { createEarnerMessageListener, createEarnerService } from '../background/earner';
import { createOptionsMessageListener } from '../background/options';
import { createJobBadges, createJobBadgesMessageListener, type StoredVocabulary } from '../background/catalogue';
import { syncJobSiteScripts } from '../background/job-site-scripts';

// The only part of the extension that talks to the BadgeLens API, and that reads signed badges
// from their issuers' sites (trustless mode).
export default defineBackground(() => {
  // Read once and followed: every verification and image would otherwise read storage first.
  let apiBaseUrl: Promise<string> | undefined;
  apiBaseUrlItem.watch(() => (apiBaseUrl = undefined));
  const currentApiBaseUrl = () => (apiBaseUrl ??= apiBaseUrlItem.getValue());

  const cacheItem = storage.defineItem<CacheSnapshot>('session:verifyCache');
  const imageItem = storage.defineItem<ImageSnapshot>('session:badgeImages');
  let trustlessOn: Promise<boolean> | undefined;
  const trustless = createTrustlessVerifier({ documents: createDocumentFetcher({ fetch: (input, init) => fetch(input, init), apiBaseUrl: currentApiBaseUrl }) });
  const verifier = createVerifier({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: currentApiBaseUrl,
    cacheStore: { load: () => cacheItem.getValue(), save: (snapshot) => cacheItem.setValue(snapshot) },
    imageStore: { load: () => imageItem.getValue(), save: (snapshot) => imageItem.setValue(snapshot) },
    trustless: { verifier: trustless, enabled: () => (trustlessOn ??= trustlessModeItem.getValue()) },
  });
  // Switched on or off: results checked the other way are not shown any longer.
  trustlessModeItem.watch(() => {
    trustlessOn = undefined;
    void verifier.clear();
  });
  browser.runtime.onMessage.addListener(createMessageListener(verifier));
  browser.runtime.onMessage.addListener(createOptionsMessageListener(verifier, browser.runtime.getURL('/')));

  // The skill vocabulary job postings are matched with, here in the browser (refreshed daily on demand).
  const vocabularyItem = storage.defineItem<StoredVocabulary>('local:skillVocabulary');
  const jobBadges = createJobBadges({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: currentApiBaseUrl,
    earnerBadges: () => badgesSnapshotItem.getValue(),
    vocabularyStore: { load: () => vocabularyItem.getValue(), save: (stored) => vocabularyItem.setValue(stored) },
  });
  browser.runtime.onMessage.addListener(createJobBadgesMessageListener(jobBadges));

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
