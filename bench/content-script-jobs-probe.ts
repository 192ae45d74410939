// Runs inside a Chromium page holding a job posting (see content-script.ts): times what the
// job-sites content script does to a posting (reading it) and what the background then does with its
// text (matching it against a vocabulary: the demo's welding words).
import { weldingSkillsOf } from '../extension/test/welding-vocabulary';
import { adapterFor } from '../extension/sites/jobSites';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function run(pageUrl: string, repeats = 40): { scanMs: number; extractMs: number; textChars: number; skills: string[] } {
  const site = adapterFor(new URL(pageUrl));
  const scans: number[] = [];
  const extracts: number[] = [];
  let textChars = 0;
  let skills: string[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const posting = site.readPosting(document);
    const read = performance.now();
    skills = posting ? weldingSkillsOf(posting) : [];
    const done = performance.now();
    scans.push(read - start);
    extracts.push(done - read);
    textChars = posting ? posting.title.length + posting.sections.reduce((sum, section) => sum + section.length, 0) : 0;
  }
  return { scanMs: median(scans), extractMs: median(extracts), textChars, skills };
}
