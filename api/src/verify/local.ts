// Badges of this server: read from the database (one query for a whole batch, assertions and self-claims
// together), never fetched. What was read is kept in memory with the database's verify data version
// (migration 019: triggers bump it on every change an answer shows, whoever makes it, on any API node):
// while the version is unchanged, a batch of known badges costs one tiny read, and each badge's answer is
// built and serialized once.
import { attributeResult, optionalAttribute, type BadgeAttributeValue } from '../../../shared/schemas/attributes';
import type { VerifiedBadge, VerifySource } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import { getVerifyRows, verifyDataVersion, type VerifyAssertionRow, type VerifyRow, type VerifySelfClaimRow } from '../db/verifyRecords';
import { createGenerationalCache, type GenerationalCache } from '../lib/generationalCache';
import { statusAt } from '../lib/status';
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
 * Ids are kept with what their answer shows (the badge built, or none) in two generations of this many
 * (lib/generationalCache): at most twice this, about 3 KB each, so some 50 MB when full: enough for every
 * badge of a busy day's profiles, and bounded.
 */
export const BADGE_GENERATION_SIZE = 8192;

/** What a verify answer shows for an id, built from its row once: the row itself is not kept. */
interface Kept {
  /** The verify data version the row was read under, and the base URL the answer was built for. */
  version: string;
  publicUrl: string;
  /** Null: not found (no such id, a private or a declined badge). */
  badge: VerifiedBadge | null;
  source: VerifySource;
  selfClaimed: boolean;
  revoked: boolean;
  /** The expiry in milliseconds (null: none), read once. */
  expiresAtMs: number | null;
}

/** Kept ids of each database (a process has one; tests have many). */
const keptByDatabase = new WeakMap<Db, GenerationalCache<Kept>>();

function keptOf(db: Db): GenerationalCache<Kept> {
  let kept = keptByDatabase.get(db);
  if (!kept) {
    kept = createGenerationalCache(BADGE_GENERATION_SIZE);
    keptByDatabase.set(db, kept);
  }
  return kept;
}

/** How many ids are kept for this database (for the test of the bound). */
export function cachedBadgeCount(db: Db): number {
  return keptOf(db).size;
}

/** `domain`: the public URL's host, read once per batch. */
function keptEntry(id: string, row: VerifyRow | null, version: string, publicUrl: string, domain: string): Kept {
  const urls = publicUrls(publicUrl);
  const entry = (badge: VerifiedBadge | null, source: VerifySource): Kept => ({
    version,
    publicUrl,
    // Each answer writes the badge and its source from their text, serialized here once.
    badge: badge && withFragment(badge),
    source: badge ? withFragment(source) : source,
    selfClaimed: row?.kind === 'self_claim',
    revoked: row?.kind === 'assertion' && row.revoked === 1,
    expiresAtMs: row?.kind === 'assertion' && row.expires ? Date.parse(row.expires) : null,
  });
  // Not an issuer's assertion: there is no Open Badges document to name as checked.
  if (row?.kind === 'self_claim') return entry(selfClaimedBadgeOf(row, urls, domain), sourceOf('badgelens', null, urls.assertion(id)));
  const source = sourceOf('badgelens', 'ob2-hosted', urls.assertion(id));
  // Private badges (and declined ones, whatever their flag) must not be told apart from unknown ones.
  if (!row || row.is_public !== 1 || row.claim_state === 'declined') return entry(null, source);
  return entry(badgeOf(row, urls, domain), source);
}

/** The entry of each id, in order, as the database holds it now: kept ones while the version is unchanged, the rest in one query. */
async function currentEntries(db: Db, ids: readonly string[], publicUrl: string): Promise<Kept[]> {
  const kept = keptOf(db);
  const version = await verifyDataVersion(db);
  const entries = ids.map((id) => {
    const entry = kept.get(id);
    return entry?.version === version && entry.publicUrl === publicUrl ? entry : undefined;
  });
  const unknown = ids.filter((_, index) => entries[index] === undefined);
  if (unknown.length === 0) return entries as Kept[];
  // Read after the version: a change committed in between carries a newer version, so the next batch reads again.
  const rows = await getVerifyRows(db, unknown);
  const domain = new URL(publicUrl).host;
  const read = new Map<string, Kept>();
  for (const id of unknown) {
    if (read.has(id)) continue;
    const entry = keptEntry(id, rows.get(id) ?? null, version, publicUrl, domain);
    kept.set(id, entry);
    read.set(id, entry);
  }
  return ids.map((id, index) => entries[index] ?? read.get(id)!);
}

/** The outcome for each assertion id of this server, in order (duplicates allowed), with at most one database read for all. */
export async function localOutcomes(ids: readonly string[], { db, publicUrl, now }: LocalContext): Promise<Outcome[]> {
  if (ids.length === 0) return [];
  const checkedAt = now.toISOString();
  const nowMs = now.getTime();
  const entries = await currentEntries(db, ids, publicUrl);
  return entries.map(({ badge, source, selfClaimed, revoked, expiresAtMs }): Outcome => {
    if (!badge) return { status: 'not_found', source, checkedAt };
    return { status: selfClaimed ? 'self_claimed' : statusAt(revoked, expiresAtMs, nowMs), badge, source, checkedAt };
  });
}
