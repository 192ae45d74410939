import type { CreateIssuerInput, UpdateIssuerInput } from '../../../shared/schemas/badges';
import { randomId } from '../lib/crypto';
import type { Db } from './connection';

export interface Issuer {
  id: string;
  name: string;
  url: string;
  email: string;
  description: string | null;
  image: string | null;
  linkedInOrganizationId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface IssuerRow {
  id: string;
  name: string;
  url: string;
  email: string;
  description: string | null;
  image: string | null;
  linkedin_org_id: string | null;
  created_at: string;
  updated_at: string;
}

export function issuerFromRow(row: IssuerRow): Issuer {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    email: row.email,
    description: row.description,
    image: row.image,
    linkedInOrganizationId: row.linkedin_org_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createIssuer(db: Db, input: CreateIssuerInput, now = new Date()): Promise<Issuer> {
  const id = randomId(12);
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO issuers (id, name, url, email, description, image, linkedin_org_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.name, input.url, input.email, input.description ?? null, input.image ?? null,
    input.linkedInOrganizationId ?? null, at, at);
  return (await getIssuer(db, id))!;
}

export async function getIssuer(db: Db, id: string): Promise<Issuer | null> {
  const row = db.prepare('SELECT * FROM issuers WHERE id = ?').get(id) as IssuerRow | undefined;
  return row ? issuerFromRow(row) : null;
}

const issuerColumns: Record<keyof UpdateIssuerInput, string> = {
  name: 'name',
  url: 'url',
  email: 'email',
  description: 'description',
  image: 'image',
  linkedInOrganizationId: 'linkedin_org_id',
};

export async function updateIssuer(db: Db, id: string, patch: UpdateIssuerInput, now = new Date()): Promise<Issuer | null> {
  const keys = Object.keys(patch) as (keyof UpdateIssuerInput)[];
  const assignments = keys.map((key) => `${issuerColumns[key]} = @${key}`);
  const result = db
    .prepare(`UPDATE issuers SET ${[...assignments, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id`)
    .run({ ...patch, id, updatedAt: now.toISOString() });
  return result.changes ? getIssuer(db, id) : null;
}

export async function listIssuers(db: Db): Promise<Issuer[]> {
  return (db.prepare('SELECT * FROM issuers ORDER BY name').all() as IssuerRow[]).map(issuerFromRow);
}

export async function countIssuers(db: Db): Promise<number> {
  return (db.prepare('SELECT count(*) AS n FROM issuers').get() as { n: number }).n;
}
