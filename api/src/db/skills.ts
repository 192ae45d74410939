// The skill vocabulary: the skills badge classes declare (badge_classes.skills) and each issuer's
// synonyms for them (skill_synonyms, migration 014).
import { termKey } from '../../../shared/skills';
import { listBadgeClasses, type BadgeClass } from './badgeClasses';
import type { Db } from './engine';

export interface SkillSynonyms {
  skill: string;
  synonyms: string[];
  updatedAt: string | null;
}

/** Terms without repeats (by `termKey`) and without the skill itself. */
function distinctSynonyms(skill: string, synonyms: readonly string[]): string[] {
  const seen = new Set([termKey(skill)]);
  return synonyms.filter((term) => {
    const key = termKey(term);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The issuer's synonyms for a skill (none yet: an empty list). */
export async function getSkillSynonyms(db: Db, issuerId: string, skill: string): Promise<SkillSynonyms> {
  const row = await db
    .selectFrom('skill_synonyms')
    .select(['skill', 'synonyms', 'updated_at'])
    .where('issuer_id', '=', issuerId)
    .where('skill_key', '=', termKey(skill))
    .executeTakeFirst();
  return row ? { skill: row.skill, synonyms: JSON.parse(row.synonyms), updatedAt: row.updated_at } : { skill, synonyms: [], updatedAt: null };
}

/** Replaces the issuer's synonyms for a skill in one statement (the last writer wins, never a mix). */
export async function setSkillSynonyms(db: Db, issuerId: string, skill: string, synonyms: readonly string[], now = new Date()): Promise<SkillSynonyms> {
  const kept = distinctSynonyms(skill, synonyms);
  const at = now.toISOString();
  const values = { issuer_id: issuerId, skill_key: termKey(skill), skill, synonyms: JSON.stringify(kept), updated_at: at };
  await db
    .insertInto('skill_synonyms')
    .values(values)
    .onConflict((conflict) => conflict.columns(['issuer_id', 'skill_key']).doUpdateSet({ skill, synonyms: values.synonyms, updated_at: at }))
    .execute();
  return { skill, synonyms: kept, updatedAt: at };
}

/** Every issuer's synonym groups, the skill first: what the catalogue search widens a query with. */
export async function synonymGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('skill_synonyms').select(['skill', 'synonyms']).orderBy('issuer_id').orderBy('skill_key').execute();
  return rows.map((row) => [row.skill, ...(JSON.parse(row.synonyms) as string[])]).filter((group) => group.length > 1);
}

export interface VocabularyEntry {
  skill: string;
  synonyms: string[];
  badgeIds: string[];
}

/**
 * The vocabulary: one entry per issuer and skill (by `termKey`), with that issuer's synonyms and the badge
 * classes declaring the skill, in catalogue order. One issuer's synonyms never widen another's badges.
 */
export async function skillVocabulary(db: Db): Promise<{ skills: VocabularyEntry[]; badgeClasses: BadgeClass[] }> {
  const [badgeClasses, rows] = await Promise.all([
    listBadgeClasses(db),
    db.selectFrom('skill_synonyms').select(['issuer_id', 'skill_key', 'synonyms']).execute(),
  ]);
  const synonyms = new Map(rows.map((row) => [`${row.issuer_id}\n${row.skill_key}`, JSON.parse(row.synonyms) as string[]]));
  const entries = new Map<string, VocabularyEntry>();
  const declaring = new Set<string>();
  for (const badgeClass of badgeClasses) {
    for (const skill of badgeClass.skills) {
      const key = `${badgeClass.issuerId}\n${termKey(skill)}`;
      if (!termKey(skill)) continue;
      const entry = entries.get(key) ?? { skill, synonyms: synonyms.get(key) ?? [], badgeIds: [] };
      if (!entry.badgeIds.includes(badgeClass.id)) entry.badgeIds.push(badgeClass.id);
      entries.set(key, entry);
      declaring.add(badgeClass.id);
    }
  }
  return { skills: [...entries.values()], badgeClasses: badgeClasses.filter((badgeClass) => declaring.has(badgeClass.id)) };
}
