import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { JOB_FIXTURES, jobFixtureDocument } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { linkedinJobs } from '.';

describe('LinkedIn Jobs adapter', () => {
  test('reads job pages: the job view, search and collections with a posting open', () => {
    const yes = [
      JOB_FIXTURES['linkedin-jobs/search-two-pane'],
      JOB_FIXTURES['linkedin-jobs/guest-job'],
      'https://www.linkedin.com/jobs/view/4012345678/',
      'https://www.linkedin.com/jobs/collections/recommended/?currentJobId=4012345678',
      'https://uk.linkedin.com/jobs/view/4012345678',
    ];
    const no = ['https://www.linkedin.com/in/someone/', 'https://www.linkedin.com/feed/', 'https://www.linkedin.com.evil.example/jobs/view/1/', 'https://www.linkedin.com/jobs/'];
    for (const url of yes) expect(linkedinJobs.matches(new URL(url)), url).toBe(true);
    for (const url of no) expect(linkedinJobs.matches(new URL(url)), url).toBe(false);
    expect(adapterFor(new URL(yes[0])).id).toBe('linkedin-jobs');
  });

  test('names the posting by its job id, so that switching postings in the list is noticed', () => {
    expect(linkedinJobs.postingKey(new URL(JOB_FIXTURES['linkedin-jobs/search-two-pane']))).toBe('4012345678');
    expect(linkedinJobs.postingKey(new URL('https://www.linkedin.com/jobs/search/?currentJobId=4012399911'))).toBe('4012399911');
    expect(linkedinJobs.postingKey(new URL(JOB_FIXTURES['linkedin-jobs/guest-job']))).toBe('4012399911');
    expect(linkedinJobs.postingKey(new URL('https://www.linkedin.com/jobs/search/'))).toBeNull();
  });

  test('reads the open posting of the two-pane search page, not the list beside it', () => {
    const posting = linkedinJobs.readPosting(jobFixtureDocument('linkedin-jobs/search-two-pane'))!;
    expect(posting.title).toBe('Pipe Welder (GTAW/SMAW)');
    expect(posting.sections).toHaveLength(1);
    expect(posting.sections[0]).toContain('3+ years of pipe welding experience');
    expect(posting.sections[0]).not.toContain('Forklift Operator');
    const skills = weldingSkillsOf(posting);
    expect(skills.slice(0, 3)).toEqual(expect.arrayContaining(['GTAW', 'SMAW', 'pipe welding']));
    expect(skills).toEqual(expect.arrayContaining(['6G', 'WPS', 'blueprint reading', 'welding symbols', 'OFC', 'OSHA 10']));
    expect(skills).not.toContain('forklift');
  });

  test('reads the public guest view', () => {
    const doc = jobFixtureDocument('linkedin-jobs/guest-job');
    const posting = linkedinJobs.readPosting(doc)!;
    expect(posting.title).toBe('Forklift Operator – 2nd Shift');
    expect(posting.sections.join(' ')).toContain('Current forklift certification');
    expect(posting.sections.join(' ')).not.toContain('Show more');
    expect(weldingSkillsOf(posting)).toEqual(expect.arrayContaining(['forklift', 'OSHA 10', 'shop math', 'first aid', 'CPR']));
    expect(linkedinJobs.panelAnchor(doc)?.className).toContain('description__text');
  });

  test('puts the panel before the description', () => {
    expect(linkedinJobs.panelAnchor(jobFixtureDocument('linkedin-jobs/search-two-pane'))?.classList.contains('jobs-description')).toBe(true);
  });
});
