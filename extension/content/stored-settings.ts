// The settings a content script needs, read straight from storage.local under the keys the
// background and the options page write (common/settings.ts). No storage library: this code runs
// on every LinkedIn page, and a read of two plain values needs none.
import { browser } from 'wxt/browser';
import { DEFAULT_API_BASE_URL, STORAGE_KEYS } from '../common/settings';
import { isPageOn, isSiteOn, NO_SITES_SWITCHED_ON, type SiteSwitches } from '../common/site-switches';
import type { JobSiteAdapter } from '../sites/posting';

async function readLocal(key: string): Promise<unknown> {
  return ((await browser.storage.local.get(key)) as Record<string, unknown>)[key];
}

/** The configured BadgeLens API (the default when none is set or the value is not a string). */
export async function readApiBaseUrl(): Promise<string> {
  const value = await readLocal(STORAGE_KEYS.apiBaseUrl);
  return typeof value === 'string' ? value : DEFAULT_API_BASE_URL;
}

function isSiteSwitches(value: unknown): value is SiteSwitches {
  const candidate = value as Partial<SiteSwitches> | null;
  return typeof candidate?.sites === 'object' && candidate.sites !== null && Array.isArray(candidate.origins);
}

async function readSiteSwitches(): Promise<SiteSwitches> {
  const value = await readLocal(STORAGE_KEYS.jobSiteSwitches);
  return isSiteSwitches(value) ? value : NO_SITES_SWITCHED_ON;
}

/** Whether the user switched this page's job site (or its origin) on. */
export async function isPageSwitchedOn(url: string): Promise<boolean> {
  return isPageOn(await readSiteSwitches(), url);
}

/** Whether this job site is on (switched on, or on by default and not switched off). */
export async function isSiteSwitchedOn(site: JobSiteAdapter): Promise<boolean> {
  return isSiteOn(await readSiteSwitches(), site);
}
