import type { Selectable, Updateable } from 'kysely';
import type { CreateIssuerInput, UpdateIssuerInput } from '../../../shared/schemas/badges';
import { randomId } from '../lib/crypto';
import type { Db } from './engine';
import type { IssuersTable } from './schema';

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

export type IssuerRow = Selectable<IssuersTable>;

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
  const at = now.toISOString();
  const row = await db
    .insertInto('issuers')
    .values({
      id: randomId(12),
      name: input.name,
      url: input.url,
      email: input.email,
      description: input.description ?? null,
      image: input.image ?? null,
      linkedin_org_id: input.linkedInOrganizationId ?? null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return issuerFromRow(row);
}

export async function getIssuer(db: Db, id: string): Promise<Issuer | null> {
  const row = await db.selectFrom('issuers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? issuerFromRow(row) : null;
}

export async function updateIssuer(db: Db, id: string, patch: UpdateIssuerInput, now = new Date()): Promise<Issuer | null> {
  const columns: Updateable<IssuersTable> = { updated_at: now.toISOString() };
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.url !== undefined) columns.url = patch.url;
  if (patch.email !== undefined) columns.email = patch.email;
  if (patch.description !== undefined) columns.description = patch.description;
  if (patch.image !== undefined) columns.image = patch.image;
  if (patch.linkedInOrganizationId !== undefined) columns.linkedin_org_id = patch.linkedInOrganizationId;
  const row = await db.updateTable('issuers').set(columns).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? issuerFromRow(row) : null;
}

export async function listIssuers(db: Db): Promise<Issuer[]> {
  return (await db.selectFrom('issuers').selectAll().orderBy('name').execute()).map(issuerFromRow);
}

export async function countIssuers(db: Db): Promise<number> {
  const { n } = await db.selectFrom('issuers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
