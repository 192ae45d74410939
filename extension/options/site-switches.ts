// Switching job sites and pages on and off, from the options page or the popup. Switching on asks
// the browser for that site's optional host permission, so it must be called from a click (a user
// gesture); switching off gives the permission back.
import { browser } from 'wxt/browser';
import { httpOrigin } from '../common/settings';
import { knownSiteFor, originPattern } from '../common/site-switches';
import { siteSwitchesItem } from '../common/storage';
import { siteById } from '../sites/jobSites';

/** Switches a known site on (asks for its host permission) or off. */
export async function setSiteOn(siteId: string, on: boolean): Promise<boolean> {
  const site = siteById(siteId);
  if (!site) return false;
  const patterns = [...site.hostPatterns];
  if (on && patterns.length && !site.defaultOn) {
    const granted = await browser.permissions.request({ origins: patterns });
    if (!granted) return false;
  }
  const switches = await siteSwitchesItem.getValue();
  await siteSwitchesItem.setValue({ ...switches, sites: { ...switches.sites, [site.id]: on } });
  if (!on && !site.defaultOn) await browser.permissions.remove({ origins: patterns }).catch(() => false);
  return true;
}

/**
 * Switches the current page's site on or off. A page of a known job site switches that site;
 * any other page switches its origin (the generic adapter then reads it).
 */
export async function setPageOn(url: string, on: boolean): Promise<boolean> {
  const site = knownSiteFor(url);
  if (site) return setSiteOn(site.id, on);
  const origin = httpOrigin(url);
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
