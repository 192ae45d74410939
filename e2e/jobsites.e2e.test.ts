// Real browser: Debian's Chromium loads the built extension; a local server answers for LinkedIn
// Jobs, Greenhouse (board and recruiter app) and a personal résumé site with the hand-made
// fixtures; the real API (in-memory SQLite with the demo data) searches the catalogue and verifies.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { BadgeUrls } from '../extension/test/linkedin-fixtures';
import { JOB_FIXTURES } from '../extension/test/jobsite-fixtures';
import { issueFixtureBadges, startApi, type RunningApi } from './support/api';
import { EXTENSION_DIR, launchWithExtension, setApiBaseUrl, type ExtensionBrowser } from './support/chromium';
import { startJobSiteServer, type JobSiteServer } from './support/jobsite-server';
import { eventually } from './support/overlays';

let api: RunningApi;
let urls: BadgeUrls;
let sites: JobSiteServer;
let browser: ExtensionBrowser;
let page: Page;
let extensionCopy: string;

const GREENHOUSE_PATTERNS = ['*://boards.greenhouse.io/*', '*://job-boards.greenhouse.io/*', '*://app.greenhouse.io/*'];
const NURSING_ORIGIN = new URL(JOB_FIXTURES['generic/nursing-posting']).origin.replace('https:', 'http:');

/**
 * A nursing catalogue (invented), loaded into the test API: the extension knows no nursing word by itself.
 * With it, a hospital's role asking for two of its badges and a college's course leading to one, posted by
 * the demo earner (who may create organisations like anyone).
 */
async function loadNursingCatalogue(): Promise<void> {
  const call = async (method: string, path: string, body: unknown, token = api.issuerApiKey) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const badge = async (name: string, skills: unknown[]) =>
    (await call('POST', '/api/v1/badges', { name, description: `${name} (nursing).`, category: 'skill', criteria: 'Pass the skills check.', skills })).id;
  const ivTherapy = await badge('IV Therapy Skills Check', ['IV therapy']);
  const bls = await badge('Basic Life Support Provider', [{ name: 'BLS', targetName: 'Basic Life Support', targetUrl: 'https://nursing-framework.example/bls', targetCode: 'BLS-1' }]);
  await badge('Electronic Health Records', ['EHR']);
  await badge('Wound Care Fundamentals', ['wound management']);
  const pals = await badge('Pediatric Advanced Life Support', ['PALS']);
  await call('PUT', `/api/v1/skills/${encodeURIComponent('wound management')}/synonyms`, { synonyms: ['wound care'] });

  const token = await demoEarnerToken();
  const hospital = await call('POST', '/api/v1/organisations', { kind: 'company', name: 'Northgate Hospital', slug: 'northgate-hospital', location: 'Northgate', published: true }, token);
  await call('POST', `/api/v1/organisations/${hospital.id}/roles`, { title: 'Ward nurse', location: 'Northgate', requiredBadgeIds: [ivTherapy, bls], preferredBadgeIds: [], postingUrl: null }, token);
  await call('POST', `/api/v1/organisations/${hospital.id}/roles`, { title: 'Paediatric nurse', location: 'Northgate', requiredBadgeIds: [pals], preferredBadgeIds: [], postingUrl: null }, token);
  const college = await call('POST', '/api/v1/organisations', { kind: 'school', name: 'Harbour Nursing College', slug: 'harbour-nursing-college', location: 'Harbour', published: true }, token);
  const startsOn = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await call('POST', `/api/v1/organisations/${college.id}/courses`, { title: 'IV therapy evening course', format: 'in_person', location: 'Harbour', startsOn, endsOn: null, url: 'https://harbour-nursing.example/iv', badgeIds: [ivTherapy], requirementIds: [] }, token);
}

/**
 * The built extension as it is after the user granted Greenhouse's optional host permission: headless
 * Chromium cannot show the permission prompt, so the grant is written into a copy of the manifest.
 * The Greenhouse switch itself stays off until the test turns it on.
 */
function extensionWithGreenhouseGranted(): string {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(...GREENHOUSE_PATTERNS, `${NURSING_ORIGIN}/*`);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

beforeAll(async () => {
  api = await startApi();
  urls = await issueFixtureBadges(api, api.issuerApiKey);
  await loadNursingCatalogue();
  sites = await startJobSiteServer(
    ['linkedin-jobs/search-two-pane', 'greenhouse/candidate', 'greenhouse/embedding-company-page', 'greenhouse/embed-frame', 'generic/resume', 'generic/nursing-posting'],
    { ONE: urls.VALID, TWO: urls.EXPIRED, THREE: urls.REVOKED },
    api.url,
  );
  const extraHosts = Object.fromEntries(sites.hosts.filter((host) => host !== 'www.linkedin.com').map((host) => [host, sites.port]));
  extensionCopy = extensionWithGreenhouseGranted();
  browser = await launchWithExtension({ linkedinPort: sites.port, extraHosts, extensionDir: extensionCopy });
  await setApiBaseUrl(browser.serviceWorker, api.url);
  await signInDemoEarner();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await sites?.close();
  await api?.close();
  if (extensionCopy) rmSync(extensionCopy, { recursive: true, force: true });
});

/** An API token of the demo earner. */
function demoEarnerToken(): Promise<string> {
  return fetch(`${api.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'demo@badgelens.example', password: 'badgelens-demo' }),
  }).then(async (response) => {
    if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  });
}

/** What the popup keeps after the demo earner signs in: their badges, fetched from the real API. */
async function signInDemoEarner(): Promise<void> {
  const token = await demoEarnerToken();
  const { items } = (await fetch(`${api.url}/api/v1/me/badges`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as { items: unknown[] };
  const snapshot = { apiBaseUrl: api.url, email: 'demo@badgelens.example', fetchedAt: new Date().toISOString(), badges: items };
  await browser.serviceWorker.evaluate(async (value) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ earnerBadges: value });
  }, snapshot);
}

interface PanelView {
  count: number;
  title: string | null;
  badges: { name: string; held: boolean; options: string[]; href: string | null }[];
  note: string | null;
  /** The related roles' and courses' lines, as read. */
  roles: string[];
  courses: string[];
}

function readPanel(page: Page): Promise<PanelView> {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('badgelens-job-panel')];
    const root = hosts[0]?.shadowRoot;
    return {
      count: hosts.length,
      title: root?.querySelector('h2')?.textContent ?? null,
      note: root?.querySelector('.job-panel-note')?.textContent ?? null,
      badges: [...(root?.querySelectorAll('.job-badge') ?? [])].map((item) => ({
        name: item.querySelector('.job-badge-name')?.textContent ?? '',
        held: item.getAttribute('data-held') === 'true',
        options: [...item.querySelectorAll('.job-badge-earn li')].map((li) => (li.textContent ?? '').trim()),
        href: item.querySelector('a.job-badge-name')?.getAttribute('href') ?? null,
      })),
      roles: [...(root?.querySelectorAll('.job-related-role') ?? [])].map((item) => item.textContent ?? ''),
      courses: [...(root?.querySelectorAll('.job-related-course') ?? [])].map((item) => item.textContent ?? ''),
    };
  });
}

function readChips(page: Page): Promise<{ chips: string[]; summaries: string[]; hosts: number }> {
  return page.evaluate(() => ({
    hosts: document.querySelectorAll('badgelens-badge').length,
    chips: [...document.querySelectorAll('badgelens-badge')].flatMap((host) =>
      [...(host.shadowRoot?.querySelectorAll('.chip') ?? [])].map((chip) => chip.querySelector('.chip-label')?.textContent ?? ''),
    ),
    summaries: [...document.querySelectorAll('badgelens-summary')].map((host) => host.shadowRoot?.querySelector('.chip-label')?.textContent ?? ''),
  }));
}

/** What the popup stores when the user switches BadgeLens on (or off) for one website (the browser already granted it). */
async function switchOrigin(origin: string, on: boolean): Promise<void> {
  await browser.serviceWorker.evaluate(async ([value, switchedOn]) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(i: object): Promise<void> } } } }).chrome;
    const current = ((await chrome.storage.local.get('jobSiteSwitches')).jobSiteSwitches as { sites: Record<string, boolean>; origins: string[] } | undefined) ?? { sites: {}, origins: [] };
    const others = current.origins.filter((other) => other !== value);
    await chrome.storage.local.set({ jobSiteSwitches: { ...current, origins: switchedOn ? [...others, value] : others } });
  }, [origin, on] as const);
}

/** Forgets the downloaded skill vocabulary, as a fresh install has none. */
async function forgetVocabulary(): Promise<void> {
  await browser.serviceWorker.evaluate(async () => {
    await (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('skillVocabulary');
  });
}

/** What the options page stores when the user switches a site on (the browser already granted it). */
async function switchOn(siteId: string): Promise<void> {
  await browser.serviceWorker.evaluate(async (id) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(i: object): Promise<void> } } } }).chrome;
    const current = ((await chrome.storage.local.get('jobSiteSwitches')).jobSiteSwitches as { sites: Record<string, boolean>; origins: string[] } | undefined) ?? { sites: {}, origins: [] };
    await chrome.storage.local.set({ jobSiteSwitches: { ...current, sites: { ...current.sites, [id]: true } } });
  }, siteId);
}

function registeredScripts(): Promise<string[]> {
  return browser.serviceWorker.evaluate(async () =>
    (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome.scripting.getRegisteredContentScripts()).map((script) => script.id),
  );
}

describe('job sites in Chromium', () => {
  test('a nursing posting (JSON-LD with only a description) on a switched-on website: the nursing badges, matched in the browser', async () => {
    await switchOrigin(NURSING_ORIGIN, true);
    await eventually(registeredScripts, (ids) => expect(ids).toEqual(['badgelens-jobsites']));
    const before = api.requestSources.length;
    await page.goto(sites.urlOf('generic/nursing-posting'));
    const panel = await eventually(
      () => readPanel(page),
      (view) => {
        expect(view.count).toBe(1);
        expect(view.badges.length).toBeGreaterThanOrEqual(4);
      },
    );
    const names = panel.badges.map((badge) => badge.name);
    expect(names).toEqual(expect.arrayContaining(['IV Therapy Skills Check', 'Basic Life Support Provider', 'Electronic Health Records', 'Wound Care Fundamentals']));
    expect(names).not.toContain('Pediatric Advanced Life Support');
    expect(names.some((name) => /GTAW|SMAW|FCAW/.test(name)), names.join(', ')).toBe(false);
    // The hospital's role asking for the posting's badges and the college's course leading to one; not the role asking for another badge.
    const related = await eventually(
      () => readPanel(page),
      (view) => expect(view.roles.length + view.courses.length).toBeGreaterThan(0),
    );
    // The badges it asks for in the panel's order.
    const asked = names.filter((name) => name === 'IV Therapy Skills Check' || name === 'Basic Life Support Provider').join(', ');
    expect(related.roles).toEqual([`Ward nurse · Northgate Hospital, NorthgateAsks for ${asked}`]);
    expect(related.courses).toHaveLength(1);
    expect(related.courses[0]).toMatch(/^IV therapy evening course · Harbour Nursing CollegeIn person in Harbour · starts .+ · leads to IV Therapy Skills Check$/);
    // The API saw the vocabulary download and the matched badges' ids only: no posting text, no page address, no Referer or Origin of the page.
    const seen = api.requestSources.slice(before);
    expect(seen.map((line) => line.split(' ').slice(0, 2).join(' ')), seen.join('\n')).toEqual(['GET /api/v1/skills', 'GET /api/v1/match/related']);
    expect(seen.join('\n')).not.toMatch(/larkspur|Fennick|Nurse/i);
    await switchOrigin(NURSING_ORIGIN, false);
    await eventually(registeredScripts, (ids) => expect(ids).toEqual([]));
  });

  test('LinkedIn Jobs (on by default): one "Badges for this job" panel with the GTAW badges, the demo earner’s marked as held', async () => {
    await page.goto(sites.urlOf('linkedin-jobs/search-two-pane'));
    const panel = await eventually(
      () => readPanel(page),
      (view) => {
        expect(view.count).toBe(1);
        expect(view.badges.length).toBeGreaterThan(2);
      },
    );
    expect(panel.title).toBe('Badges for this job');
    const names = panel.badges.map((badge) => badge.name);
    expect(names).toEqual(expect.arrayContaining(['GTAW Process Knowledge', 'GTAW Pipe 6G']));
    const knowledge = panel.badges.find((badge) => badge.name === 'GTAW Process Knowledge')!;
    const pipe = panel.badges.find((badge) => badge.name === 'GTAW Pipe 6G')!;
    expect(knowledge.held).toBe(true);
    expect(knowledge.options).toEqual([]);
    expect(pipe.held).toBe(false);
    expect(pipe.options).toEqual(expect.arrayContaining(['Other: Performance test at an accredited test facility', 'Seminar: GTAW hands-on workshop']));
    expect(pipe.href).toMatch(new RegExp(`^${api.url}/badges/`));
    expect(panel.note).toMatch(/you hold [1-9]/);
    // The page itself is untouched: its own heading and Easy Apply button are still there.
    expect(await page.locator('.job-details-jobs-unified-top-card__job-title h1').textContent()).toBe('Pipe Welder (GTAW/SMAW)');
  });

  test('the panel is dismissible from the keyboard and does not come back for this posting', async () => {
    await page.evaluate(() => {
      const button = document.querySelector('badgelens-job-panel')?.shadowRoot?.querySelector<HTMLButtonElement>('.job-panel-dismiss');
      button?.focus();
    });
    await page.keyboard.press('Enter');
    await eventually(() => readPanel(page), (view) => expect(view.count).toBe(0));
  });

  test('API down before any vocabulary was downloaded: the panel says it couldn’t check, and the page still works', async () => {
    await forgetVocabulary();
    api.setDown(true);
    await page.goto(sites.urlOf('linkedin-jobs/search-two-pane').replace('keywords=pipe%20welder', 'keywords=welder'));
    await eventually(
      () => readPanel(page),
      (view) => {
        expect(view.count).toBe(1);
        expect(view.note).toMatch(/^Couldn’t check BadgeLens/);
      },
    );
    expect(await page.locator('.job-details-jobs-unified-top-card__job-title h1').textContent()).toBe('Pipe Welder (GTAW/SMAW)');
    api.setDown(false);
    await page.evaluate(() => document.querySelector('badgelens-job-panel')?.shadowRoot?.querySelector<HTMLButtonElement>('button.retry')?.click());
    await eventually(() => readPanel(page), (view) => expect(view.badges.map((badge) => badge.name)).toContain('GTAW Pipe 6G'));
  });

  test('LinkedIn Jobs swaps the posting without a page load: the one panel follows it', async () => {
    await page.evaluate(() => {
      history.pushState(null, '', '/jobs/search/?currentJobId=4012377777&keywords=welder');
      document.querySelector('.job-details-jobs-unified-top-card__job-title h1 a')!.textContent = 'Structural Welder (FCAW)';
      const details = document.querySelector('#job-details')!;
      const replacement = document.createElement('div');
      replacement.className = 'mt4';
      const text = document.createElement('p');
      text.textContent = 'Field welding of steel erection with flux-cored wire (dual shield) in the 3G and 4G positions.';
      replacement.append(text);
      details.replaceChildren(replacement);
    });
    const panel = await eventually(
      () => readPanel(page),
      (view) => {
        expect(view.count).toBe(1);
        expect(view.badges.map((badge) => badge.name)).toContain('FCAW Structural 4G Overhead');
      },
    );
    expect(panel.badges.map((badge) => badge.name)).not.toContain('GTAW Pipe 6G');
  });

  test('a site that is switched off gets nothing: no chips on a résumé page, no panel', async () => {
    await page.goto(sites.urlOf('generic/resume'));
    await page.waitForTimeout(1500);
    expect(await readChips(page)).toEqual({ chips: [], summaries: [], hosts: 0 });
    expect((await readPanel(page)).count).toBe(0);
  });

  test('Greenhouse permitted but switched off: its application page gets nothing', async () => {
    expect(await registeredScripts()).toEqual([]);
    await page.goto(sites.urlOf('greenhouse/candidate'));
    await page.waitForTimeout(1500);
    expect(await readChips(page)).toEqual({ chips: [], summaries: [], hosts: 0 });
  });

  test('Greenhouse switched on: an application with three badge links shows three correct chips and a summary', async () => {
    await switchOn('greenhouse');
    await eventually(registeredScripts, (ids) => expect(ids).toEqual(['badgelens-jobsites']));
    await page.goto(sites.urlOf('greenhouse/candidate'));
    const view = await eventually(
      () => readChips(page),
      (value) => {
        expect(value.chips).toEqual(['Verified', 'Expired', 'Revoked']);
        expect(value.summaries).toEqual(['1 verified badge · 2 with problems']);
      },
    );
    expect(view.hosts).toBe(3);
  });

  test('a careers page embedding Greenhouse’s board: the panel shows inside the board’s frame, the careers site is not read', async () => {
    await page.goto(sites.urlOf('greenhouse/embedding-company-page'));
    const frame = await eventually(
      async () => page.frames().find((candidate) => candidate.url().includes('/embed/job_app')),
      (found) => expect(found).toBeDefined(),
    );
    const panel = await eventually(
      () => readPanel(frame as unknown as Page),
      (view) => {
        expect(view.count).toBe(1);
        expect(view.badges.length).toBeGreaterThan(0);
      },
    );
    const names = panel.badges.map((badge) => badge.name);
    expect(names.some((name) => /Robotic/.test(name)), names.join(', ')).toBe(true);
    expect(panel.badges.find((badge) => badge.name === 'GMAW Process Knowledge')?.held, names.join(', ')).toBe(true);
    expect((await readPanel(page)).count).toBe(0);
  });
});
