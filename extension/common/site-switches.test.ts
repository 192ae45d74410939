import { describe, expect, test } from 'vitest';
import { JOB_FIXTURES } from '../test/jobsite-fixtures';
import { isPageOn, knownSiteFor, patternMatches, registeredPatterns, type SiteSwitches } from './site-switches';

const OFF: SiteSwitches = { sites: {}, origins: [] };

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

  test('a careers page reached through a job board’s link is on when either the board or the origin is', () => {
    const careers = JOB_FIXTURES['greenhouse/embedding-company-page'];
    expect(isPageOn(OFF, careers)).toBe(false);
    expect(isPageOn({ sites: { greenhouse: true }, origins: [] }, careers)).toBe(true);
    expect(isPageOn({ sites: {}, origins: [new URL(careers).origin] }, careers)).toBe(true);
    expect(isPageOn({ sites: { greenhouse: false }, origins: [new URL(careers).origin] }, careers)).toBe(true);
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
