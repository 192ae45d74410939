import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { JOB_FIXTURES } from '../test/jobsite-fixtures';
import {
  isPageOn,
  isPageSwitchedOn,
  JOB_SITES_SCRIPT_ID,
  knownSiteFor,
  patternMatches,
  registeredPatterns,
  setPageOn,
  setSiteOn,
  siteSwitchesItem,
  syncJobSiteScripts,
  type SiteSwitches,
} from './sitePermissions';

const OFF: SiteSwitches = { sites: {}, origins: [] };

/**
 * The browser's side, in memory: the permission prompt (the user answers `answer`) and the
 * registered content scripts. fakeBrowser does not implement these two APIs.
 */
function fakePermissionsAndScripting(answer: { grant: boolean }) {
  const granted = new Set<string>();
  const asked: string[][] = [];
  let registered: { id: string; matches?: string[]; allFrames?: boolean }[] = [];
  Object.assign(fakeBrowser.permissions, {
    request: async ({ origins = [] }: { origins?: string[] }) => {
      asked.push(origins);
      if (answer.grant) for (const origin of origins) granted.add(origin);
      return answer.grant;
    },
    remove: async ({ origins = [] }: { origins?: string[] }) => {
      for (const origin of origins) granted.delete(origin);
      return true;
    },
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((origin) => granted.has(origin)),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) => registered.filter((script) => !ids || ids.includes(script.id)),
    unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      registered = registered.filter((script) => ids && !ids.includes(script.id));
    },
    registerContentScripts: async (scripts: typeof registered) => {
      registered.push(...scripts);
    },
  });
  return { granted, asked, registered: () => registered };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('which pages are on', () => {
  test('LinkedIn Jobs is on by default; every other job site and page is off until switched on', () => {
    expect(isPageOn(OFF, JOB_FIXTURES['linkedin-jobs/search-two-pane'])).toBe(true);
    for (const name of ['indeed/viewjob', 'greenhouse/board-job', 'greenhouse/candidate', 'lever/posting', 'workday/job', 'generic/resume'] as const) {
      expect(isPageOn(OFF, JOB_FIXTURES[name]), name).toBe(false);
    }
    expect(isPageOn({ sites: { 'linkedin-jobs': false }, origins: [] }, JOB_FIXTURES['linkedin-jobs/search-two-pane'])).toBe(false);
    const indeedOn = { sites: { indeed: true }, origins: [] };
    expect(isPageOn(indeedOn, 'https://www.indeed.com/viewjob?jk=1')).toBe(true);
    expect(isPageOn(indeedOn, 'https://www.indeed.com/cmp/x/reviews')).toBe(true); // the whole site, by its host patterns
    expect(isPageOn(indeedOn, JOB_FIXTURES['lever/posting'])).toBe(false);
  });

  test('a page switched on from the popup is on by its origin only', () => {
    const switches = { sites: {}, origins: ['https://jonas-ekwueme.example'] };
    expect(isPageOn(switches, JOB_FIXTURES['generic/resume'])).toBe(true);
    expect(isPageOn(switches, 'https://jonas-ekwueme.example.evil.example/')).toBe(false);
    expect(isPageOn(switches, 'http://jonas-ekwueme.example/')).toBe(false);
    expect(isPageOn(switches, 'not a url')).toBe(false);
  });

  test('registers the script for switched-on sites and origins, never for LinkedIn (its own script covers it)', () => {
    expect(registeredPatterns(OFF)).toEqual([]);
    expect(registeredPatterns({ sites: { greenhouse: true, 'linkedin-jobs': true }, origins: ['https://careers.example'] })).toEqual([
      '*://boards.greenhouse.io/*',
      '*://job-boards.greenhouse.io/*',
      '*://boards.eu.greenhouse.io/*',
      '*://job-boards.eu.greenhouse.io/*',
      '*://app.greenhouse.io/*',
      'https://careers.example/*',
    ]);
  });

  test('match patterns', () => {
    expect(patternMatches('*://*.indeed.com/*', new URL('https://uk.indeed.com/viewjob'))).toBe(true);
    expect(patternMatches('*://*.indeed.com/*', new URL('https://indeed.com/'))).toBe(true);
    expect(patternMatches('*://*.indeed.com/*', new URL('https://notindeed.com/'))).toBe(false);
    expect(patternMatches('https://careers.example/*', new URL('http://careers.example/'))).toBe(false);
    expect(knownSiteFor('https://hire.lever.co/candidates/1')?.id).toBe('lever');
    expect(knownSiteFor('https://example.org/')).toBeUndefined();
  });
});

describe('switching', () => {
  test('switching a site on asks the browser for its hosts; a refusal leaves it off', async () => {
    const answer = { grant: false };
    const browserSide = fakePermissionsAndScripting(answer);
    expect(await setSiteOn('indeed', true)).toBe(false);
    expect(await isPageSwitchedOn(JOB_FIXTURES['indeed/viewjob'])).toBe(false);
    answer.grant = true;
    expect(await setSiteOn('indeed', true)).toBe(true);
    expect(browserSide.asked.at(-1)).toEqual(['*://*.indeed.com/*']);
    expect(await isPageSwitchedOn(JOB_FIXTURES['indeed/viewjob'])).toBe(true);
    expect(await setSiteOn('indeed', false)).toBe(true);
    expect(await isPageSwitchedOn(JOB_FIXTURES['indeed/viewjob'])).toBe(false);
    expect(browserSide.granted.has('*://*.indeed.com/*')).toBe(false);
    expect(await setSiteOn('no-such-site', true)).toBe(false);
  });

  test('the popup switches a known job site by its site, any other page by its origin', async () => {
    const browserSide = fakePermissionsAndScripting({ grant: true });
    expect(await setPageOn(JOB_FIXTURES['lever/posting'], true)).toBe(true);
    expect((await siteSwitchesItem.getValue()).sites).toEqual({ lever: true });
    expect(await setPageOn(JOB_FIXTURES['generic/resume'], true)).toBe(true);
    expect(browserSide.asked.at(-1)).toEqual(['https://jonas-ekwueme.example/*']);
    expect((await siteSwitchesItem.getValue()).origins).toEqual(['https://jonas-ekwueme.example']);
    expect(await setPageOn(JOB_FIXTURES['generic/resume'], false)).toBe(true);
    expect((await siteSwitchesItem.getValue()).origins).toEqual([]);
    expect(await setPageOn('chrome://settings', true)).toBe(false);
  });

  test('the background registers one script for exactly what is switched on and still granted', async () => {
    const browserSide = fakePermissionsAndScripting({ grant: true });
    expect(await syncJobSiteScripts()).toEqual([]);
    expect(browserSide.registered()).toEqual([]);
    await setSiteOn('workday', true);
    await setPageOn('https://careers.example/jobs/1', true);
    expect(await syncJobSiteScripts()).toEqual(['*://*.myworkdayjobs.com/*', 'https://careers.example/*']);
    expect(browserSide.registered()).toEqual([
      expect.objectContaining({ id: JOB_SITES_SCRIPT_ID, matches: ['*://*.myworkdayjobs.com/*', 'https://careers.example/*'], allFrames: true }),
    ]);
    // The user took the permission back in the browser's own settings: the switch no longer counts.
    browserSide.granted.delete('https://careers.example/*');
    await syncJobSiteScripts();
    expect(browserSide.registered()).toEqual([expect.objectContaining({ matches: ['*://*.myworkdayjobs.com/*'] })]);
    await setSiteOn('workday', false);
    await syncJobSiteScripts();
    expect(browserSide.registered()).toEqual([]);
  });
});
