// The unsigned Open Badges 3.0 OpenBadgeCredential of one issued badge (issue 13's shape). Pure:
// everything it shows comes from the input.
import { isYearsKind, MAX_ATTRIBUTE_YEARS, type BadgeAttribute, type BadgeAttributeKind, type BadgeAttributeValue } from '../../../shared/schemas/attributes';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import { CONTEXT_URLS } from './contexts';
import type { BitstringStatusListEntryDocument } from './statusList';

export const OB3_CONTEXTS = [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadges, CONTEXT_URLS.openBadgesExtensions] as const;

export const ACHIEVEMENT_CREDENTIAL_SCHEMA = {
  id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  type: '1EdTechJsonSchemaValidator2019',
} as const;

/** Open Badges 3.0 `achievementType` (its AchievementType vocabulary) for each BadgeLens category. */
export const ACHIEVEMENT_TYPES: Record<BadgeCategory, string> = {
  knowledge: 'Assessment',
  skill: 'Competency',
  certification: 'Certification',
  career: 'Award',
  education: 'CertificateOfCompletion',
  membership: 'Membership',
};

export interface CredentialAssertionInput {
  id: string;
  recipientName: string;
  recipientSalt: string;
  /** `sha256$<hex>` of the trimmed, lower-cased email followed by the salt (as in Open Badges 2.0). */
  recipientHash: string;
  issuedOn: string;
  expires: string | null;
  evidenceUrl: string | null;
  narrative: string | null;
  /** The value of the badge class's attribute; shown as the subject's result. */
  attributeValue?: BadgeAttributeValue | null;
}

export interface CredentialAlignmentInput {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface CredentialBadgeClassInput {
  id: string;
  name: string;
  description: string;
  category: BadgeCategory;
  criteriaNarrative: string;
  skills: readonly string[];
  alignment: readonly CredentialAlignmentInput[];
  /** The attribute its badges carry; described as the achievement's result description. */
  attribute?: BadgeAttribute | null;
}

export interface CredentialIssuerInput {
  id: string;
  name: string;
  /** The issuer's own website, as registered. */
  url: string;
}

/** Public URLs the credential points to; `credentialUrls()` builds them from PUBLIC_URL. */
export interface CredentialUrlBuilders {
  credential(assertionId: string): string;
  badgeClass(badgeClassId: string): string;
  badgeClassImage(badgeClassId: string): string;
  issuerImage(issuerId: string): string;
  /** Where a skill leads (an alignment needs a target URL): the catalogue searched for it. */
  skill(skill: string): string;
}

export interface CredentialInput {
  assertion: CredentialAssertionInput;
  badgeClass: CredentialBadgeClassInput;
  issuer: CredentialIssuerInput;
  /** The issuer's did:web (`issuerDid(PUBLIC_URL, issuer.id)`). */
  issuerDid: string;
  urls: CredentialUrlBuilders;
  /** The credential's place in its issuer's status list (`statusListEntry(…)`). */
  status: BitstringStatusListEntryDocument;
}

export interface ImageDocument {
  id: string;
  type: 'Image';
}

export interface IdentityObjectDocument {
  type: 'IdentityObject';
  identityType: 'emailAddress' | 'name';
  hashed: boolean;
  identityHash: string;
  salt?: string;
}

export interface AlignmentDocument {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface ResultDescriptionDocument {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  allowedValue?: string[];
}

export interface ResultDocument {
  type: ['Result'];
  resultDescription: string;
  value: string;
}

/** Open Badges 3.0 `resultType` of each attribute kind: extensions of its vocabulary (the `ext:` convention). */
export const RESULT_TYPES: Record<BadgeAttributeKind, string> = {
  yearsActive: 'ext:YearsActive',
  yearsExperience: 'ext:YearsExperience',
  level: 'ext:Level',
  volunteer: 'ext:Volunteer',
};

export function resultDescriptionDocument(achievementId: string, attribute: BadgeAttribute): ResultDescriptionDocument {
  return {
    id: `${achievementId}#attribute`,
    type: ['ResultDescription'],
    name: attribute.label,
    resultType: RESULT_TYPES[attribute.kind],
    ...(isYearsKind(attribute.kind) ? { valueMin: '0', valueMax: String(MAX_ATTRIBUTE_YEARS) } : {}),
    ...(attribute.kind === 'volunteer' ? { allowedValue: ['false', 'true'] } : {}),
  };
}

export interface OpenBadgeCredentialDocument {
  '@context': typeof OB3_CONTEXTS;
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: { id: string; type: ['Profile']; name: string; url: string; image: ImageDocument };
  validFrom: string;
  validUntil?: string;
  name: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    identifier: IdentityObjectDocument[];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: string;
      name: string;
      description: string;
      criteria: { narrative: string };
      image: ImageDocument;
      alignment?: AlignmentDocument[];
      tag?: string[];
      resultDescription?: ResultDescriptionDocument[];
    };
    narrative?: string;
    result?: ResultDocument[];
  };
  evidence?: { id: string; type: ['Evidence'] }[];
  credentialSchema: [typeof ACHIEVEMENT_CREDENTIAL_SCHEMA];
  credentialStatus: BitstringStatusListEntryDocument;
}

/** An XML Schema dateTime without fractions of a second, in UTC ("2025-01-31T12:00:00Z"). */
export function credentialDateTime(value: string | Date): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: "${String(value)}"`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SALTED_SHA256 = /^sha256\$[0-9a-f]{64}$/;

function alignmentDocument(alignment: CredentialAlignmentInput): AlignmentDocument {
  return {
    type: ['Alignment'],
    targetName: alignment.targetName,
    targetUrl: alignment.targetUrl,
    ...(alignment.targetDescription ? { targetDescription: alignment.targetDescription } : {}),
    ...(alignment.targetFramework ? { targetFramework: alignment.targetFramework } : {}),
    ...(alignment.targetCode ? { targetCode: alignment.targetCode } : {}),
  };
}

export function buildCredential(input: CredentialInput): OpenBadgeCredentialDocument {
  const { assertion, badgeClass, issuer, urls } = input;
  if (!SALTED_SHA256.test(assertion.recipientHash)) throw new RangeError('recipientHash must be "sha256$" and 64 lower-case hex digits');
  const achievementId = urls.badgeClass(badgeClass.id);
  const resultDescription = badgeClass.attribute ? resultDescriptionDocument(achievementId, badgeClass.attribute) : null;
  const hasResult = resultDescription !== null && assertion.attributeValue !== undefined && assertion.attributeValue !== null;
  const alignment = [
    ...badgeClass.alignment.map(alignmentDocument),
    ...badgeClass.skills.map((skill) => alignmentDocument({ targetName: skill, targetUrl: urls.skill(skill) })),
  ];
  return {
    '@context': OB3_CONTEXTS,
    id: urls.credential(assertion.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: input.issuerDid,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      image: { id: urls.issuerImage(issuer.id), type: 'Image' },
    },
    validFrom: credentialDateTime(assertion.issuedOn),
    ...(assertion.expires ? { validUntil: credentialDateTime(assertion.expires) } : {}),
    name: badgeClass.name,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: assertion.recipientHash,
          salt: assertion.recipientSalt,
        },
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: assertion.recipientName },
      ],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: ACHIEVEMENT_TYPES[badgeClass.category],
        name: badgeClass.name,
        description: badgeClass.description,
        criteria: { narrative: badgeClass.criteriaNarrative },
        image: { id: urls.badgeClassImage(badgeClass.id), type: 'Image' },
        ...(alignment.length > 0 ? { alignment } : {}),
        ...(badgeClass.skills.length > 0 ? { tag: [...badgeClass.skills] } : {}),
        ...(resultDescription ? { resultDescription: [resultDescription] } : {}),
      },
      ...(assertion.narrative ? { narrative: assertion.narrative } : {}),
      ...(hasResult
        ? { result: [{ type: ['Result'] as ['Result'], resultDescription: resultDescription.id, value: String(assertion.attributeValue) }] }
        : {}),
    },
    ...(assertion.evidenceUrl ? { evidence: [{ id: assertion.evidenceUrl, type: ['Evidence'] as ['Evidence'] }] } : {}),
    credentialSchema: [ACHIEVEMENT_CREDENTIAL_SCHEMA],
    credentialStatus: input.status,
  };
}
