// @vitest-environment-options {"url": "https://www.linkedin.com/jobs/search/?currentJobId=4012345678&keywords=pipe%20welder"}
// The job panel with the real content-script code, the real background matcher (WXT's fakeBrowser
// carries the messages) and the real API with the demo data behind its fetch handler.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createApp } from '../../api/src/app';
import { openDb } from '../../api/src/db/connection';
import { seedDemo } from '../../api/src/seed/demo';
import { createJobBadges, createJobBadgesMessageListener, type StoredVocabulary } from '../background/catalogue';
import { runFeatures } from '../content/run-features';
import { siteSwitchesItem } from '../common/storage';
import { loadJobFixture } from '../test/jobsite-fixtures';
import { replaceDocument } from '../test/page';
import { features } from './index';
import { PANEL_TAG } from '../content/posting-panel';

const API = 'https://badges.example';
let ctx: ContentScriptContext;
let apiRequests: string[];
let messages: unknown[];
let apiDown: boolean;

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb(':memory:');
  const app = createApp({ db, publicUrl: API });
  await seedDemo(db, { publicUrl: API });
  apiRequests = [];
  messages = [];
  apiDown = false;
  let stored: StoredVocabulary | null = null;
  const jobBadges = createJobBadges({
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      apiRequests.push(String(input));
      if (apiDown) throw new TypeError('Failed to fetch');
      return app.request(String(input), init);
    }) as typeof fetch,
    apiBaseUrl: async () => API,
    earnerBadges: async () => null,
    vocabularyStore: { load: async () => stored, save: async (value) => void (stored = value) },
  });
  const listener = createJobBadgesMessageListener(jobBadges);
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    messages.push(message);
    return listener(message, undefined);
  });
  replaceDocument(loadJobFixture('linkedin-jobs/search-two-pane'));
});

afterEach(() => {
  ctx?.abort();
});

function start(): void {
  ctx = new ContentScriptContext('linkedin');
  runFeatures(ctx, features.filter((feature) => feature.id === 'linkedin-job-badges-panel'));
}

const panels = () => [...document.querySelectorAll(PANEL_TAG)];
const panelRoot = () => panels()[0]?.shadowRoot ?? null;
const badgeNames = () => [...(panelRoot()?.querySelectorAll('.job-badge-name') ?? [])].map((link) => link.textContent);

describe('linkedin-job-badges-panel', () => {
  test('one accessible panel before the description, with the matching badges and how to earn them', async () => {
    start();
    await vi.waitFor(() => expect(badgeNames()).toEqual(expect.arrayContaining(['GTAW Pipe 6G', 'GTAW Process Knowledge'])));
    expect(panels()).toHaveLength(1);
    expect(panels()[0].nextElementSibling?.classList.contains('jobs-description')).toBe(true);
    const root = panelRoot()!;
    const region = root.querySelector('section')!;
    expect(root.getElementById(region.getAttribute('aria-labelledby')!)?.textContent).toBe('Badges for this job');
    expect(root.querySelector('.job-panel-dismiss')?.getAttribute('aria-label')).toMatch(/Dismiss/);
    const pipe = [...root.querySelectorAll('.job-badge')].find((item) => item.querySelector('.job-badge-name')?.textContent === 'GTAW Pipe 6G')!;
    expect([...pipe.querySelectorAll('.job-badge-earn li')].map((li) => li.textContent)).toEqual([
      'Other: Performance test at an accredited test facility',
      'Seminar: GTAW hands-on workshop',
    ]);
    expect(pipe.querySelector('a.job-badge-name')?.getAttribute('href')).toMatch(new RegExp(`^${API}/badges/`));
  });

  test('the posting goes to the background only; the API sees the vocabulary request and the matched badges’ ids, no page data', async () => {
    start();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    expect(messages).toHaveLength(1);
    const message = messages[0] as { type: string; posting: { title: string; sections: string[] } };
    expect(Object.keys(message).sort()).toEqual(['posting', 'type']);
    expect(Object.keys(message.posting).sort()).toEqual(['sections', 'title']);
    expect(JSON.stringify(message)).not.toMatch(/4012345678|linkedin\.com/i); // the page address stays out
    await vi.waitFor(() => expect(apiRequests).toHaveLength(2));
    expect(apiRequests[0]).toBe(`${API}/api/v1/skills`);
    expect(apiRequests[1]).toMatch(new RegExp(`^${API}/api/v1/match/related\\?badges=[\\w-]+(%2C[\\w-]+)*$`));
  });

  test('page churn never makes a second panel; the page re-rendering around it puts it back once', async () => {
    start();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    for (let i = 0; i < 5; i++) document.querySelector('main')!.append(document.createElement('div'));
    panels()[0].remove(); // the page dropped our host
    await vi.waitFor(() => expect(panels()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(panels()).toHaveLength(1);
    expect(messages).toHaveLength(1); // same posting: no second match
  });

  test('dismissed, it stays away while the page keeps changing', async () => {
    start();
    await vi.waitFor(() => expect(badgeNames().length).toBeGreaterThan(0));
    panelRoot()!.querySelector<HTMLButtonElement>('.job-panel-dismiss')!.click();
    expect(panels()).toHaveLength(0);
    document.querySelector('main')!.append(document.createElement('div'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(panels()).toHaveLength(0);
  });

  test('API down: the panel says it couldn’t check; Retry checks again', async () => {
    apiDown = true;
    history.replaceState(null, '', '/jobs/search/?currentJobId=4012300000'); // a posting not dismissed above
    start();
    await vi.waitFor(() => expect(panelRoot()?.querySelector('.job-panel-note')?.textContent).toMatch(/^Couldn’t check BadgeLens/));
    apiDown = false;
    panelRoot()!.querySelector<HTMLButtonElement>('button.retry')!.click();
    await vi.waitFor(() => expect(badgeNames()).toContain('GTAW Pipe 6G'));
  });

  test('LinkedIn Jobs switched off: nothing is read, nothing is asked', async () => {
    await siteSwitchesItem.setValue({ sites: { 'linkedin-jobs': false }, origins: [] });
    start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(panels()).toHaveLength(0);
    expect(messages).toEqual([]);
  });
});
