import type {
  Alignment,
  CreateBadgeClassInput,
  Requirement,
  UpdateBadgeClassInput,
} from '../../../shared/schemas/badges';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { randomId } from '../lib/crypto';
import type { Db } from './connection';

export interface BadgeClass {
  id: string;
  issuerId: string;
  name: string;
  description: string;
  image: string | null;
  category: BadgeCategory;
  criteriaNarrative: string;
  requirements: Requirement[];
  skills: string[];
  alignment: Alignment[];
  validityMonths: number | null;
  offersCertificate: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BadgeClassRow {
  id: string;
  issuer_id: string;
  name: string;
  description: string;
  image: string | null;
  category: BadgeCategory;
  criteria_narrative: string;
  requirements: string;
  skills: string;
  alignment: string;
  validity_months: number | null;
  offers_certificate: number;
  created_at: string;
  updated_at: string;
}

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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(input: UpdateBadgeClassInput): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.description !== undefined) columns.description = input.description;
  if (input.image !== undefined) columns.image = input.image;
  if (input.category !== undefined) columns.category = input.category;
  if (input.criteria !== undefined) columns.criteria_narrative = input.criteria;
  if (input.requirements !== undefined) columns.requirements = JSON.stringify(input.requirements);
  if (input.skills !== undefined) columns.skills = JSON.stringify(input.skills);
  if (input.alignment !== undefined) columns.alignment = JSON.stringify(input.alignment);
  if (input.validityMonths !== undefined) columns.validity_months = input.validityMonths;
  if (input.offersCertificate !== undefined) columns.offers_certificate = input.offersCertificate ? 1 : 0;
  return columns;
}

export async function createBadgeClass(db: Db, issuerId: string, input: CreateBadgeClassInput, now = new Date()): Promise<BadgeClass> {
  const at = now.toISOString();
  const columns: Record<string, unknown> = {
    requirements: '[]',
    skills: '[]',
    alignment: '[]',
    ...toColumns(input),
    id: randomId(12),
    issuer_id: issuerId,
    created_at: at,
    updated_at: at,
  };
  const names = Object.keys(columns);
  db.prepare(`INSERT INTO badge_classes (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`).run(columns);
  return (await getBadgeClass(db, columns.id as string))!;
}

export async function getBadgeClass(db: Db, id: string): Promise<BadgeClass | null> {
  const row = db.prepare('SELECT * FROM badge_classes WHERE id = ?').get(id) as BadgeClassRow | undefined;
  return row ? badgeClassFromRow(row) : null;
}

/** Updates a badge class only if it belongs to the issuer; null when there is no such badge class for it. */
export async function updateBadgeClass(db: Db, issuerId: string, id: string, patch: UpdateBadgeClassInput, now = new Date()): Promise<BadgeClass | null> {
  const columns = { ...toColumns(patch), updated_at: now.toISOString() };
  const assignments = Object.keys(columns).map((name) => `${name} = @${name}`);
  const result = db
    .prepare(`UPDATE badge_classes SET ${assignments.join(', ')} WHERE id = @id AND issuer_id = @issuerId`)
    .run({ ...columns, id, issuerId });
  return result.changes ? getBadgeClass(db, id) : null;
}

export interface CatalogueFilter {
  category?: BadgeCategory;
  issuerId?: string;
}

/** Badge classes by category then name (text search is catalogueSearch.ts). */
export async function listBadgeClasses(db: Db, filter: CatalogueFilter = {}): Promise<BadgeClass[]> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.category) {
    where.push('category = @category');
    params.category = filter.category;
  }
  if (filter.issuerId) {
    where.push('issuer_id = @issuerId');
    params.issuerId = filter.issuerId;
  }
  const sql = `SELECT * FROM badge_classes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY category, name`;
  return (db.prepare(sql).all(params) as BadgeClassRow[]).map(badgeClassFromRow);
}
