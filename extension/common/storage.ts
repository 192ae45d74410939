// Typed storage items for the settings the background and the extension's pages share.
// Content scripts do not import this module: they read the same keys raw (content/stored-settings.ts).
import { storage } from 'wxt/utils/storage';
import { DEFAULT_API_BASE_URL, STORAGE_KEYS } from './settings';
import { NO_SITES_SWITCHED_ON, type SiteSwitches } from './site-switches';

export const apiBaseUrlItem = storage.defineItem<string>(`local:${STORAGE_KEYS.apiBaseUrl}`, {
  fallback: DEFAULT_API_BASE_URL,
});

export const siteSwitchesItem = storage.defineItem<SiteSwitches>(`local:${STORAGE_KEYS.jobSiteSwitches}`, {
  fallback: NO_SITES_SWITCHED_ON,
});

/** Trustless mode (background/trustless.ts): on by default, switched on the options page. */
export const trustlessModeItem = storage.defineItem<boolean>(`local:${STORAGE_KEYS.trustlessMode}`, {
  fallback: true,
});
