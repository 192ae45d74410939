// Badges of this server: read from the database (one query for a whole batch, assertions and self-claims
// together), never fetched. Each badge's answer is built and serialized once and reused while the row it
// was built from is unchanged: the row read for every request is the version, so a revocation, an edit or
// a deletion shows at once, on every API node.
import { attributeResult, optionalAttribute, type BadgeAttributeValue } from '../../../shared/schemas/attributes';
import type { VerifiedBadge } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import { getVerifyRows, type VerifyAssertionRow, type VerifyRow, type VerifySelfClaimRow } from '../db/verifyRecords';
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

function badgeOf(row: VerifyAssertionRow, urls: PublicUrls, domain: string): VerifiedBadge {
  const attribute = row.attribute_kind && row.attribute_label ? { kind: row.attribute_kind, label: row.attribute_label } : null;
  const value = row.attribute_value === null ? null : (JSON.parse(row.attribute_value) as BadgeAttributeValue);
  return {
    assertionId: row.id,
    pageUrl: urls.assertion(row.id),
    name: row.badge_class_name,
    description: row.badge_class_description,
    category: row.category,
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
    assertionId: row.id,
    pageUrl: urls.assertion(row.id),
    name: row.badge_class_name,
    description: row.badge_class_description,
    category: row.category,
    imageUrl: urls.badgeClassImage(row.badge_class_id),
    issuer: issuerOf(row, urls, domain),
    recipientName: `${row.first_name} ${row.last_name}`.trim(),
    issuedOn: toIso(row.issued_on),
    expires: null,
    revocationReason: null,
  };
}

/**
 * How many built badges are kept. Small: a badge verified again soon is the common case (a profile's
 * visitors); a large cache of rarely repeated badges turns over into old-generation garbage (measured:
 * +40 MB of heap at 2,048 under a uniform load over 5,000 badges).
 */
export const BADGE_CACHE_SIZE = 512;
/** Built badges by assertion id, each with the row and base URL it was built from; the least recently used go first. */
const builtBadges = new Map<string, { row: VerifyRow; publicUrl: string; badge: VerifiedBadge }>();

/** How many built badges are kept (for the test of the bound). */
export function cachedBadgeCount(): number {
  return builtBadges.size;
}

/** Whether two rows of the one verify query hold the same values: every column read is the version. */
function sameRow(a: VerifyRow, b: VerifyRow): boolean {
  const before = a as unknown as Record<string, unknown>;
  const after = b as unknown as Record<string, unknown>;
  for (const column in after) if (before[column] !== after[column]) return false;
  return true;
}

function cachedBadge(row: VerifyRow, publicUrl: string, build: () => VerifiedBadge): VerifiedBadge {
  const cached = builtBadges.get(row.id);
  if (cached) builtBadges.delete(row.id);
  const entry = cached && cached.publicUrl === publicUrl && sameRow(cached.row, row) ? cached : { row, publicUrl, badge: withFragment(build()) };
  builtBadges.set(row.id, entry);
  if (builtBadges.size > BADGE_CACHE_SIZE) builtBadges.delete(builtBadges.keys().next().value as string);
  return entry.badge;
}

/** The outcome for each assertion id of this server (duplicates allowed), with one database read for all. */
export async function localOutcomes(ids: readonly string[], { db, publicUrl, now }: LocalContext): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  if (ids.length === 0) return outcomes;
  const checkedAt = now.toISOString();
  const rows = await getVerifyRows(db, ids);
  const urls = publicUrls(publicUrl);
  const domain = new URL(publicUrl).host;
  for (const id of ids) {
    if (outcomes.has(id)) continue;
    const row = rows.get(id);
    if (row?.kind === 'self_claim') {
      // Not an issuer's assertion: there is no Open Badges document to name as checked.
      const badge = cachedBadge(row, publicUrl, () => selfClaimedBadgeOf(row, urls, domain));
      outcomes.set(id, { status: 'self_claimed', badge, source: sourceOf('badgelens', null, urls.assertion(id)), checkedAt });
      continue;
    }
    const source = sourceOf('badgelens', 'ob2-hosted', urls.assertion(id));
    // Private badges (and declined ones, whatever their flag) must not be told apart from unknown ones.
    if (!row || row.is_public !== 1 || row.claim_state === 'declined') outcomes.set(id, { status: 'not_found', source, checkedAt });
    else {
      const status = assertionStatus({ revoked: row.revoked === 1, expires: row.expires }, now);
      outcomes.set(id, { status, badge: cachedBadge(row, publicUrl, () => badgeOf(row, urls, domain)), source, checkedAt });
    }
  }
  return outcomes;
}
