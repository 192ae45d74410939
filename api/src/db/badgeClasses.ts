import type { Selectable, Updateable } from 'kysely';
import {
  type Alignment,
  type CreateBadgeClassInput,
  splitSkills,
  type RequirementOption,
  type UpdateBadgeClassInput,
} from '../../../shared/schemas/badges';
import type { BadgeAttribute } from '../../../shared/schemas/attributes';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { randomId } from '../lib/crypto';
import { transaction, type Db } from './engine';
import type { BadgeClassesTable } from './schema';
import { setBadgeClassOptions } from './requirements';
import { indexBadgeClass } from './search';

export interface BadgeClass {
  id: string;
  issuerId: string;
  name: string;
  description: string;
  image: string | null;
  category: BadgeCategory;
  criteriaNarrative: string;
  /** Its options ("complete any one of these"): requirement objects, in order. */
  requirements: RequirementOption[];
  skills: string[];
  alignment: Alignment[];
  validityMonths: number | null;
  offersCertificate: boolean;
  /** The level or years its badges carry, null when they carry none. */
  attribute: BadgeAttribute | null;
  createdAt: string;
  updatedAt: string;
  /** Set when archived in the console: nothing more is issued from it. */
  archivedAt: string | null;
}

export type BadgeClassRow = Selectable<BadgeClassesTable>;

export function badgeClassFromRow(row: BadgeClassRow): BadgeClass {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    name: row.name,
    description: row.description,
    image: row.image,
    category: row.category,
    criteriaNarrative: row.criteria_narrative,
    requirements: JSON.parse(row.requirements),
    skills: JSON.parse(row.skills),
    alignment: JSON.parse(row.alignment),
    validityMonths: row.validity_months,
    offersCertificate: row.offers_certificate === 1,
    attribute: row.attribute_kind && row.attribute_label ? { kind: row.attribute_kind, label: row.attribute_label } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at ?? null,
  };
}

/** Alignments without repeats (the same target named twice is one alignment). */
function mergeAlignments(...lists: Alignment[][]): Alignment[] {
  return [...new Map(lists.flat().map((alignment) => [`${alignment.targetName}\n${alignment.targetUrl}`, alignment])).values()];
}

/** `currentAlignment`: the badge class's alignments, which aligned skills of a patch add to. */
function toColumns(input: UpdateBadgeClassInput, currentAlignment: Alignment[] = []): Updateable<BadgeClassesTable> {
  const columns: Updateable<BadgeClassesTable> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.description !== undefined) columns.description = input.description;
  if (input.image !== undefined) columns.image = input.image;
  if (input.category !== undefined) columns.category = input.category;
  if (input.criteria !== undefined) columns.criteria_narrative = input.criteria;
  if (input.alignment !== undefined) columns.alignment = JSON.stringify(input.alignment);
  if (input.skills !== undefined) {
    const skills = splitSkills(input.skills);
    columns.skills = JSON.stringify(skills.names);
    if (skills.alignment.length) columns.alignment = JSON.stringify(mergeAlignments(input.alignment ?? currentAlignment, skills.alignment));
  }
  if (input.validityMonths !== undefined) columns.validity_months = input.validityMonths;
  if (input.offersCertificate !== undefined) columns.offers_certificate = input.offersCertificate ? 1 : 0;
  if (input.attribute !== undefined) {
    columns.attribute_kind = input.attribute?.kind ?? null;
    columns.attribute_label = input.attribute?.label ?? null;
  }
  return columns;
}

/** Creates a badge class, its requirement options and its catalogue search entry, together (UnknownRequirementError: nothing is created). */
export async function createBadgeClass(db: Db, issuerId: string, input: CreateBadgeClassInput, now = new Date()): Promise<BadgeClass> {
  const at = now.toISOString();
  const { name, description, category, criteria_narrative, ...rest } = toColumns(input);
  return transaction(db, async (trx) => {
    const row = await trx
      .insertInto('badge_classes')
      .values({
        ...rest,
        name: name!,
        description: description!,
        category: category!,
        criteria_narrative: criteria_narrative!,
        id: randomId(12),
        issuer_id: issuerId,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const badgeClass = badgeClassFromRow(row);
    if (input.requirements) badgeClass.requirements = await setBadgeClassOptions(trx, issuerId, badgeClass.id, input.requirements, now);
    await indexBadgeClass(trx, badgeClass);
    return badgeClass;
  });
}

export async function getBadgeClass(db: Db, id: string): Promise<BadgeClass | null> {
  const row = await db.selectFrom('badge_classes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? badgeClassFromRow(row) : null;
}

/** Updates a badge class only if it belongs to the issuer; null when there is no such badge class for it. */
export async function updateBadgeClass(db: Db, issuerId: string, id: string, patch: UpdateBadgeClassInput, now = new Date()): Promise<BadgeClass | null> {
  return transaction(db, async (trx) => {
    const current = patch.skills && !patch.alignment ? await getBadgeClass(trx, id) : null;
    const row = await trx
      .updateTable('badge_classes')
      .set({ ...toColumns(patch, current?.alignment), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('issuer_id', '=', issuerId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const badgeClass = badgeClassFromRow(row);
    if (patch.requirements) badgeClass.requirements = await setBadgeClassOptions(trx, issuerId, id, patch.requirements, now);
    await indexBadgeClass(trx, badgeClass);
    return badgeClass;
  });
}

export async function countBadgeClasses(db: Db): Promise<number> {
  const { n } = await db.selectFrom('badge_classes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export interface CatalogueFilter {
  category?: BadgeCategory;
  issuerId?: string;
}

/** Badge classes by category then name (text search is catalogue/search.ts). */
export async function listBadgeClasses(db: Db, filter: CatalogueFilter = {}): Promise<BadgeClass[]> {
  let query = db.selectFrom('badge_classes').selectAll();
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.issuerId) query = query.where('issuer_id', '=', filter.issuerId);
  return (await query.orderBy('category').orderBy('name').execute()).map(badgeClassFromRow);
}

/** The badge classes with these ids, in the order given (unknown ids left out). */
export async function getBadgeClassesInOrder(db: Db, ids: readonly string[]): Promise<BadgeClass[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('badge_classes').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, badgeClassFromRow(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
