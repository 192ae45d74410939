import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setPageOn, setSiteOn } from '../options/site-switches';
import { fakePermissionsAndScripting } from '../test/fake-permissions';
import { JOB_SITES_SCRIPT_ID, syncJobSiteScripts } from './job-site-scripts';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the job-sites content script', () => {
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
