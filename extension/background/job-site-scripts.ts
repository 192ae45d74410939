// The job-sites content script follows the switches: the background registers it for exactly the
// switched-on sites whose permission the browser granted (a permission removed in the browser's
// own settings counts as off).
import { browser } from 'wxt/browser';
import { registeredPatterns } from '../common/site-switches';
import { siteSwitchesItem } from '../common/storage';

/** The id of the content script registered for the switched-on sites. */
export const JOB_SITES_SCRIPT_ID = 'badgelens-jobsites';
export const JOB_SITES_SCRIPT_FILE = '/content-scripts/jobsites.js';

export async function syncJobSiteScripts(): Promise<string[]> {
  const switches = await siteSwitchesItem.getValue();
  const granted: string[] = [];
  for (const pattern of registeredPatterns(switches)) {
    if (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [JOB_SITES_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [JOB_SITES_SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      { id: JOB_SITES_SCRIPT_ID, js: [JOB_SITES_SCRIPT_FILE], matches: granted, runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
    ]);
  }
  return granted;
}
