import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { siteSwitchesItem } from '../common/storage';
import { fakePermissionsAndScripting } from '../test/fake-permissions';
import { JOB_FIXTURES } from '../test/jobsite-fixtures';
import { SiteSwitch } from './SiteSwitch';

let container: HTMLElement;
let asked: string[][];
const answer = { grant: true };

function activeTab(url: string) {
  // The browser's edge: the active tab, and the permission prompt's answer.
  fakeBrowser.tabs.query = (async () => [{ id: 3, url, index: 0, highlighted: true, active: true, pinned: false, incognito: false }]) as typeof fakeBrowser.tabs.query;
}

beforeEach(() => {
  fakeBrowser.reset();
  answer.grant = true;
  ({ asked } = fakePermissionsAndScripting(answer));
  container = document.createElement('div');
  document.body.replaceChildren(container);
});

afterEach(() => render(null, container));

const switchButton = () => container.querySelector<HTMLButtonElement>('.site-switch-button');

describe('popup: Switch BadgeLens on for this site', () => {
  test('any website: asks for that origin’s permission and stores the origin; switching off removes it', async () => {
    activeTab('https://careers.larkspur-health.example/jobs/rn-4west?ref=x');
    render(<SiteSwitch />, container);
    await vi.waitFor(() => expect(switchButton()?.textContent).toBe('Switch BadgeLens on for this site'));
    expect(switchButton()?.getAttribute('aria-pressed')).toBe('false');
    switchButton()!.click();
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toMatch(/now on for careers\.larkspur-health\.example/));
    expect(asked).toEqual([['https://careers.larkspur-health.example/*']]);
    expect((await siteSwitchesItem.getValue()).origins).toEqual(['https://careers.larkspur-health.example']);
    expect(switchButton()?.getAttribute('aria-pressed')).toBe('true');

    switchButton()!.click();
    await vi.waitFor(() => expect(switchButton()?.textContent).toBe('Switch BadgeLens on for this site'));
    expect((await siteSwitchesItem.getValue()).origins).toEqual([]);
  });

  test('refused permission: nothing is stored and the popup says so', async () => {
    answer.grant = false;
    activeTab('https://careers.example/');
    render(<SiteSwitch />, container);
    await vi.waitFor(() => expect(switchButton()).not.toBeNull());
    switchButton()!.click();
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toMatch(/did not allow BadgeLens to read careers\.example/));
    expect((await siteSwitchesItem.getValue()).origins).toEqual([]);
  });

  test('a known job site is switched as a whole (its patterns), and a page already on says so', async () => {
    activeTab(JOB_FIXTURES['lever/posting']);
    render(<SiteSwitch />, container);
    await vi.waitFor(() => expect(switchButton()).not.toBeNull());
    switchButton()!.click();
    await vi.waitFor(async () => expect((await siteSwitchesItem.getValue()).sites.lever).toBe(true));
    expect(asked[0].some((pattern) => pattern.includes('lever.co'))).toBe(true);

    render(null, container);
    activeTab(JOB_FIXTURES['linkedin-jobs/search-two-pane']);
    render(<SiteSwitch />, container);
    await vi.waitFor(() => expect(switchButton()?.textContent).toMatch(/^BadgeLens is on for .* · Switch off$/));
  });

  test('no control on the browser’s own pages', async () => {
    let answered: Promise<unknown> | undefined;
    fakeBrowser.tabs.query = (() => (answered = Promise.resolve([{ id: 3, url: 'chrome://extensions/', index: 0, highlighted: true, active: true, pinned: false, incognito: false }]))) as unknown as typeof fakeBrowser.tabs.query;
    render(<SiteSwitch />, container);
    await vi.waitFor(() => expect(answered).toBeDefined());
    await answered;
    expect(container.innerHTML).toBe('');
  });
});
