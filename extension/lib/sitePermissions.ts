// Which job sites and pages the user switched on, and the permissions and content-script
// registration that follow. LinkedIn Jobs is on by default (the extension may read linkedin.com
// anyway); every other site is off until the user switches it on on the options page, or switches
// the current site on from the popup. Switching on asks the browser for that site's optional host
// permission, so it must be called from a click (a user gesture) in the popup or options page.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { JOB_SITES, siteById } from '../sites/jobSites';
import type { JobSiteAdapter } from '../sites/posting';

export interface SiteSwitches {
  /** Site id → on/off, for the sites of extension/sites/ (absent: the site's default). */
  sites: Record<string, boolean>;
  /** Origins switched on one by one ("https://careers.ostrander-ag.example"), read by the generic adapter. */
  origins: string[];
}

export const siteSwitchesItem = storage.defineItem<SiteSwitches>('local:jobSiteSwitches', {
  fallback: { sites: {}, origins: [] },
});

/** The id of the content script registered for the switched-on sites. */
export const JOB_SITES_SCRIPT_ID = 'badgelens-jobsites';
export const JOB_SITES_SCRIPT_FILE = '/content-scripts/jobsites.js';

export function isSiteOn(switches: SiteSwitches, site: JobSiteAdapter): boolean {
  return switches.sites[site.id] ?? site.defaultOn;
}

/** The origin of an http(s) URL, or null. */
export function pageOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** The known site whose pages a URL is on (by its host patterns), if any. */
export function knownSiteFor(url: string): JobSiteAdapter | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return JOB_SITES.find((site) => site.matches(parsed) || site.hostPatterns.some((pattern) => patternMatches(pattern, parsed)));
}

/** Match-pattern test for the patterns this extension uses (`*://host/*`, `*://*.domain/*`, `origin/*`). */
export function patternMatches(pattern: string, url: URL): boolean {
  const match = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match;
  if (scheme === '*' ? url.protocol !== 'http:' && url.protocol !== 'https:' : url.protocol !== `${scheme}:`) return false;
  const hostOk = host.startsWith('*.') ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1)) : url.host === host || url.hostname === host;
  if (!hostOk) return false;
  const pathRegex = new RegExp(`^${path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pathRegex.test(url.pathname + url.search) || pathRegex.test(url.pathname);
}

/** Whether BadgeLens may read this page: its site or its origin is switched on. */
export function isPageOn(switches: SiteSwitches, url: string): boolean {
  const site = knownSiteFor(url);
  if (site) return isSiteOn(switches, site);
  const origin = pageOrigin(url);
  return origin !== null && switches.origins.includes(origin);
}

/** The match patterns of everything switched on that needs the runtime-registered script. */
export function registeredPatterns(switches: SiteSwitches): string[] {
  const patterns = JOB_SITES.filter((site) => site.id !== 'linkedin-jobs' && isSiteOn(switches, site)).flatMap((site) => site.hostPatterns);
  return [...new Set([...patterns, ...switches.origins.map(originPattern)])];
}

function patternsOfSite(site: JobSiteAdapter): string[] {
  return [...site.hostPatterns];
}

/** Options page: switch a known site on (asks for its host permission) or off. */
export async function setSiteOn(siteId: string, on: boolean): Promise<boolean> {
  const site = siteById(siteId);
  if (!site) return false;
  if (on && site.hostPatterns.length && !site.defaultOn) {
    const granted = await browser.permissions.request({ origins: patternsOfSite(site) });
    if (!granted) return false;
  }
  const switches = await siteSwitchesItem.getValue();
  await siteSwitchesItem.setValue({ ...switches, sites: { ...switches.sites, [site.id]: on } });
  if (!on && !site.defaultOn) await browser.permissions.remove({ origins: patternsOfSite(site) }).catch(() => false);
  return true;
}

/**
 * Popup: switch the current page's site on or off. A page of a known job site switches that site;
 * any other page switches its origin (the generic adapter then reads it).
 */
export async function setPageOn(url: string, on: boolean): Promise<boolean> {
  const site = knownSiteFor(url);
  if (site) return setSiteOn(site.id, on);
  const origin = pageOrigin(url);
  if (!origin) return false;
  if (on) {
    const granted = await browser.permissions.request({ origins: [originPattern(origin)] });
    if (!granted) return false;
  }
  const switches = await siteSwitchesItem.getValue();
  const origins = switches.origins.filter((other) => other !== origin);
  await siteSwitchesItem.setValue({ ...switches, origins: on ? [...origins, origin] : origins });
  if (!on) await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return true;
}

export async function isPageSwitchedOn(url: string): Promise<boolean> {
  return isPageOn(await siteSwitchesItem.getValue(), url);
}

/**
 * Background: registers the job-site content script for exactly the switched-on sites whose
 * permission the browser granted (a permission removed in the browser's own settings counts as off).
 */
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
