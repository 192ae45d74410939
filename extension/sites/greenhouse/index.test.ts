// @vitest-environment-options {"settings": {"disableIframePageLoading": true}}
import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { JOB_FIXTURES, jobFixtureDocument, TEST_BADGE_ORIGIN, testBadgeUrl } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { greenhouse, isEmbeddingPage } from '.';

describe('Greenhouse adapter', () => {
  test('reads both board hosts, the embedded board frame, embedding pages (?gh_jid=) and the recruiter app', () => {
    for (const name of ['greenhouse/board-job', 'greenhouse/embed-frame', 'greenhouse/embedding-company-page', 'greenhouse/candidate'] as const) {
      expect(greenhouse.matches(new URL(JOB_FIXTURES[name])), name).toBe(true);
      expect(adapterFor(new URL(JOB_FIXTURES[name])).id, name).toBe('greenhouse');
    }
    expect(greenhouse.matches(new URL('https://boards.greenhouse.io/tallismarine/jobs/4417720006'))).toBe(true);
    for (const url of ['https://boards.greenhouse.io/tallismarine', 'https://greenhouse.io.evil.example/x/jobs/1', 'https://ostrander-ag.example/careers?gh_jid=abc']) {
      expect(greenhouse.matches(new URL(url)), url).toBe(false);
    }
    expect(isEmbeddingPage(new URL(JOB_FIXTURES['greenhouse/embedding-company-page']))).toBe(true);
    expect(isEmbeddingPage(new URL(JOB_FIXTURES['greenhouse/embed-frame']))).toBe(false);
  });

  test('names the posting by job id, embed token or gh_jid', () => {
    expect(greenhouse.postingKey(new URL(JOB_FIXTURES['greenhouse/board-job']))).toBe('4417720006');
    expect(greenhouse.postingKey(new URL(JOB_FIXTURES['greenhouse/embed-frame']))).toBe('7751234');
    expect(greenhouse.postingKey(new URL(JOB_FIXTURES['greenhouse/embedding-company-page']))).toBe('7751234');
    expect(greenhouse.postingKey(new URL(JOB_FIXTURES['greenhouse/candidate']))).toBeNull();
  });

  test('reads a posting on the 2024 board design', () => {
    const doc = jobFixtureDocument('greenhouse/board-job');
    const posting = greenhouse.readPosting(doc)!;
    expect(posting.title).toBe('Welding Inspector (CWI)');
    expect(posting.sections.join(' ')).toContain('coordinate NDT subcontractors');
    expect(posting.sections.join(' ')).not.toContain('First Name');
    const skills = weldingSkillsOf(posting);
    expect(skills[0]).toBe('CWI');
    expect(skills).toEqual(expect.arrayContaining(['VT', 'WPS', 'NDT', 'UT', 'MT', 'discontinuities', 'shipyard', 'confined space', 'blueprint reading', 'welding symbols']));
    expect(greenhouse.panelAnchor(doc)?.classList.contains('job__description')).toBe(true);
  });

  test('reads a posting inside the embedded board frame; the embedding page itself has none to read', () => {
    const posting = greenhouse.readPosting(jobFixtureDocument('greenhouse/embed-frame'))!;
    expect(posting.title).toBe('Robotic Welding Technician');
    expect(weldingSkillsOf(posting)).toEqual(expect.arrayContaining(['robotic welding', 'robot programming', 'GMAW', 'weld gauges', 'quality control']));
    const embedding = jobFixtureDocument('greenhouse/embedding-company-page');
    expect(greenhouse.readPosting(embedding)).toBeNull();
    expect(greenhouse.panelAnchor(embedding)?.id).toBe('grnhse_app');
  });

  test('finds the three BadgeLens badge links in an application, in every form, and nothing else', () => {
    const links = greenhouse.findBadgeLinks(jobFixtureDocument('greenhouse/candidate'), TEST_BADGE_ORIGIN);
    expect(links.map((link) => link.badgeUrl)).toEqual([testBadgeUrl('ONE'), `${testBadgeUrl('TWO')}?trk=public_profile_see-credential`, testBadgeUrl('THREE')]);
    expect(links.map((link) => link.link.textContent)).toEqual([testBadgeUrl('ONE'), 'view badge', 'Show credential']);
  });

  test('finds no badge links of another BadgeLens server', () => {
    expect(greenhouse.findBadgeLinks(jobFixtureDocument('greenhouse/candidate'), 'https://other-badges.example')).toEqual([]);
  });
});
