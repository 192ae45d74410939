// Badges of this server: read from the database (one query for a whole batch, assertions and self-claims
// together), never fetched. What was read is kept in memory with the database's verify data version
// (migration 019: triggers bump it on every change an answer shows, whoever makes it, on any API node):
// while the version is unchanged, a batch of known badges costs one tiny read, and each badge's answer is
// built and serialized once.
import { attributeResult, optionalAttribute, type BadgeAttributeValue } from '../../../shared/schemas/attributes';
import type { VerifiedBadge, VerifySource } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import { getVerifyRows, verifyDataVersion, type VerifyAssertionRow, type VerifyRow, type VerifySelfClaimRow } from '../db/verifyRecords';
import { assertionStatus } from '../lib/status';
import { publicUrls, type PublicUrls } from '../lib/urls';
import { withFragment } from './answerJson';
import { sourceOf, type Outcome } from './outcome';

export interface LocalContext {
  db: Db;
  /** The server's public base URL. */
  publicUrl: string;
  now: Date;
}

function toIso(value: string): string {
  return new Date(value).toISOString();
}

function issuerOf(row: VerifyRow, urls: PublicUrls, domain: string): VerifiedBadge['issuer'] {
  return { id: urls.issuer(row.issuer_id), name: row.issuer_name, url: row.issuer_url, imageUrl: row.issuer_image ? urls.issuerImage(row.issuer_id) : null, domain };
}

/** The fields an assertion and a self-claim show alike, first in the answer. */
function badgeHeading(row: VerifyRow, urls: PublicUrls) {
  return { assertionId: row.id, pageUrl: urls.assertion(row.id), name: row.badge_class_name, description: row.badge_class_description, category: row.category };
}

function badgeOf(row: VerifyAssertionRow, urls: PublicUrls, domain: string): VerifiedBadge {
  const attribute = row.attribute_kind && row.attribute_label ? { kind: row.attribute_kind, label: row.attribute_label } : null;
  const value = row.attribute_value === null ? null : (JSON.parse(row.attribute_value) as BadgeAttributeValue);
  return {
    ...badgeHeading(row, urls),
    imageUrl: urls.assertionImage(row.id),
    issuer: issuerOf(row, urls, domain),
    recipientName: row.recipient_name,
    issuedOn: toIso(row.issued_on),
    expires: row.expires ? toIso(row.expires) : null,
    revocationReason: row.revoked === 1 ? row.revocation_reason : null,
    ...optionalAttribute(attributeResult(attribute, value)),
  };
}

/** A self-claimed badge: its page, the skill and the catalogue's issuer, the earner's name; no issuer vouches for it. */
function selfClaimedBadgeOf(row: VerifySelfClaimRow, urls: PublicUrls, domain: string): VerifiedBadge {
  return {
    ...badgeHeading(row, urls),
    imageUrl: urls.badgeClassImage(row.badge_class_id),
    issuer: issuerOf(row, urls, domain),
    recipientName: `${row.first_name} ${row.last_name}`.trim(),
    issuedOn: toIso(row.issued_on),
    expires: null,
    revocationReason: null,
  };
}

/**
 * How many ids are kept with what the database held for them (a row, or none). About 3 KB each with the
 * built badge, so about 24 MB when full: enough for every badge of a busy day's profiles, and bounded.
 */
export const BADGE_CACHE_SIZE = 8192;

interface Kept {
  /** The verify data version the row was read under. */
  version: string;
  row: VerifyRow | null;
  /** The built badge and its source, and the base URL they were built for. */
  built?: Built;
}

interface Built {
  publicUrl: string;
  badge: VerifiedBadge;
  source: VerifySource;
}

/** Kept ids of each database (a process has one; tests have many), the least recently used first. */
const keptByDatabase = new WeakMap<Db, Map<string, Kept>>();

function keptOf(db: Db): Map<string, Kept> {
  let kept = keptByDatabase.get(db);
  if (!kept) {
    kept = new Map();
    keptByDatabase.set(db, kept);
  }
  return kept;
}

/** How many ids are kept for this database (for the test of the bound). */
export function cachedBadgeCount(db: Db): number {
  return keptOf(db).size;
}

function keep(kept: Map<string, Kept>, id: string, entry: Kept): void {
  kept.delete(id);
  kept.set(id, entry);
  if (kept.size > BADGE_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
}

/** The rows of these ids as the database holds them now: kept ones while the version is unchanged, the rest in one query. */
async function currentRows(db: Db, ids: readonly string[]): Promise<Map<string, Kept>> {
  const kept = keptOf(db);
  const version = await verifyDataVersion(db);
  const entries = new Map<string, Kept>();
  const unknown: string[] = [];
  for (const id of ids) {
    if (entries.has(id)) continue;
    const entry = kept.get(id);
    if (entry && entry.version === version) {
      keep(kept, id, entry);
      entries.set(id, entry);
    } else unknown.push(id);
  }
  if (unknown.length > 0) {
    // Read after the version: a change committed in between carries a newer version, so the next batch reads again.
    const rows = await getVerifyRows(db, unknown);
    for (const id of unknown) {
      const entry: Kept = { version, row: rows.get(id) ?? null };
      keep(kept, id, entry);
      entries.set(id, entry);
    }
  }
  return entries;
}

function built(entry: Kept, publicUrl: string, build: () => Omit<Built, 'publicUrl'>): Built {
  if (entry.built?.publicUrl !== publicUrl) {
    const { badge, source } = build();
    entry.built = { publicUrl, badge: withFragment(badge), source: withFragment(source) };
  }
  return entry.built;
}

/** The outcome for each assertion id of this server (duplicates allowed), with one database read for all. */
export async function localOutcomes(ids: readonly string[], { db, publicUrl, now }: LocalContext): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  if (ids.length === 0) return outcomes;
  const checkedAt = now.toISOString();
  const entries = await currentRows(db, ids);
  const urls = publicUrls(publicUrl);
  const domain = new URL(publicUrl).host;
  for (const id of ids) {
    if (outcomes.has(id)) continue;
    const entry = entries.get(id)!;
    const { row } = entry;
    if (row?.kind === 'self_claim') {
      // Not an issuer's assertion: there is no Open Badges document to name as checked.
      const { badge, source } = built(entry, publicUrl, () => ({ badge: selfClaimedBadgeOf(row, urls, domain), source: sourceOf('badgelens', null, urls.assertion(id)) }));
      outcomes.set(id, { status: 'self_claimed', badge, source, checkedAt });
      continue;
    }
    // Private badges (and declined ones, whatever their flag) must not be told apart from unknown ones.
    if (!row || row.is_public !== 1 || row.claim_state === 'declined') {
      outcomes.set(id, { status: 'not_found', source: sourceOf('badgelens', 'ob2-hosted', urls.assertion(id)), checkedAt });
    } else {
      const status = assertionStatus({ revoked: row.revoked === 1, expires: row.expires }, now);
      const { badge, source } = built(entry, publicUrl, () => ({ badge: badgeOf(row, urls, domain), source: sourceOf('badgelens', 'ob2-hosted', urls.assertion(id)) }));
      outcomes.set(id, { status, badge, source, checkedAt });
    }
  }
  return outcomes;
}
