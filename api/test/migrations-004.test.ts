import { describe, expect, it } from 'vitest';
import { createBadgeClass, updateBadgeClass } from '../src/db/badgeClasses';
import type { Db } from '../src/db/connection';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m004CatalogueSearch } from '../src/db/migrations/004-catalogue-search';
import { matchBadgeClasses, type SearchTerm } from '../src/db/search';
import { makeIssuer, testDb } from './helpers';

const phrase = (...words: string[]): SearchTerm => ({ kind: 'phrase', words });

async function matching(db: Db, term: SearchTerm): Promise<string[]> {
  return (await matchBadgeClasses(db, term)).map((hit) => hit.badgeClassId).sort();
}

describe('migration 004 (catalogue search)', () => {
  it('is the fourth migration', () => {
    expect(migrations.indexOf(m004CatalogueSearch)).toBe(3);
  });

  it('indexes the badge classes that existed before it', async () => {
    const db = await testDb({ migrateTo: 3 });
    await db.insertInto('issuers').values({ id: 'i1', name: 'I', url: 'https://i.example', email: 'i@i.example', created_at: 'x', updated_at: 'x' }).execute();
    const insert = (id: string, name: string, description: string, skills: string[]) =>
      db
        .insertInto('badge_classes')
        .values({ id, issuer_id: 'i1', name, description, category: 'skill', criteria_narrative: 'C', skills: JSON.stringify(skills), created_at: 'x', updated_at: 'x' })
        .execute();
    await insert('b1', 'GTAW Pipe', 'Pipe joints.', ['TIG', 'pipe welding']);
    await insert('b2', 'Forklift', 'Drives a forklift.', []);
    await migrate(db, 4);
    expect(await schemaVersion(db)).toBe(4);
    expect(await matching(db, phrase('tig'))).toEqual(['b1']);
    expect(await matching(db, phrase('pipe', 'welding'))).toEqual(['b1']);
    expect(await matching(db, phrase('forklift'))).toEqual(['b2']);
  });

  it('keeps the index in step with badge classes created, changed and deleted', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const badge = await createBadgeClass(db, issuer.id, { name: 'Structural Plate', description: 'Covered electrodes.', category: 'skill', criteria: 'C', skills: ['SMAW'] });
    expect(await matching(db, phrase('smaw'))).toEqual([badge.id]);
    await updateBadgeClass(db, issuer.id, badge.id, { skills: ['FCAW'], name: 'Structural Wire' });
    expect(await matching(db, phrase('smaw'))).toEqual([]);
    expect(await matching(db, { kind: 'all', terms: [phrase('fcaw'), phrase('wire')] })).toEqual([badge.id]);
    await updateBadgeClass(db, issuer.id, badge.id, { category: 'knowledge' });
    expect(await matching(db, phrase('fcaw'))).toEqual([badge.id]);
    await db.deleteFrom('badge_classes').where('id', '=', badge.id).execute();
    expect(await matching(db, phrase('fcaw'))).toEqual([]);
    expect(await db.selectFrom('badge_classes_fts').select('badge_class_id').execute()).toEqual([]);
  });

  it('folds diacritics and stems words', async () => {
    const db = await testDb();
    const { issuer } = await makeIssuer(db);
    const badge = await createBadgeClass(db, issuer.id, { name: 'Soudage à l’arc', description: 'Welds plates.', category: 'skill', criteria: 'C' });
    expect(await matching(db, phrase('a'))).toEqual([badge.id]);
    expect(await matching(db, phrase('welding'))).toEqual([badge.id]);
  });
});
