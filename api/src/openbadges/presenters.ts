// JSON shapes of issuers, badge classes and assertions in /api/v1 responses (shared/schemas/issuerApi.ts).
// Stored images (possibly large data: URIs) never travel in API answers: only their public URLs do.
import type {
  AssertionResponse,
  BadgeClassResponse,
  CatalogueResponse,
  IssuerResponse,
} from '../../../shared/schemas/issuerApi';
import type { Assertion } from '../db/assertions';
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { assertionStatus } from '../lib/status';
import type { PublicUrls } from '../lib/urls';

export function presentBadgeClass(badgeClass: BadgeClass, urls: PublicUrls): BadgeClassResponse {
  return {
    id: badgeClass.id,
    url: urls.badgeClass(badgeClass.id),
    issuerId: badgeClass.issuerId,
    name: badgeClass.name,
    description: badgeClass.description,
    category: badgeClass.category,
    criteria: badgeClass.criteriaNarrative,
    requirements: badgeClass.requirements,
    skills: badgeClass.skills,
    alignment: badgeClass.alignment,
    validityMonths: badgeClass.validityMonths,
    offersCertificate: badgeClass.offersCertificate,
    attribute: badgeClass.attribute,
    image: urls.badgeClassImage(badgeClass.id),
    createdAt: badgeClass.createdAt,
    updatedAt: badgeClass.updatedAt,
  };
}

export function presentCatalogueItem(
  badgeClass: BadgeClass,
  issuer: Pick<Issuer, 'id' | 'name' | 'url'>,
  urls: PublicUrls,
): CatalogueResponse['items'][number] {
  return {
    ...presentBadgeClass(badgeClass, urls),
    issuer: { id: issuer.id, name: issuer.name, url: issuer.url, publicUrl: urls.issuer(issuer.id) },
  };
}

export function presentAssertion(assertion: Assertion, urls: PublicUrls, now: Date): AssertionResponse {
  return {
    id: assertion.id,
    url: urls.assertion(assertion.id),
    badgeClassId: assertion.badgeClassId,
    recipient: { email: assertion.recipientEmail, name: assertion.recipientName },
    issuedOn: assertion.issuedOn,
    expires: assertion.expires,
    evidence: assertion.evidenceUrl,
    narrative: assertion.narrative,
    revoked: assertion.revoked,
    revocationReason: assertion.revocationReason,
    claimState: assertion.claimState,
    status: assertionStatus(assertion, now),
    attribute: assertion.attributeValue,
  };
}

export function presentIssuer(issuer: Issuer, urls: PublicUrls): IssuerResponse {
  return {
    id: issuer.id,
    publicUrl: urls.issuer(issuer.id),
    name: issuer.name,
    url: issuer.url,
    email: issuer.email,
    description: issuer.description,
    image: issuer.image ? urls.issuerImage(issuer.id) : null,
    linkedInOrganizationId: issuer.linkedInOrganizationId,
    createdAt: issuer.createdAt,
    updatedAt: issuer.updatedAt,
  };
}
