// @vitest-environment-options {"url": "https://jonas-ekwueme.example/resume/"}
// Recruiter chips on a switched-on page (a personal résumé, read by the generic adapter) with the
// real content-script code, the real background verifier and the real API with the demo data.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createApp } from '../../api/src/app';
import { openDb } from '../../api/src/db/connection';
import { seedDemo } from '../../api/src/seed/demo';
import { createMessageListener } from '../background/content-messages';
import { runFeatures } from '../content/run-features';
import { apiBaseUrlItem, siteSwitchesItem } from '../common/storage';
import { createVerifier } from '../background/verifier';
import { loadJobFixture } from '../test/jobsite-fixtures';
import { chipLabels, replaceDocument, summaryText } from '../test/page';
import { features } from './index';

const API = 'https://badges.example';
let ctx: ContentScriptContext;
let verified: string[][];

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  const { examples } = await seedDemo(db, { publicUrl: API });
  verified = [];
  const verifier = createVerifier({
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/api/v1/verify')) verified.push((JSON.parse(String(init?.body)) as { urls: string[] }).urls);
      return app.request(String(input), init);
    }) as typeof fetch,
    apiBaseUrl: async () => API,
    batchDelayMs: 1,
  });
  fakeBrowser.runtime.onMessage.addListener(createMessageListener(verifier));
  await apiBaseUrlItem.setValue(API);
  replaceDocument(loadJobFixture('generic/resume', { ONE: examples.valid!, TWO: examples.expired!, THREE: examples.revoked! }, API));
});

afterEach(() => {
  ctx?.abort();
});

function start(): void {
  ctx = new ContentScriptContext('jobsites');
  runFeatures(ctx, features.filter((feature) => feature.id === 'jobsite-badge-chips'));
}

const links = () => [...document.querySelectorAll('main li')];

test('switched on: a chip after each badge link (plain, JSON URL, inside a Google redirect) and a summary', async () => {
  await siteSwitchesItem.setValue({ sites: {}, origins: ['https://jonas-ekwueme.example'] });
  start();
  await vi.waitFor(() => expect(links().slice(0, 3).map((item) => chipLabels(item))).toEqual([['Verified'], ['Expired'], ['Revoked']]));
  await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge · 2 with problems'));
  for (const item of links().slice(3)) expect(chipLabels(item), item.textContent ?? '').toEqual([]);
  expect(verified.flat()).toHaveLength(3);
  expect(verified.flat().every((url) => url.startsWith(`${API}/assertions/`))).toBe(true);
});

test('switched off: nothing is read or asked', async () => {
  start();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(document.querySelectorAll('badgelens-badge, badgelens-summary')).toHaveLength(0);
  expect(verified).toEqual([]);
});
