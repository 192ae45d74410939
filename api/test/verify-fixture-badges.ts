// Foreign badges for the verification tests, served by a FixtureWeb. Shapes follow the platforms'
// public documents (README next to these tests says which); every person and organisation is
// invented. OB 3.0 credentials are signed here, with did:key and did:web keys.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';
import { buildCredential, type OpenBadgeCredentialDocument } from '../src/credentials/credential';
import { buildDidDocument, didWebDocumentUrl, issuerDid } from '../src/credentials/didWeb';
import { IssuerSigningKey, type Signer } from '../src/credentials/keys';
import { signCredential } from '../src/credentials/proofs';
import { buildStatusListCredential, createStatusList, statusListEntry } from '../src/credentials/statusList';
import { credentialUrls } from '../src/credentials/urls';
import { hashRecipient } from '../src/lib/crypto';
import type { FixtureWeb } from './verify-fixture-web';

export const OB2 = 'https://w3id.org/openbadges/v2';
export const SALT = 'c2FsdC1mb3ItdGVzdHM';
export const RECIPIENT = hashRecipient('rosa.example@earners.test', SALT);
export const ISSUED = '2025-03-01T09:00:00.000Z';

// ---------------------------------------------------------------- Open Badges 2.0, hosted

export interface HostedBadge {
  assertionUrl: string;
  badgeUrl: string;
  issuerUrl: string;
  assertion: Record<string, unknown>;
  badgeClass: Record<string, unknown>;
  issuer: Record<string, unknown>;
}

export interface HostedOptions {
  assertionUrl: string;
  badgeUrl: string;
  issuerUrl: string;
  name?: string;
  issuerName?: string;
  assertion?: Record<string, unknown>;
  issuer?: Record<string, unknown>;
  badgeClass?: Record<string, unknown>;
  /** Publish the three documents on `web` (default true). */
  publish?: boolean;
}

/** An Open Badges 2.0 hosted badge: assertion, badge class and issuer profile, each at its id. */
export function hostedBadge(web: FixtureWeb, options: HostedOptions): HostedBadge {
  const issuer = {
    '@context': OB2,
    type: 'Issuer',
    id: options.issuerUrl,
    name: options.issuerName ?? 'Guild of Fixture Welders',
    url: 'https://guild.example',
    email: 'office@guild.example',
    image: `${new URL(options.issuerUrl).origin}/logo.png`,
    ...options.issuer,
  };
  const badgeClass = {
    '@context': OB2,
    type: 'BadgeClass',
    id: options.badgeUrl,
    name: options.name ?? 'Pipe Welding Level 2',
    description: 'Welds pipe joints in all positions to the guild standard.',
    image: `${options.badgeUrl}/image.png`,
    criteria: { narrative: 'Pass the practical pipe test.' },
    issuer: options.issuerUrl,
    ...options.badgeClass,
  };
  const assertion = {
    '@context': OB2,
    type: 'Assertion',
    id: options.assertionUrl,
    recipient: { type: 'email', hashed: true, salt: SALT, identity: RECIPIENT },
    badge: options.badgeUrl,
    verification: { type: 'hosted' },
    issuedOn: ISSUED,
    ...options.assertion,
  };
  if (options.publish !== false) {
    web.json(options.assertionUrl, assertion);
    web.json(options.badgeUrl, badgeClass);
    web.json(options.issuerUrl, issuer);
  }
  return { assertionUrl: options.assertionUrl, badgeUrl: options.badgeUrl, issuerUrl: options.issuerUrl, assertion, badgeClass, issuer };
}

/** Credly: the public OBI endpoint on api.credly.com (assertion → badge class → issuer), as its documents and examples show. */
export function credlyBadge(web: FixtureWeb, badgeId: string, assertion: Record<string, unknown> = {}): HostedBadge {
  const issuerUrl = 'https://api.credly.com/v1/obi/v2/issuers/8a3f2c1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b';
  return hostedBadge(web, {
    assertionUrl: `https://api.credly.com/v1/obi/v2/badge_assertions/${badgeId}`,
    badgeUrl: `${issuerUrl}/badge_classes/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0`,
    issuerUrl,
    name: 'Cloud Operations Associate',
    issuerName: 'Northwind Cloud Academy',
    assertion: {
      // Credly's assertions carry the recipient's email hashed without salt, the badge image, and a HostedBadge verification.
      recipient: { type: 'email', hashed: true, identity: hashRecipient('rosa.example@earners.test', '') },
      image: { id: `https://images.credly.com/images/${badgeId}/image.png` },
      verification: { type: 'HostedBadge' },
      evidence: [],
      ...assertion,
    },
    badgeClass: { image: { id: 'https://images.credly.com/images/0f1e2d3c/blob.png' }, criteria: { id: 'https://www.credly.com/org/northwind/badge/cloud-operations-associate' }, tags: ['Cloud', 'Operations'] },
  });
}

/** Canvas Credentials (Badgr): /public/assertions, /public/badges, /public/issuers on the region's API host; the name in extensions:recipientProfile. */
export function badgrBadge(web: FixtureWeb, host: string, entityId: string): HostedBadge {
  return hostedBadge(web, {
    assertionUrl: `https://${host}/public/assertions/${entityId}`,
    badgeUrl: `https://${host}/public/badges/Bc7Kx2Qw9Lp4Rt6Yv8Zs1A`,
    issuerUrl: `https://${host}/public/issuers/Is3Mn5Bv7Cx9Zl1Kj2Hg4F`,
    name: 'Lab Safety Essentials',
    issuerName: 'Fjord Community College',
    assertion: {
      image: `https://${host}/public/assertions/${entityId}/image`,
      verification: { type: 'HostedBadge' },
      revoked: false,
      'extensions:recipientProfile': {
        '@context': 'https://openbadgespec.org/extensions/recipientProfile/context.json',
        type: ['Extension', 'extensions:RecipientProfile'],
        name: 'Rosa Example',
      },
    },
  });
}

/** A badge page that links its assertion (as Accredible's credential pages and many issuers' pages do). */
export function badgePage(web: FixtureWeb, pageUrl: string, linkedUrl: string, type = 'application/ld+json'): void {
  web.text(
    pageUrl,
    `<!doctype html><html><head><title>Badge</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="${type}" href="${linkedUrl.replace(/&/g, '&amp;')}">
</head><body><h1>Rosa Example earned a badge</h1></body></html>`,
  );
}

// ---------------------------------------------------------------- Open Badges 3.0, signed

export interface CredentialIssuer {
  did: string;
  signer: Signer;
  /** Where its credentials and status lists live. */
  base: string;
}

/** An issuer with a did:web DID on `host` (its DID document published on `web`). */
export async function didWebIssuer(web: FixtureWeb, host: string, issuerId = 'guild'): Promise<CredentialIssuer> {
  const base = `https://${host}`;
  const did = issuerDid(base, issuerId);
  const key = await IssuerSigningKey.generate('key-1');
  web.json(didWebDocumentUrl(did), buildDidDocument(did, [key]), { contentType: 'application/did+json' });
  return { did, signer: await key.signer(did), base };
}

/** An issuer identified by a did:key (resolved without any fetch); its status lists live under `base`. */
export async function didKeyIssuer(base = 'https://lists.keyholder.test'): Promise<CredentialIssuer> {
  const generated = await Ed25519Multikey.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({
    ...(await generated.export({ publicKey: true, secretKey: true, includeContext: true })),
    id: `${did}#${generated.publicKeyMultibase}`,
    controller: did,
  });
  return { did, signer: keyPair.signer(), base };
}

export interface CredentialOptions {
  assertionId?: string;
  name?: string;
  validFrom?: string;
  validUntil?: string | null;
  /** The credential's index in its issuer's status list 1 (default 7). */
  statusIndex?: number;
}

export function unsignedCredential(issuer: CredentialIssuer, options: CredentialOptions = {}): OpenBadgeCredentialDocument {
  const urls = credentialUrls(issuer.base);
  return buildCredential({
    assertion: {
      id: options.assertionId ?? 'Cr3dent1al0ne000',
      recipientName: 'Rosa Example',
      recipientSalt: SALT,
      recipientHash: RECIPIENT,
      issuedOn: options.validFrom ?? ISSUED,
      expires: options.validUntil === undefined ? '2029-03-01T09:00:00.000Z' : options.validUntil,
      evidenceUrl: null,
      narrative: null,
    },
    badgeClass: {
      id: 'tig-3',
      name: options.name ?? 'TIG Welding Level 3',
      description: 'Lays TIG root passes on stainless pipe.',
      category: 'certification',
      criteriaNarrative: 'Pass the supervised bend test.',
      skills: ['TIG welding'],
      alignment: [],
    },
    issuer: { id: 'guild', name: 'Guild of Fixture Welders', url: 'https://guild.example' },
    issuerDid: issuer.did,
    urls,
    status: statusListEntry({ statusListCredential: `${issuer.base}/status/1`, index: options.statusIndex ?? 7 }),
  });
}

export async function signedCredential(issuer: CredentialIssuer, options: CredentialOptions = {}) {
  return signCredential(unsignedCredential(issuer, options), { signer: issuer.signer, created: ISSUED });
}

/** The issuer's signed status list 1 at `<base>/status/1`, with `revoked` bits set. */
export async function publishStatusList(web: FixtureWeb, issuer: CredentialIssuer, revoked: number[]): Promise<void> {
  const list = createStatusList();
  for (const index of revoked) list.setStatus(index, true);
  const id = `${issuer.base}/status/1`;
  const unsigned = buildStatusListCredential({ id, issuerDid: issuer.did, encodedList: await list.encode(), validFrom: '2025-01-01T00:00:00Z' });
  web.json(id, await signCredential(unsigned, { signer: issuer.signer, created: '2025-01-01T00:00:00Z' }), { contentType: 'application/vc' });
}

// ---------------------------------------------------------------- VC-JWT

export interface JwtIssuer {
  /** The issuer's id: a did:key DID or an https URL. */
  id: string;
  kid: string | null;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** An EdDSA key whose public half is a did:key DID (kid: the DID URL of its key). */
export async function didKeyJwtIssuer(): Promise<JwtIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const { publicKeyMultibase } = await Ed25519Multikey.fromJwk({ jwk: publicJwk });
  const did = `did:key:${publicKeyMultibase}`;
  return { id: did, kid: `${did}#${publicKeyMultibase}`, privateKey, publicJwk };
}

/** An issuer identified by an https URL, whose JWK Set is published at /.well-known/jwks.json. */
export async function jwksIssuer(web: FixtureWeb, origin: string): Promise<JwtIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'signing-2025', use: 'sig' };
  web.json(`${origin}/.well-known/jwks.json`, { keys: [publicJwk] }, { contentType: 'application/json' });
  return { id: origin, kid: null, privateKey, publicJwk };
}

/** A VC-JWT (VC 2.0 JOSE: the credential is the payload). */
export async function signJwt(issuer: JwtIssuer, credential: Record<string, unknown>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', ...(issuer.kid ? { kid: issuer.kid } : {}) })
    .sign(issuer.privateKey);
}

/** The credential of a VC-JWT: an Open Badges 3.0 achievement credential without an embedded proof. */
export function jwtCredential(issuerId: string, options: { name?: string; validFrom?: string; validUntil?: string } = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:2f0a3c1e-7d4b-4c8a-9e6f-5b1d2a3c4e5f',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Harbour Training Ltd' },
    validFrom: options.validFrom ?? ISSUED,
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Rosa Example' }],
      achievement: {
        id: 'https://harbour.example/achievements/crane-1',
        type: ['Achievement'],
        name: options.name ?? 'Crane Signalling',
        description: 'Signals crane lifts by hand and radio.',
        criteria: { narrative: 'Pass the practical assessment.' },
        achievementType: 'Competency',
      },
    },
  };
}
