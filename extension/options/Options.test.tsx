// The options page in happy-dom: the server address (permission asked, /health of the real API
// checked before saving), the site switches, clearing the background's verification cache (the real
// verifier and options listener behind WXT's fakeBrowser) and the statement of what is sent where.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { createApp } from '../../api/src/app';
import { openDb } from '../../api/src/db/connection';
import { seedDemo } from '../../api/src/seed/demo';
import { createOptionsMessageListener } from '../background/options';
import { apiBaseUrlItem, siteSwitchesItem, trustlessModeItem } from '../common/storage';
import { createVerifier } from '../background/verifier';
import { fakePermissionsAndScripting } from '../test/fake-permissions';
import { Options } from './Options';

const API = 'https://badges.example';
let container: HTMLElement;
let requests: string[];
let fetchApi: typeof fetch;
const answer = { grant: true };
let asked: string[][];
let badgeUrl: string;

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  const demo = await seedDemo(db, { publicUrl: API });
  badgeUrl = Object.values(demo.examples)[0]!;
  requests = [];
  fetchApi = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push(`${url.origin}${url.pathname}`);
    if (url.origin !== API) throw new TypeError('Failed to fetch');
    return app.request(url.href, init);
  }) as typeof fetch;
  answer.grant = true;
  ({ asked } = fakePermissionsAndScripting(answer));
  container = document.createElement('div');
  document.body.replaceChildren(container);
});

afterEach(() => {
  render(null, container);
});

function show() {
  render(<Options fetch={fetchApi} />, container);
}

const text = () => container.textContent ?? '';

function button(label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

function setServer(value: string) {
  const input = container.querySelector<HTMLInputElement>('#api')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  button('Save').click();
}

function siteCheckbox(label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
  if (!found) throw new Error(`no site ${label}`);
  return found.querySelector('input')!;
}

describe('options page', () => {
  test('server address: asks for the permission, checks /health, then saves the origin', async () => {
    show();
    await vi.waitFor(() => expect(container.querySelector<HTMLInputElement>('#api')?.value).toBe('http://localhost:8787'));
    setServer(`${API}/some/page`);
    await vi.waitFor(() => expect(text()).toContain(`Saved. BadgeLens now uses ${API}.`));
    expect(asked).toEqual([[`${API}/*`]]);
    expect(requests).toEqual([`${API}/health`]);
    expect(await apiBaseUrlItem.getValue()).toBe(API);
  });

  test('server address: not saved when the permission is refused, nothing answers, or it is not an address', async () => {
    show();
    await vi.waitFor(() => expect(container.querySelector('#api')).not.toBeNull());
    answer.grant = false;
    setServer(API);
    await vi.waitFor(() => expect(text()).toContain(`Not saved: BadgeLens needs your permission to reach ${API}.`));
    expect(requests).toEqual([]);

    answer.grant = true;
    setServer('https://not-badgelens.example');
    await vi.waitFor(() => expect(text()).toContain('Not saved: no BadgeLens server answered at https://not-badgelens.example/health.'));

    setServer('ftp://files.example');
    await vi.waitFor(() => expect(text()).toContain('Enter an http:// or https:// address'));
    expect(asked).toHaveLength(2);
    expect(await apiBaseUrlItem.getValue()).toBe('http://localhost:8787');
  });

  test('sites: LinkedIn on by default; switching a job site on asks for its permission, refusal leaves it off', async () => {
    show();
    await vi.waitFor(() => expect(container.querySelector('.sites input:not([disabled])')).not.toBeNull());
    expect(siteCheckbox('LinkedIn Jobs').checked).toBe(true);
    expect(siteCheckbox('Indeed').checked).toBe(false);

    answer.grant = false;
    siteCheckbox('Indeed').click();
    await vi.waitFor(() => expect(text()).toContain('Indeed stays off: the permission was not given.'));
    expect(siteCheckbox('Indeed').checked).toBe(false);

    answer.grant = true;
    siteCheckbox('Indeed').click();
    await vi.waitFor(() => expect(text()).toContain('Indeed switched on.'));
    expect(asked.at(-1)!.some((pattern) => pattern.includes('indeed.com'))).toBe(true);
    expect((await siteSwitchesItem.getValue()).sites.indeed).toBe(true);
    expect(siteCheckbox('Indeed').checked).toBe(true);
  });

  test('sites: an origin switched on from the popup can be switched off here', async () => {
    await siteSwitchesItem.setValue({ sites: {}, origins: ['https://careers.example'] });
    show();
    await vi.waitFor(() => expect(text()).toContain('Pages you switched on from the popup'));
    button('Switch off https://careers.example').click();
    await vi.waitFor(() => expect(text()).toContain('https://careers.example switched off.'));
    expect((await siteSwitchesItem.getValue()).origins).toEqual([]);
  });

  test('clearing the verification cache makes the background check badges again', async () => {
    await apiBaseUrlItem.setValue(API);
    const verifier = createVerifier({ fetch: fetchApi, apiBaseUrl: () => apiBaseUrlItem.getValue(), batchDelayMs: 0 });
    fakeBrowser.runtime.onMessage.addListener(createOptionsMessageListener(verifier, browser.runtime.getURL('/')));
    await verifier.verify([badgeUrl]);
    await verifier.verify([badgeUrl]);
    expect(requests.filter((request) => request.endsWith('/api/v1/verify'))).toHaveLength(1);

    show();
    button('Clear verification cache').click();
    await vi.waitFor(() => expect(text()).toContain('Cleared. Badges are checked again the next time you see them.'));
    await verifier.verify([badgeUrl]);
    expect(requests.filter((request) => request.endsWith('/api/v1/verify'))).toHaveLength(2);
  });

  test('clearing without a background answering says so', async () => {
    show();
    button('Clear verification cache').click();
    await vi.waitFor(() => expect(text()).toContain('Could not clear the cache'));
  });

  test('trustless mode: on by default, switched off and on again here', async () => {
    show();
    const box = () => container.querySelector<HTMLInputElement>('#trustless')!;
    await vi.waitFor(() => expect(box().disabled).toBe(false));
    expect(box().checked).toBe(true);
    box().click();
    await vi.waitFor(() => expect(text()).toContain('Every badge is checked by the BadgeLens server.'));
    expect(await trustlessModeItem.getValue()).toBe(false);
    expect(box().checked).toBe(false);
    box().click();
    await vi.waitFor(async () => expect(await trustlessModeItem.getValue()).toBe(true));
  });

  test('says plainly what is sent where', () => {
    show();
    expect(text()).toContain('Everything goes to the BadgeLens server above, and nowhere else, except what checking signed badges in this browser reads from their issuers’ sites.');
    expect(text()).toContain('its issuer’s key and revocation list go to the site that issued it instead');
    expect(text()).toContain('the addresses of the badge links on the page');
    expect(text()).toContain('Never sent: the text of the pages you visit');
  });
});
