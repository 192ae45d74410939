// Pure builders of the Open Badges 2.0 hosted documents. Every id is the absolute public URL the
// document is served at (DESIGN.md §3), so hosted verification can fetch each one by its id.
import type { BadgeAttribute } from '../../../shared/schemas/attributes';
import type { Alignment } from '../../../shared/schemas/badges';
import { attributeExtension, type AttributeExtensionDocument } from './attributeExtension';
import type { Assertion } from '../db/assertions';
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import type { PublicUrls } from '../lib/urls';

export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

export interface IssuerProfileDocument {
  '@context': typeof OB2_CONTEXT;
  type: 'Issuer';
  id: string;
  name: string;
  url: string;
  email: string;
  description?: string;
  image: string;
  revocationList: string;
  verification: { type: 'VerificationObject'; allowedOrigins: string };
}

export interface AlignmentDocument {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface BadgeClassDocument {
  '@context': typeof OB2_CONTEXT;
  type: 'BadgeClass';
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: { id: string; narrative: string };
  issuer: string;
  tags: string[];
  alignment: AlignmentDocument[];
}

export interface AssertionDocument {
  '@context': typeof OB2_CONTEXT;
  type: 'Assertion';
  id: string;
  recipient: { type: 'email'; hashed: true; salt: string; identity: string };
  badge: string;
  verification: { type: 'hosted' };
  issuedOn: string;
  expires?: string;
  evidence?: { id: string; narrative?: string };
  narrative?: string;
  image: string;
  /** The badge attribute extension (attributeExtension.ts), keyed by its type IRI. */
  [extension: `http${string}`]: AttributeExtensionDocument;
}

export interface RevokedAssertionDocument {
  '@context': typeof OB2_CONTEXT;
  type: 'Assertion';
  id: string;
  revoked: true;
  revocationReason?: string;
}

export interface RevocationListDocument {
  '@context': typeof OB2_CONTEXT;
  type: 'RevocationList';
  id: string;
  issuer: string;
  revokedAssertions: { id: string; revocationReason?: string }[];
}

/** ISO 8601 in UTC with an explicit zone ("Z"), whatever form the database holds. */
export function isoDateTime(value: string): string {
  return new Date(value).toISOString();
}

export function issuerProfileDocument(issuer: Issuer, urls: PublicUrls): IssuerProfileDocument {
  return {
    '@context': OB2_CONTEXT,
    type: 'Issuer',
    id: urls.issuer(issuer.id),
    name: issuer.name,
    url: issuer.url,
    email: issuer.email,
    ...(issuer.description ? { description: issuer.description } : {}),
    image: urls.issuerImage(issuer.id),
    revocationList: urls.revocations(issuer.id),
    // Hosted verification checks that assertions live on an allowed origin; ours is the public base,
    // which the issuer's own website (`url`) usually is not, so say it explicitly.
    verification: { type: 'VerificationObject', allowedOrigins: new URL(urls.home()).host },
  };
}

function alignmentDocument(alignment: Alignment): AlignmentDocument {
  return {
    targetName: alignment.targetName,
    targetUrl: alignment.targetUrl,
    ...(alignment.targetDescription ? { targetDescription: alignment.targetDescription } : {}),
    ...(alignment.targetFramework ? { targetFramework: alignment.targetFramework } : {}),
    ...(alignment.targetCode ? { targetCode: alignment.targetCode } : {}),
  };
}

export function badgeClassDocument(badgeClass: BadgeClass, urls: PublicUrls): BadgeClassDocument {
  return {
    '@context': OB2_CONTEXT,
    type: 'BadgeClass',
    id: urls.badgeClass(badgeClass.id),
    name: badgeClass.name,
    description: badgeClass.description,
    image: urls.badgeClassImage(badgeClass.id),
    criteria: { id: `${urls.badgeClass(badgeClass.id)}#criteria`, narrative: badgeClass.criteriaNarrative },
    issuer: urls.issuer(badgeClass.issuerId),
    tags: [...badgeClass.skills],
    alignment: badgeClass.alignment.map(alignmentDocument),
  };
}

/** `attribute`: the badge class's attribute, shown with the assertion's value when it has one. */
export function assertionDocument(assertion: Assertion, urls: PublicUrls, attribute: BadgeAttribute | null = null): AssertionDocument {
  const value = assertion.attributeValue;
  return {
    '@context': OB2_CONTEXT,
    type: 'Assertion',
    id: urls.assertion(assertion.id),
    recipient: { type: 'email', hashed: true, salt: assertion.recipientSalt, identity: assertion.recipientHash },
    badge: urls.badgeClass(assertion.badgeClassId),
    verification: { type: 'hosted' },
    issuedOn: isoDateTime(assertion.issuedOn),
    ...(assertion.expires ? { expires: isoDateTime(assertion.expires) } : {}),
    ...(assertion.evidenceUrl
      ? { evidence: { id: assertion.evidenceUrl, ...(assertion.narrative ? { narrative: assertion.narrative } : {}) } }
      : {}),
    ...(assertion.narrative ? { narrative: assertion.narrative } : {}),
    image: urls.assertionImage(assertion.id),
    ...(attribute && value !== null ? attributeExtension(urls, { ...attribute, value }) : {}),
  };
}

/** What a revoked hosted assertion answers (with HTTP 410), per Open Badges 2.0 hosted verification. */
export function revokedAssertionDocument(assertion: Assertion, urls: PublicUrls): RevokedAssertionDocument {
  return {
    '@context': OB2_CONTEXT,
    type: 'Assertion',
    id: urls.assertion(assertion.id),
    revoked: true,
    ...(assertion.revocationReason ? { revocationReason: assertion.revocationReason } : {}),
  };
}

/** Private badges, and badges their earner declined, are served as if they did not exist. */
export function isPubliclyListed(assertion: Pick<Assertion, 'isPublic' | 'claimState'>): boolean {
  return assertion.isPublic && assertion.claimState !== 'declined';
}

/** The issuer's revocation list. Only public assertions are listed: a private badge must not leak. */
export function revocationListDocument(issuerId: string, revoked: Assertion[], urls: PublicUrls): RevocationListDocument {
  return {
    '@context': OB2_CONTEXT,
    type: 'RevocationList',
    id: urls.revocations(issuerId),
    issuer: urls.issuer(issuerId),
    revokedAssertions: revoked
      .filter(isPubliclyListed)
      .map((assertion) => ({
        id: urls.assertion(assertion.id),
        ...(assertion.revocationReason ? { revocationReason: assertion.revocationReason } : {}),
      })),
  };
}
