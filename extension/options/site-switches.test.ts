// Switching sites on and off (options page): the permission asked for, the switch stored, and
// the content script's raw read of it (content/stored-settings.ts) agreeing with what was stored.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { siteSwitchesItem } from '../common/storage';
import { isPageSwitchedOn } from '../content/stored-settings';
import { fakePermissionsAndScripting } from '../test/fake-permissions';
import { JOB_FIXTURES } from '../test/jobsite-fixtures';
import { setPageOn, setSiteOn } from './site-switches';

beforeEach(() => {
  fakeBrowser.reset();
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
});
