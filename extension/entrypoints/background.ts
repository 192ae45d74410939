import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { createMessageListener } from '../lib/background-messages';
import { apiBaseUrlItem } from '../lib/settings';
import { createVerifier, type CacheSnapshot } from '../lib/verifier';

// The only part of the extension that talks to the BadgeLens API.
export default defineBackground(() => {
  const cacheItem = storage.defineItem<CacheSnapshot>('session:verifyCache');
  const verifier = createVerifier({
    fetch: (input, init) => fetch(input, init),
    apiBaseUrl: () => apiBaseUrlItem.getValue(),
    cacheStore: { load: () => cacheItem.getValue(), save: (snapshot) => cacheItem.setValue(snapshot) },
  });
  browser.runtime.onMessage.addListener(createMessageListener(verifier));
});
