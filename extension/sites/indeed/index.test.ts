import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { JOB_FIXTURES, jobFixtureDocument } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { indeed } from '.';

describe('Indeed adapter', () => {
  test('reads the job page and the search page with a posting open', () => {
    for (const url of [JOB_FIXTURES['indeed/viewjob'], 'https://www.indeed.com/jobs?q=welder&l=Iowa&vjk=7c1e0a9b3d2f4e61', 'https://ca.indeed.com/viewjob?jk=1']) {
      expect(indeed.matches(new URL(url)), url).toBe(true);
      expect(adapterFor(new URL(url)).id).toBe('indeed');
    }
    for (const url of ['https://www.indeed.com/', 'https://indeed.com.evil.example/viewjob?jk=1', 'https://www.indeed.com/career-advice/x']) {
      expect(indeed.matches(new URL(url)), url).toBe(false);
    }
  });

  test('names the posting by jk on the job page and by vjk in the search pane', () => {
    expect(indeed.postingKey(new URL(JOB_FIXTURES['indeed/viewjob']))).toBe('7c1e0a9b3d2f4e61');
    expect(indeed.postingKey(new URL('https://www.indeed.com/jobs?q=welder&vjk=aa11'))).toBe('aa11');
    expect(indeed.postingKey(new URL('https://www.indeed.com/jobs?q=welder'))).toBeNull();
  });

  test('reads title, qualifications and description', () => {
    const doc = jobFixtureDocument('indeed/viewjob');
    const posting = indeed.readPosting(doc)!;
    expect(posting.title).toBe('Structural Welder - Flux Core / MIG - job post');
    expect(posting.sections).toHaveLength(2);
    expect(posting.sections.join(' ')).toContain('Structural welding: 3 years');
    expect(posting.sections.join(' ')).toContain('moment connections');
    const skills = weldingSkillsOf(posting);
    expect(skills.slice(0, 3)).toEqual(expect.arrayContaining(['FCAW', 'GMAW', 'structural welding']));
    expect(skills).toEqual(expect.arrayContaining(['3G', '4G', 'fit-up', 'fall protection', 'fire watch', 'hot work', 'welding symbols', 'fabrication drawings']));
    expect(indeed.panelAnchor(doc)?.id).toBe('jobDescriptionText');
  });
});
