import { describe, expect, test } from 'vitest';
import { weldingSkillsOf } from '../../test/welding-vocabulary';
import { JOB_FIXTURES, jobFixtureDocument } from '../../test/jobsite-fixtures';
import { adapterFor } from '../jobSites';
import { lever } from '.';

describe('Lever adapter', () => {
  test('reads posting pages and the recruiter app, not the company’s posting list', () => {
    expect(lever.matches(new URL(JOB_FIXTURES['lever/posting']))).toBe(true);
    expect(adapterFor(new URL(JOB_FIXTURES['lever/posting'])).id).toBe('lever');
    expect(lever.matches(new URL('https://jobs.eu.lever.co/brightwater/3f2a9c1e-58b4-4d0f-9a7e-2c51d8e0b6a4/'))).toBe(true);
    expect(lever.matches(new URL('https://hire.lever.co/candidates/0b7c3f8e-1111-4222-8333-944455556666'))).toBe(true);
    expect(lever.matches(new URL('https://jobs.lever.co/brightwater'))).toBe(false);
    expect(lever.matches(new URL('https://jobs.lever.co.evil.example/a/3f2a9c1e-58b4-4d0f-9a7e-2c51d8e0b6a4'))).toBe(false);
    expect(lever.postingKey(new URL(JOB_FIXTURES['lever/posting']))).toBe('3f2a9c1e-58b4-4d0f-9a7e-2c51d8e0b6a4');
  });

  test('reads the page’s own text before its (stale) JSON-LD', () => {
    const doc = jobFixtureDocument('lever/posting');
    const posting = lever.readPosting(doc)!;
    expect(posting.title).toBe('Pipefitter / Welder (Stainless, Orbital)');
    const text = posting.sections.join(' ');
    expect(text).toContain('back purging with argon');
    expect(text).toContain('open root joints');
    expect(text).not.toContain('Stale summary');
    expect(text).not.toContain('Apply for this job');
    expect(weldingSkillsOf(posting)).toEqual(expect.arrayContaining(['GTAW', 'orbital welding', 'stainless steel', 'pipefitting', 'pipe welding', 'open root', 'blueprint reading']));
    expect(lever.panelAnchor(doc)?.getAttribute('data-qa')).toBe('job-description');
  });
});
