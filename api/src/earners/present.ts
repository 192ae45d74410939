import { attributeResult, optionalAttribute } from '../../../shared/schemas/attributes';
import type { MeBadge } from '../../../shared/schemas/earners';
import type { AssertionRecord } from '../db/assertions';
import type { SelfClaimRecord } from '../db/selfClaims';
import { assertionStatus } from '../lib/status';
import { publicUrls, type PublicUrls } from '../lib/urls';
import { credentialUrls } from '../credentials/urls';

type Catalogued = Pick<AssertionRecord, 'badgeClass' | 'issuer'>;

/** The fields an issued and a self-claimed badge show alike, first in the answer. */
function badgeHeading(id: string, imageUrl: string, { badgeClass, issuer }: Catalogued, urls: PublicUrls) {
  return { id, url: urls.assertion(id), imageUrl, name: badgeClass.name, description: badgeClass.description, issuer: { id: issuer.id, name: issuer.name, url: urls.issuer(issuer.id) } };
}

/** One of the earner's own badges, as GET /api/v1/me/badges and the portfolio show it. */
export function presentMeBadge(record: AssertionRecord, publicUrl: string, now: Date): MeBadge {
  const urls = publicUrls(publicUrl);
  const { assertion, badgeClass } = record;
  return {
    ...badgeHeading(assertion.id, urls.assertionImage(assertion.id), record, urls),
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
  const { claim, badgeClass } = record;
  return {
    ...badgeHeading(claim.id, urls.badgeClassImage(badgeClass.id), record, urls),
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
