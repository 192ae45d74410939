import { attributeResult, optionalAttribute } from '../../../shared/schemas/attributes';
import type { MeBadge } from '../../../shared/schemas/earners';
import type { AssertionRecord } from '../db/assertions';
import type { SelfClaimRecord } from '../db/selfClaims';
import { assertionStatus } from '../lib/status';
import { publicUrls } from '../lib/urls';
import { credentialUrls } from '../credentials/urls';

/** One of the earner's own badges, as GET /api/v1/me/badges and the portfolio show it. */
export function presentMeBadge(record: AssertionRecord, publicUrl: string, now: Date): MeBadge {
  const urls = publicUrls(publicUrl);
  const { assertion, badgeClass, issuer } = record;
  return {
    id: assertion.id,
    url: urls.assertion(assertion.id),
    imageUrl: urls.assertionImage(assertion.id),
    name: badgeClass.name,
    description: badgeClass.description,
    issuer: { id: issuer.id, name: issuer.name, url: urls.issuer(issuer.id) },
    recipientName: assertion.recipientName,
    issuedOn: assertion.issuedOn,
    expires: assertion.expires,
    claimState: assertion.claimState,
    status: assertionStatus(assertion, now),
    isPublic: assertion.isPublic,
    revocationReason: assertion.revocationReason,
    source: { imported: false, platform: 'badgelens', format: 'ob2-hosted', checkedAt: null },
    credentialUrl: credentialUrls(publicUrl).credential(assertion.id),
    ...optionalAttribute(attributeResult(badgeClass.attribute, assertion.attributeValue)),
  };
}

/** A skill badge the earner claimed for themselves: no issuer vouches for it, so it has no credential. */
export function presentSelfClaimedBadge(record: SelfClaimRecord, publicUrl: string): MeBadge {
  const urls = publicUrls(publicUrl);
  const { claim, badgeClass, issuer } = record;
  return {
    id: claim.id,
    url: urls.assertion(claim.id),
    imageUrl: urls.badgeClassImage(badgeClass.id),
    name: badgeClass.name,
    description: badgeClass.description,
    issuer: { id: issuer.id, name: issuer.name, url: urls.issuer(issuer.id) },
    recipientName: record.holderName,
    issuedOn: claim.createdAt,
    expires: null,
    claimState: 'accepted',
    status: 'self_claimed',
    isPublic: true,
    revocationReason: null,
    source: { imported: false, platform: 'badgelens', format: 'ob2-hosted', checkedAt: null },
    credentialUrl: null,
  };
}
