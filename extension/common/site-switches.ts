// Which job sites and pages the user switched on, as data, and what follows from it: whether a
// page is on, and the patterns the job-sites content script is registered for. LinkedIn Jobs is on
// by default (the extension may read linkedin.com anyway); every other site is off until the user
// switches it on (options/site-switches.ts asks the browser for the permission). Pure: the
// background registers the script with it (background/job-site-scripts.ts), the content scripts
// check their page (content/stored-settings.ts), the options page and the popup show the switches.
import { JOB_SITES } from '../sites/jobSites';
import { httpOrigin } from './settings';
import type { JobSiteAdapter } from '../sites/posting';

export interface SiteSwitches {
  /** Site id → on/off, for the sites of extension/sites/ (absent: the site's default). */
  sites: Record<string, boolean>;
  /** Origins switched on one by one ("https://careers.ostrander-ag.example"), read by the generic adapter. */
  origins: string[];
}

/** Nothing switched on by the user: only the sites on by default. */
export const NO_SITES_SWITCHED_ON: SiteSwitches = { sites: {}, origins: [] };

export function isSiteOn(switches: SiteSwitches, site: JobSiteAdapter): boolean {
  return switches.sites[site.id] ?? site.defaultOn;
}

export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** The known site whose pages a URL is on (by its host patterns), if any. */
export function knownSiteFor(url: string): JobSiteAdapter | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
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

/**
 * Whether BadgeLens may read this page: its known site or its origin is switched on (a company's careers
 * page reached through a job board's link, such as Greenhouse's `?gh_jid=`, is on when either is).
 */
export function isPageOn(switches: SiteSwitches, url: string): boolean {
  const site = knownSiteFor(url);
  if (site && isSiteOn(switches, site)) return true;
  const origin = httpOrigin(url);
  return origin !== null && switches.origins.includes(origin);
}

/** The match patterns of everything switched on that needs the runtime-registered script. */
export function registeredPatterns(switches: SiteSwitches): string[] {
  const patterns = JOB_SITES.filter((site) => site.id !== 'linkedin-jobs' && isSiteOn(switches, site)).flatMap((site) => site.hostPatterns);
  return [...new Set([...patterns, ...switches.origins.map(originPattern)])];
}
