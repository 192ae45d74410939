import { describe, expect, it } from 'vitest';
import { catalogueResponseSchema } from '../../shared/schemas/issuerApi';
import { editDistance, freeTextExpression, nearTerms, stemTerms, searchCatalogue, skillPhraseExpression } from '../src/catalogue/search';
import { createBadgeClass, updateBadgeClass } from '../src/db/badgeClasses';
import { setSkillSynonyms } from '../src/db/skills';
import { seedDemo } from '../src/seed/demo';
import { WELDING_SYNONYMS } from '../src/seed/welding-skills';
import { synonymIndex } from '../../shared/skills';
import { countRows, makeIssuer, PUBLIC_URL, testApp } from './helpers';

type Item = { name: string; category: string; requirements: { title: string }[] };

async function demo() {
  const { db, app } = await testApp();
  await seedDemo(db, { publicUrl: PUBLIC_URL, now: new Date('2026-06-15T12:00:00Z') });
  const search = async (query: string) => {
    const res = await app.request(`/api/v1/badges?${query}`);
    expect(res.status, query).toBe(200);
    return catalogueResponseSchema.parse(await res.json()).items as Item[];
  };
  const names = async (query: string) => (await search(query)).map((item) => item.name);
  return { db, app, search, names };
}

/** A small catalogue where every word is placed on purpose. */
async function handMade() {
  const { db, app } = await testApp();
  const { issuer } = await makeIssuer(db);
  const add = (name: string, description: string, category: 'skill' | 'knowledge' | 'certification', skills: string[] = []) =>
    createBadgeClass(db, issuer.id, { name, description, category, criteria: 'Pass the test.', skills });
  const badges = {
    tigPipe: await add('Tungsten Pipe Test', 'Welds pipe joints.', 'skill', ['gas tungsten arc welding', 'pipe welding']),
    tigKnowledge: await add('Process Theory: TIG', 'Knows the process.', 'knowledge'),
    stick: await add('Structural Plate', 'Welds plate with covered electrodes.', 'skill', ['SMAW']),
    onlyDescription: await add('Shop Safety', 'Mentions GTAW once in passing, among many other words about safety.', 'knowledge'),
    forklift: await add('Forklift Operator', 'Drives forklifts (sit-down counterbalance).', 'certification', ['forklift']),
  };
  // The synonyms are the issuer's data (the demo's welding groups), not code.
  for (const [skill, ...synonyms] of WELDING_SYNONYMS) await setSkillSynonyms(db, issuer.id, skill, synonyms);
  const names = async (query: string) => {
    const res = await app.request(`/api/v1/badges?${query}`);
    expect(res.status, query).toBe(200);
    return ((await res.json()) as { items: Item[] }).items.map((item) => item.name);
  };
  return { db, app, issuer, badges, names };
}

describe('GET /api/v1/badges with skills= (job posting matching, demo catalogue)', () => {
  it('finds the GTAW knowledge badge and the GTAW pipe skill badges for a posting asking for GTAW and pipe welding', async () => {
    const { search } = await demo();
    const items = await search('skills=GTAW,pipe%20welding');
    const names = items.map((item) => item.name);
    expect(names).toEqual(expect.arrayContaining(['GTAW Process Knowledge', 'GTAW Pipe 6G', 'GTAW Pipe 5G Horizontal Fixed']));
    // Badges matching both phrases come before badges matching one.
    const top3 = names.slice(0, 3);
    expect(top3).toEqual(expect.arrayContaining(['GTAW Pipe 6G', 'GTAW Pipe 5G Horizontal Fixed']));
    expect(names.indexOf('GTAW Pipe 6G')).toBeLessThan(names.indexOf('GTAW Process Knowledge'));
    expect(names.indexOf('GTAW Process Knowledge')).toBeLessThan(names.indexOf('SMAW Pipe 6G'));
    // Nothing unrelated: every result is about GTAW or pipe welding.
    expect(names.every((name) => /GTAW|Pipe|Welding Technology/.test(name))).toBe(true);
    // The answer carries what the extension needs to say how to earn a badge.
    const knowledge = items.find((item) => item.name === 'GTAW Process Knowledge')!;
    expect(knowledge.requirements.map((r) => r.title)).toContain('Welding Fundamentals Online Course');
  });

  it('treats abbreviations, their long forms and the common names alike', async () => {
    const { names } = await demo();
    const gtaw = await names('skills=GTAW');
    expect(gtaw.length).toBeGreaterThanOrEqual(4);
    for (const phrase of ['TIG', 'tig%20welding', 'gas%20tungsten%20arc%20welding', 'Heliarc']) {
      expect((await names(`skills=${phrase}`)).sort(), phrase).toEqual([...gtaw].sort());
    }
    for (const [code, words] of [['GMAW', 'MIG'], ['SMAW', 'stick%20welding'], ['FCAW', 'flux-cored'], ['FCAW', 'flux%20core']]) {
      const found = await names(`skills=${words}`);
      const ofProcess = found.filter((name) => name.startsWith(`${code} `));
      expect(ofProcess.length, words).toBeGreaterThanOrEqual(3);
      // Another process may mention the word in passing ("stick-out" in FCAW), but only after this process's badges.
      const otherProcess = found.findIndex((name) => /^(GTAW|SMAW|GMAW|FCAW) /.test(name) && !name.startsWith(`${code} `));
      if (otherProcess !== -1) expect(otherProcess, words).toBeGreaterThan(found.indexOf(ofProcess.at(-1)!));
    }
  });

  it('filters skill matches by category', async () => {
    const { search } = await demo();
    const knowledge = await search('skills=TIG,MIG&category=knowledge');
    expect(knowledge.map((item) => item.name).sort()).toEqual(['GMAW Process Knowledge', 'GTAW Process Knowledge']);
    const skill = await search('skills=TIG&category=skill');
    expect(skill.length).toBeGreaterThanOrEqual(3);
    expect(skill.every((item) => item.category === 'skill' && item.name.startsWith('GTAW '))).toBe(true);
  });

  it('combines q and skills: both must match', async () => {
    const { names } = await demo();
    const found = await names('q=aluminum&skills=TIG,MIG');
    expect(found.slice(0, 2).sort()).toEqual(['GMAW Aluminum Plate 2F', 'GTAW Aluminum Plate 1G/2G']);
    // The rest mention aluminum and TIG or MIG somewhere (the knowledge badges: "AC for aluminum").
    expect(found).toContain('GTAW Process Knowledge');
    expect(found).not.toContain('SMAW Process Knowledge');
    expect(found).not.toContain('GTAW Pipe 6G');
  });
});

describe('GET /api/v1/badges with q= (full text)', () => {
  it('ranks a match in the name or skills above a match in the description only', async () => {
    const { names } = await handMade();
    const found = await names('q=GTAW');
    expect(found).toEqual(['Tungsten Pipe Test', 'Process Theory: TIG', 'Shop Safety']);
    expect((await names('q=forklift'))[0]).toBe('Forklift Operator');
  });

  it('needs every word, finds word forms (welds ~ welding) and the start of the last word', async () => {
    const { names } = await handMade();
    expect(await names('q=pipe%20welding')).toEqual(['Tungsten Pipe Test']);
    expect(await names('q=covered%20electrode')).toEqual(['Structural Plate']);
    expect(await names('q=forkl')).toEqual(['Forklift Operator']);
    expect(await names('q=stick%20welding%20plate')).toEqual(['Structural Plate']);
    expect(await names('q=stick%20welding%20pipe')).toEqual([]);
  });

  it('filters by category', async () => {
    const { names } = await handMade();
    expect(await names('q=TIG&category=knowledge')).toEqual(['Process Theory: TIG', 'Shop Safety']);
    expect(await names('q=TIG&category=certification')).toEqual([]);
  });

  it('follows changes to badge classes (the index is kept in step)', async () => {
    const { db, issuer, badges, names } = await handMade();
    await updateBadgeClass(db, issuer.id, badges.forklift.id, { name: 'Telehandler Operator', skills: ['telehandler'] });
    expect(await names('q=telehandler')).toEqual(['Telehandler Operator']);
    expect(await names('q=forklift')).toEqual(['Telehandler Operator']); // still in its description
    await updateBadgeClass(db, issuer.id, badges.forklift.id, { description: 'Drives telehandlers.' });
    expect(await names('q=forklift')).toEqual([]);
    await db.deleteFrom('badge_classes').where('id', '=', badges.forklift.id).execute();
    expect(await names('q=telehandler')).toEqual([]);
    expect(await countRows(db, 'badge_classes_fts')).toBe(4);
  });

  it('keeps the plain catalogue (no q, empty q, empty skills) in category and name order', async () => {
    const { names } = await handMade();
    const all = ['Forklift Operator', 'Process Theory: TIG', 'Shop Safety', 'Structural Plate', 'Tungsten Pipe Test'];
    expect(await names('')).toEqual(all);
    expect(await names('q=')).toEqual(all);
    expect(await names('skills=')).toEqual(all);
    expect(await names('skills=%2C%20%2C')).toEqual(all);
  });
});

describe('hostile and odd queries', () => {
  const hostile = [
    '"',
    '""',
    '"GTAW',
    'GTAW"',
    '*',
    'GTAW*',
    '* OR *',
    'NEAR(GTAW pipe)',
    'NEAR',
    'GTAW NEAR/2 pipe',
    '(GTAW',
    'GTAW)',
    ')(',
    'GTAW AND',
    'OR',
    'NOT GTAW',
    '-GTAW',
    '^GTAW',
    'name:GTAW',
    '{name skills}:GTAW',
    'GTAW + pipe',
    "'; DROP TABLE badge_classes; --",
    '%',
    '\\',
    '\u0000',
    '🔥🔥',
    'Ångström',
  ];

  it('never fails and never lets FTS5 syntax through, in q or skills', async () => {
    const { app, db } = await handMade();
    for (const text of hostile) {
      for (const param of ['q', 'skills']) {
        const res = await app.request(`/api/v1/badges?${param}=${encodeURIComponent(text)}`);
        expect(res.status, `${param}=${text}`).toBe(200);
        const { items } = (await res.json()) as { items: Item[] };
        // An operator or a bare symbol is never a wildcard: at most the badges naming GTAW come back.
        expect(items.length, `${param}=${text}`).toBeLessThanOrEqual(3);
      }
    }
    expect(await countRows(db, 'badge_classes')).toBe(5);
  });

  it('reads operators as plain words and symbols as nothing', async () => {
    const { names } = await handMade();
    expect(await names(`q=${encodeURIComponent('NEAR(GTAW pipe)')}`)).toEqual([]); // "near" is a word nothing contains
    expect(await names(`q=${encodeURIComponent('"GTAW')}`)).toEqual(['Tungsten Pipe Test', 'Process Theory: TIG', 'Shop Safety']);
    expect(await names(`q=${encodeURIComponent('pipe*')}`)).toEqual(['Tungsten Pipe Test']);
    expect(await names('q=%25')).toEqual([]);
    expect(await names(`skills=${encodeURIComponent('*,",(,)')}`)).toEqual([]);
  });

  it('builds expressions of quoted words only', () => {
    expect(freeTextExpression('"x" NEAR(y*) OR zed')).toBe('"x" AND "near" AND "y" AND "or" AND "zed"*');
    expect(freeTextExpression('*()"')).toBeNull();
    expect(skillPhraseExpression('TIG pipe welding')).toBe('"tig pipe welding"'); // no synonyms given: words only
    expect(skillPhraseExpression('TIG pipe welding', synonymIndex(WELDING_SYNONYMS))).toBe(
      '(("gtaw" OR "tig" OR "tig welding" OR "gas tungsten arc welding" OR "gas tungsten arc" OR "heliarc") AND ("pipe welding" OR "pipe welder"))',
    );
    expect(skillPhraseExpression('open root', synonymIndex(WELDING_SYNONYMS))).toBe('"open root"');
  });

  it('answers 400 for over-long input instead of searching it', async () => {
    const { app } = await handMade();
    for (const query of [`q=${'a'.repeat(10_000)}`, `skills=${'a'.repeat(10_000)}`, `skills=${'b'.repeat(81)}`, `skills=${Array.from({ length: 31 }, (_, i) => `s${i}`).join(',')}`]) {
      const res = await app.request(`/api/v1/badges?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
      expect(body.error.code).toBe('invalid_request');
      expect(['q', 'skills']).toContain(body.error.issues[0].path.split('.')[0]);
    }
  });

  it('copes with 10 kB of text given straight to the search function', async () => {
    const { db } = await handMade();
    const long = 'GTAW '.repeat(2_000);
    expect((await searchCatalogue(db, { q: long })).map((b) => b.name)).toEqual(['Tungsten Pipe Test', 'Process Theory: TIG', 'Shop Safety']);
    expect(await searchCatalogue(db, { q: 'x'.repeat(10_000) })).toEqual([]);
    expect(await searchCatalogue(db, { skills: ['"(*'.repeat(3_000)] })).toEqual([]);
  });
});

describe('search that forgives (demo catalogue)', () => {
  it('finds Inspection for a mistyped or another form of the word: "inspecter", "inspector"', async () => {
    const { names } = await demo();
    const inspection = await names('q=inspection');
    expect(inspection).toContain('Visual Weld Inspection');
    for (const typed of ['inspecter', 'inspector', 'Inspecton']) {
      const found = await names(`q=${typed}`);
      expect(found, typed).toContain('Visual Weld Inspection');
      expect(found.every((name) => inspection.includes(name)), typed).toBe(true);
    }
    expect(await names('q=visual%20inspecter')).toContain('Visual Weld Inspection');
    expect(await names('q=zzqxinspecterzz')).toEqual([]);
  });

  it('widens "stick welding" with the issuer’s synonyms: SMAW badges, not FCAW ones', async () => {
    const { names } = await demo();
    const found = await names(`q=${encodeURIComponent('stick welding')}`);
    expect(found).toContain('SMAW Process Knowledge');
    expect(found).not.toContain('FCAW Process Knowledge');
    expect(await names('q=SMAW')).toEqual(expect.arrayContaining(found.filter((name) => name.startsWith('SMAW'))));
  });

  it('follows the synonyms an issuer edits', async () => {
    const { db, names } = await demo();
    expect(await names('q=qwertz')).toEqual([]);
    const smaw = await db.selectFrom('badge_classes').select('issuer_id').where('name', '=', 'SMAW Process Knowledge').executeTakeFirstOrThrow();
    await setSkillSynonyms(db, smaw.issuer_id, 'SMAW', ['qwertz']);
    expect(await names('q=qwertz')).toContain('SMAW Process Knowledge');
  });

  it('compares words by edit distance: one edit for 5 to 7 letters, two from 8 on, nothing for short words', () => {
    expect(editDistance('inspecter', 'inspect', 2)).toBe(2);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'abcdef', 1)).toBe(2);
    expect(nearTerms('inspector', ['inspect', 'instructor', 'weld'])).toEqual(['inspect']);
    expect(nearTerms('weldin', ['weld', 'welding', 'wedding'])).toEqual(['welding']);
    expect(nearTerms('pipe', ['wipe', 'pipes'])).toEqual([]);
    expect(nearTerms('6g000', ['6g001'])).toEqual([]);
    expect(stemTerms('inspector', ['inspect', 'insp', 'inspectors', 'weld'])).toEqual(['inspect']);
    expect(stemTerms('welder', ['weld', 'welde'])).toEqual(['welde']);
  });
});
