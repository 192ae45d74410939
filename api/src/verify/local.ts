// Badges of this server: read from the database (one query for a whole batch), never fetched.
import { attributeResult, optionalAttribute } from '../../../shared/schemas/attributes';
import type { VerifiedBadge } from '../../../shared/schemas/verify';
import type { Db } from '../db/connection';
import { getAssertionRecords, type AssertionRecord } from '../db/assertions';
import { getSelfClaimRecords, type SelfClaimRecord } from '../db/selfClaims';
import { assertionStatus } from '../lib/status';
import { publicUrls, type PublicUrls } from '../lib/urls';
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

function badgeOf(record: AssertionRecord, urls: PublicUrls, domain: string): VerifiedBadge {
  const { assertion, badgeClass, issuer } = record;
  return {
    assertionId: assertion.id,
    pageUrl: urls.assertion(assertion.id),
    name: badgeClass.name,
    description: badgeClass.description,
    category: badgeClass.category,
    imageUrl: urls.assertionImage(assertion.id),
    issuer: {
      id: urls.issuer(issuer.id),
      name: issuer.name,
      url: issuer.url,
      imageUrl: issuer.image ? urls.issuerImage(issuer.id) : null,
      domain,
    },
    recipientName: assertion.recipientName,
    issuedOn: toIso(assertion.issuedOn),
    expires: assertion.expires ? toIso(assertion.expires) : null,
    revocationReason: assertion.revoked ? assertion.revocationReason : null,
    ...optionalAttribute(attributeResult(badgeClass.attribute, assertion.attributeValue)),
  };
}

/** A self-claimed badge: its page, the skill and the catalogue's issuer, the earner's name; no issuer vouches for it. */
function selfClaimedBadgeOf({ claim, badgeClass, issuer, holderName }: SelfClaimRecord, urls: PublicUrls, domain: string): VerifiedBadge {
  return {
    assertionId: claim.id,
    pageUrl: urls.assertion(claim.id),
    name: badgeClass.name,
    description: badgeClass.description,
    category: badgeClass.category,
    imageUrl: urls.badgeClassImage(badgeClass.id),
    issuer: { id: urls.issuer(issuer.id), name: issuer.name, url: issuer.url, imageUrl: issuer.image ? urls.issuerImage(issuer.id) : null, domain },
    recipientName: holderName,
    issuedOn: toIso(claim.createdAt),
    expires: null,
    revocationReason: null,
  };
}

/** The outcome for each assertion id of this server (duplicates allowed), with one database read for all. */
export async function localOutcomes(ids: readonly string[], { db, publicUrl, now }: LocalContext): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  if (ids.length === 0) return outcomes;
  const checkedAt = now.toISOString();
  const records = await getAssertionRecords(db, ids);
  const selfClaims = await getSelfClaimRecords(db, ids.filter((id) => !records.has(id)));
  const urls = publicUrls(publicUrl);
  const domain = new URL(publicUrl).host;
  for (const id of ids) {
    const record = records.get(id);
    const selfClaim = selfClaims.get(id);
    if (selfClaim) {
      // Not an issuer's assertion: there is no Open Badges document to name as checked.
      outcomes.set(id, { status: 'self_claimed', badge: selfClaimedBadgeOf(selfClaim, urls, domain), source: sourceOf('badgelens', null, urls.assertion(id)), checkedAt });
      continue;
    }
    const source = sourceOf('badgelens', 'ob2-hosted', urls.assertion(id));
    // Private badges must not be told apart from unknown ones.
    if (!record || !record.assertion.isPublic) outcomes.set(id, { status: 'not_found', source, checkedAt });
    else outcomes.set(id, { status: assertionStatus(record.assertion, now), badge: badgeOf(record, urls, domain), source, checkedAt });
  }
  return outcomes;
}
