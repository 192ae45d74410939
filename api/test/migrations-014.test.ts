import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { m014SkillVocabulary } from '../src/db/migrations/014-skill-vocabulary';
import { indexedTerms, reindexAllBadgeClasses } from '../src/db/search';
import { getSkillSynonyms, setSkillSynonyms } from '../src/db/skills';
import { VIOLATES } from './support/constraints';
import { AT, databaseJustBefore, seedIssuerAndBadgeClass, versionOf } from './support/migrationSeeds';

const VERSION = versionOf(m014SkillVocabulary);

async function databaseBefore() {
  const db = await databaseJustBefore(m014SkillVocabulary);
  await seedIssuerAndBadgeClass(db, { name: 'Inspection Basics', skills: '["CPR"]' });
  return db;
}

describe('migration 014 (skill vocabulary)', () => {
  it('is registered once, after the catalogue search', () => {
    expect(migrations.filter((migration) => migration === m014SkillVocabulary)).toHaveLength(1);
    expect(VERSION).toBeGreaterThan(4);
  });

  it('adds the synonyms table, keeps the badge classes, and lists the indexed terms', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    expect(await schemaVersion(db)).toBe(VERSION);
    expect(await db.selectFrom('badge_classes').select(['id', 'skills']).execute()).toEqual([{ id: 'b1', skills: '["CPR"]' }]);
    await reindexAllBadgeClasses(db); // PostgreSQL: the index rows db/search.ts writes (SQLite's triggers did)
    expect(await indexedTerms(db)).toEqual(expect.arrayContaining(['inspect', 'cpr']));
    await setSkillSynonyms(db, 'i1', 'CPR', ['cardiopulmonary resuscitation'], new Date(AT));
    expect(await getSkillSynonyms(db, 'i1', 'cpr')).toEqual({ skill: 'CPR', synonyms: ['cardiopulmonary resuscitation'], updatedAt: AT });
  });

  it('refuses an empty key, synonyms that are not a JSON array, an unknown issuer; deleting the issuer deletes its synonyms', async () => {
    const db = await databaseBefore();
    await migrate(db, VERSION);
    const row = (values: Partial<{ issuer_id: string; skill_key: string; synonyms: string }>) =>
      db.insertInto('skill_synonyms').values({ issuer_id: 'i1', skill_key: 'cpr', skill: 'CPR', synonyms: '[]', updated_at: AT, ...values }).execute();
    await expect(row({ skill_key: '' })).rejects.toThrow(VIOLATES.check);
    await expect(row({ synonyms: '{"a":1}' })).rejects.toThrow(VIOLATES.check);
    await expect(row({ issuer_id: 'nobody' })).rejects.toThrow(VIOLATES.foreignKey);
    await row({});
    await expect(row({})).rejects.toThrow(VIOLATES.unique);
    await db.deleteFrom('badge_classes').execute();
    await db.deleteFrom('issuers').execute();
    expect(await db.selectFrom('skill_synonyms').selectAll().execute()).toEqual([]);
  });
});
