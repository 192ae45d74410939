import type { Selectable } from 'kysely';
import type { Requirement, RequirementOption, RequirementOptionInput } from '../../../shared/schemas/badges';
import type { RequirementBody, RequirementPatch } from '../../../shared/schemas/requirements';
import { randomId } from '../lib/crypto';
import { transaction, type Db } from './engine';
import type { RequirementsTable } from './schema';

export interface RequirementObject {
  id: string;
  issuerId: string;
  kind: Requirement['kind'];
  title: string;
  url: string | null;
  provider: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A requirement id that is not one of the issuer's requirements (another issuer's ids are unknown too). */
export class UnknownRequirementError extends Error {
  constructor(readonly requirementId: string) {
    super(`No requirement with id "${requirementId}".`);
    this.name = 'UnknownRequirementError';
  }
}

function requirementFromRow(row: Selectable<RequirementsTable>): RequirementObject {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    kind: row.kind,
    title: row.title,
    url: row.url === '' ? null : row.url,
    provider: row.provider,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The form a badge class shows an option in (badge_classes.requirements, pages, Open Badges documents). */
function asOption(requirement: RequirementObject): RequirementOption {
  return {
    id: requirement.id,
    kind: requirement.kind,
    title: requirement.title,
    ...(requirement.url ? { url: requirement.url } : {}),
    ...(requirement.provider ? { provider: requirement.provider } : {}),
  };
}

/** Creates the issuer's requirement; null when it already has one with this title and URL. */
export async function createRequirement(db: Db, issuerId: string, input: RequirementBody, now = new Date()): Promise<RequirementObject | null> {
  const at = now.toISOString();
  const row = await db
    .insertInto('requirements')
    .values({ id: randomId(12), issuer_id: issuerId, kind: input.kind, title: input.title, url: input.url ?? '', provider: input.provider ?? null, created_at: at, updated_at: at })
    .onConflict((conflict) => conflict.columns(['issuer_id', 'title', 'url']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? requirementFromRow(row) : null;
}

export async function findRequirementByTitleAndUrl(db: Db, issuerId: string, title: string, url: string | undefined): Promise<RequirementObject | null> {
  const row = await db
    .selectFrom('requirements')
    .selectAll()
    .where('issuer_id', '=', issuerId)
    .where('title', '=', title)
    .where('url', '=', url ?? '')
    .executeTakeFirst();
  return row ? requirementFromRow(row) : null;
}

/** The issuer's requirement with this title and URL, created from `input` when there is none (safe when two requests race). */
async function findOrCreateRequirement(db: Db, issuerId: string, input: Requirement, now: Date): Promise<RequirementObject> {
  return (await createRequirement(db, issuerId, input, now)) ?? (await findRequirementByTitleAndUrl(db, issuerId, input.title, input.url))!;
}

/** One of the issuer's requirements; null for an unknown id or another issuer's. */
export async function getRequirement(db: Db, issuerId: string, id: string): Promise<RequirementObject | null> {
  const row = await db.selectFrom('requirements').selectAll().where('id', '=', id).where('issuer_id', '=', issuerId).executeTakeFirst();
  return row ? requirementFromRow(row) : null;
}

export async function listRequirements(db: Db, issuerId: string): Promise<RequirementObject[]> {
  const rows = await db.selectFrom('requirements').selectAll().where('issuer_id', '=', issuerId).orderBy('title').orderBy('id').execute();
  return rows.map(requirementFromRow);
}

/** The badge classes listing each requirement as an option. */
export async function badgeIdsByRequirement(db: Db, requirementIds: readonly string[]): Promise<Map<string, string[]>> {
  const byRequirement = new Map<string, string[]>(requirementIds.map((id) => [id, []]));
  if (requirementIds.length === 0) return byRequirement;
  const rows = await db
    .selectFrom('badge_class_requirements')
    .select(['requirement_id', 'badge_class_id'])
    .where('requirement_id', 'in', requirementIds)
    .orderBy('badge_class_id')
    .execute();
  for (const row of rows) byRequirement.get(row.requirement_id)!.push(row.badge_class_id);
  return byRequirement;
}

/**
 * Changes the issuer's requirement and the copy every badge class listing it holds, together; null when
 * there is no such requirement for it. A title and URL another of its requirements has throws a unique
 * violation (see isUniqueViolation).
 */
export async function updateRequirement(db: Db, issuerId: string, id: string, patch: RequirementPatch, now = new Date()): Promise<RequirementObject | null> {
  return transaction(db, async (trx) => {
    const row = await trx
      .updateTable('requirements')
      .set({
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.url !== undefined ? { url: patch.url ?? '' } : {}),
        ...(patch.provider !== undefined ? { provider: patch.provider } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('issuer_id', '=', issuerId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const badgeClassIds = (await badgeIdsByRequirement(trx, [id])).get(id)!;
    for (const badgeClassId of badgeClassIds) await storeOptionsCopy(trx, badgeClassId);
    return requirementFromRow(row);
  });
}

/** The options of a badge class, in order. */
export async function listOptions(db: Db, badgeClassId: string): Promise<RequirementOption[]> {
  const rows = await db
    .selectFrom('badge_class_requirements')
    .innerJoin('requirements', 'requirements.id', 'badge_class_requirements.requirement_id')
    .selectAll('requirements')
    .where('badge_class_requirements.badge_class_id', '=', badgeClassId)
    .orderBy('badge_class_requirements.position')
    .execute();
  return rows.map((row) => asOption(requirementFromRow(row)));
}

async function storeOptionsCopy(db: Db, badgeClassId: string): Promise<RequirementOption[]> {
  const options = await listOptions(db, badgeClassId);
  await db.updateTable('badge_classes').set({ requirements: JSON.stringify(options) }).where('id', '=', badgeClassId).execute();
  return options;
}

/**
 * Makes `options` the options of the issuer's badge class (run it in the transaction that writes the badge
 * class): ids must be the issuer's requirements (else UnknownRequirementError), inline requirements are
 * created or reused by title and URL; an option given twice counts once.
 */
export async function setBadgeClassOptions(
  db: Db,
  issuerId: string,
  badgeClassId: string,
  options: readonly RequirementOptionInput[],
  now: Date,
): Promise<RequirementOption[]> {
  if (!db.isTransaction) throw new Error('setBadgeClassOptions needs a transaction');
  const ids: string[] = [];
  for (const option of options) {
    const { id, kind, title, url, provider } = option;
    const requirement = id !== undefined ? await getRequirement(db, issuerId, id) : await findOrCreateRequirement(db, issuerId, { kind: kind!, title: title!, url, provider }, now);
    if (!requirement) throw new UnknownRequirementError(id!);
    if (!ids.includes(requirement.id)) ids.push(requirement.id);
  }
  await db.deleteFrom('badge_class_requirements').where('badge_class_id', '=', badgeClassId).execute();
  if (ids.length > 0) {
    await db
      .insertInto('badge_class_requirements')
      .values(ids.map((requirementId, position) => ({ badge_class_id: badgeClassId, requirement_id: requirementId, position })))
      .execute();
  }
  return storeOptionsCopy(db, badgeClassId);
}

/** Which of these requirements the account completed (reported for its primary address or a verified alternate). */
export async function completedByAccount(db: Db, accountId: string, requirementIds: readonly string[]): Promise<Set<string>> {
  if (requirementIds.length === 0) return new Set();
  const primary = db.selectFrom('accounts').select('email').where('id', '=', accountId).where('email_verified_at', 'is not', null);
  const alternates = db.selectFrom('account_emails').select('email').where('account_id', '=', accountId).where('verified_at', 'is not', null);
  const rows = await db
    .selectFrom('requirement_completions')
    .select('requirement_id')
    .where('requirement_id', 'in', requirementIds)
    .where((eb) => eb.or([eb('recipient_email', 'in', primary), eb('recipient_email', 'in', alternates)]))
    .execute();
  return new Set(rows.map((row) => row.requirement_id));
}
