import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { JOB_FIXTURES, jobFixtureDocument } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { workday } from '.';

describe('Workday adapter', () => {
  test('reads myworkdayjobs.com tenants and names the posting by its requisition id', () => {
    const url = new URL(JOB_FIXTURES['workday/job']);
    expect(workday.matches(url)).toBe(true);
    expect(adapterFor(url).id).toBe('workday');
    expect(workday.postingKey(url)).toBe('R-004217');
    expect(workday.postingKey(new URL('https://fvtc.wd5.myworkdayjobs.com/FVTC_Careers'))).toBeNull();
    expect(workday.matches(new URL('https://myworkdayjobs.com.evil.example/x/job/y_R-1'))).toBe(false);
  });

  test('reads the rendered posting', () => {
    const doc = jobFixtureDocument('workday/job');
    const posting = workday.readPosting(doc)!;
    expect(posting.title).toBe('Welding Instructor - Evening Program');
    expect(posting.sections.join(' ')).toContain('Prepare students for 3G and 4G plate bend tests');
    expect(weldingSkillsOf(posting)).toEqual(
      expect.arrayContaining(['SMAW', 'GMAW', '3G', '4G', 'bend test', 'welding symbols', 'blueprint reading', 'curriculum design', 'PPE', 'hot work', 'CWE', 'mentoring']),
    );
    expect(workday.panelAnchor(doc)?.getAttribute('data-automation-id')).toBe('jobPostingDescription');
  });

  test('before the app has rendered the posting, falls back to its JSON-LD', () => {
    const doc = jobFixtureDocument('workday/job');
    doc.querySelector('[data-automation-id="jobPostingPage"]')!.remove();
    expect(workday.readPosting(doc)).toEqual({ title: 'Welding Instructor - Evening Program', sections: ['Teach SMAW and GMAW evening classes.'] });
  });
});
