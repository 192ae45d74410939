// The hand-made job-site fixtures (invented companies and people), where each is served, and how
// to fill in their badge links. Used by the adapters' unit tests, the real-browser test and the bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const JOB_FIXTURES = {
  'linkedin-jobs/search-two-pane': 'https://www.linkedin.com/jobs/search/?currentJobId=4012345678&keywords=pipe%20welder',
  'linkedin-jobs/guest-job': 'https://www.linkedin.com/jobs/view/forklift-operator-2nd-shift-at-quillmere-logistics-4012399911',
  'indeed/viewjob': 'https://www.indeed.com/viewjob?jk=7c1e0a9b3d2f4e61&from=serp',
  'greenhouse/board-job': 'https://job-boards.greenhouse.io/tallismarine/jobs/4417720006',
  'greenhouse/embed-frame': 'https://boards.greenhouse.io/embed/job_app?for=ostrander&token=7751234&b=https%3A%2F%2Fostrander-ag.example%2Fcareers',
  'greenhouse/embedding-company-page': 'https://ostrander-ag.example/careers?gh_jid=7751234',
  'greenhouse/candidate': 'https://app.greenhouse.io/people/88120931/applications/99331027',
  'lever/posting': 'https://jobs.lever.co/brightwater/3f2a9c1e-58b4-4d0f-9a7e-2c51d8e0b6a4',
  'workday/job': 'https://fvtc.wd5.myworkdayjobs.com/en-US/FVTC_Careers/job/Fenwick-Valley-Campus/Welding-Instructor---Evening-Program_R-004217',
  'generic/jsonld-only': 'https://marrowgate-shipyard.example/careers/1187',
  'generic/resume': 'https://jonas-ekwueme.example/resume/',
  'generic/nursing-posting': 'https://larkspur-health.example/careers/rn-4west',
} as const;
export type JobFixtureName = keyof typeof JOB_FIXTURES;

export const TEST_BADGE_ORIGIN = 'https://badges.example';

/** A badge URL for a fixture slot when the test does not give real ones. */
export function testBadgeUrl(slot: string, origin = TEST_BADGE_ORIGIN): string {
  return `${origin}/assertions/${slot.padEnd(22, '0')}`;
}

export function readJobFixture(name: JobFixtureName): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', `${name}.html`), 'utf8');
}

/**
 * Fills `{{BADGE:SLOT}}` with a badge URL, in the forms pages show them: `|trk` (a tracking
 * parameter), `|redirect` (LinkedIn's redirect wrapper), `|json` (the JSON URL), `|encoded`
 * (percent-encoded, inside another link's query). Escaped for an HTML attribute.
 */
export function fillJobFixture(html: string, urls: Record<string, string> = {}, origin = TEST_BADGE_ORIGIN): string {
  return html.replace(/\{\{BADGE:([A-Z_]+)(?:\|(trk|redirect|json|encoded))?\}\}/g, (_match, slot: string, form?: string) => {
    const url = urls[slot] ?? testBadgeUrl(slot, origin);
    let href = url;
    if (form === 'trk') href = `${url}?trk=public_profile_see-credential`;
    if (form === 'redirect') href = `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(url)}&urlhash=Zk3q`;
    if (form === 'json') href = `${url}.json`;
    if (form === 'encoded') href = encodeURIComponent(url);
    return href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  });
}

export function loadJobFixture(name: JobFixtureName, urls: Record<string, string> = {}, origin = TEST_BADGE_ORIGIN): string {
  return fillJobFixture(readJobFixture(name), urls, origin);
}

/** Parses a fixture into a detached document (for pure reads; nothing runs). */
export function jobFixtureDocument(name: JobFixtureName, urls: Record<string, string> = {}, origin = TEST_BADGE_ORIGIN): Document {
  return new DOMParser().parseFromString(loadJobFixture(name, urls, origin), 'text/html');
}
