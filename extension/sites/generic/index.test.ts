// @vitest-environment-options {"settings": {"disableIframePageLoading": true}}
import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { createPostingMatcher } from '../../../shared/skills';
import { JOB_FIXTURES, jobFixtureDocument, TEST_BADGE_ORIGIN, testBadgeUrl } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { generic } from '.';

describe('generic adapter', () => {
  test('reads any other http(s) page', () => {
    expect(adapterFor(new URL(JOB_FIXTURES['generic/jsonld-only'])).id).toBe('generic');
    expect(generic.matches(new URL('file:///etc/passwd'))).toBe(false);
  });

  test('reads a posting from JSON-LD alone (@graph, HTML description, lists and objects), never running its HTML', () => {
    const doc = jobFixtureDocument('generic/jsonld-only');
    const posting = generic.readPosting(doc)!;
    expect(posting.title).toBe('Shipfitter / Welder – Hull Block Assembly');
    expect(posting.sections).toEqual([
      'Marrowgate builds ferries and offshore supply vessels. Weld hull blocks with flux core and stick (SMAW) in all positions Work in confined space under a gas monitoring program',
      'Able to pass a 3G/4G FCAW plate test Blueprint reading',
      'Overhead welding Fire watch',
      'certificate',
    ]);
    expect(weldingSkillsOf(posting)).toEqual(
      expect.arrayContaining(['FCAW', 'SMAW', 'confined space', 'gas monitoring', '3G', '4G', 'blueprint reading', 'overhead welding', 'fire watch']),
    );
  });

  test('reads a non-welding posting whose JSON-LD has only a description, and any vocabulary matches it', () => {
    const posting = generic.readPosting(jobFixtureDocument('generic/nursing-posting'))!;
    expect(posting.title).toBe('Registered Nurse – Medical-Surgical Unit');
    const match = createPostingMatcher([
      { skill: 'IV therapy', synonyms: ['intravenous therapy'], badgeIds: ['iv'] },
      { skill: 'BLS', synonyms: ['basic life support'], badgeIds: ['bls'] },
      { skill: 'EHR', synonyms: [], badgeIds: ['ehr'] },
      { skill: 'PALS', synonyms: [], badgeIds: ['pals'] },
      { skill: 'wound care', synonyms: [], badgeIds: ['wound'] },
    ]);
    expect(match(posting).map((related) => related.badgeId).sort()).toEqual(['bls', 'ehr', 'iv', 'wound']);
    expect(weldingSkillsOf(posting)).toEqual(['CPR']); // the welding words find only what is there
  });

  test('finds no posting on a page without JobPosting JSON-LD', () => {
    expect(generic.readPosting(jobFixtureDocument('generic/resume'))).toBeNull();
    expect(generic.readPosting(jobFixtureDocument('greenhouse/embedding-company-page'))).toBeNull();
  });

  test('finds badge links anywhere on a page: plain, JSON, inside a Google redirect; not other hosts or look-alikes', () => {
    const links = generic.findBadgeLinks(jobFixtureDocument('generic/resume'), TEST_BADGE_ORIGIN);
    expect(links.map((link) => link.badgeUrl)).toEqual([testBadgeUrl('ONE'), `${testBadgeUrl('TWO')}.json`, testBadgeUrl('THREE')]);
    expect(links.map((link) => link.link.textContent)).toEqual(['verify', 'badge data', 'shared via Docs']);
  });
});
