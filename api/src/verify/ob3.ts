// Open Badges 3.0 (Verifiable Credentials) verification, on the credentials core
// (api/src/credentials): the Data Integrity proof (eddsa-rdfc-2022, Ed25519Signature2020) with
// did:key resolved locally and did:web DID documents, status lists and https key documents fetched
// through the safe fetcher; validFrom/validUntil; credentialStatus (Bitstring Status List,
// StatusList2021). A VC-JWT verifies with jose against the issuer's key: its `kid` (a DID URL, or an
// https JWK / JWK Set on the issuer's own origin), else the issuer's DID document or JWK Set.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { BadgeCategory, VerifiedBadge } from '../../../shared/schemas/verify';
import { bundledContext } from '../credentials/contexts';
import { credentialOfJwt } from '../credentials/bake';
import { ACHIEVEMENT_TYPES } from '../credentials/credential';
import { didWebDocumentUrl } from '../credentials/didWeb';
import { createDocumentLoader, type CredentialDocumentLoader } from '../credentials/documentLoader';
import { verifyCredential } from '../credentials/proofs';
import { checkCredentialStatus, type CredentialStatusCheck } from '../credentials/statusList';
import type { ItemContext } from './context';
import { KEY_DOCUMENT_TYPES } from './fetching';
import { asArray, clippedText, httpUrlOf, isObject, isoDateOf, linkedUrlOf, stringOf, TEXT_LIMITS, typesOf, type JsonObject } from './json';
import { invalid, sourceOf, unverifiable, type Verdict } from './outcome';

const JWT_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const STATUS_ENTRY_TYPES = new Set(['BitstringStatusListEntry', 'StatusList2021Entry']);
const CATEGORY_OF_ACHIEVEMENT_TYPE = new Map(Object.entries(ACHIEVEMENT_TYPES).map(([category, type]) => [type, category as BadgeCategory]));

/** Whether a document is a Verifiable Credential (Open Badges 3.0 or another VC). */
export function isCredential(json: unknown): json is JsonObject {
  return isObject(json) && typesOf(json).includes('VerifiableCredential');
}

/** A document loader that fetches through the item's fetcher and remembers why a fetch failed. */
function trackingLoader(ctx: ItemContext): { loader: CredentialDocumentLoader; failures: string[] } {
  const failures: string[] = [];
  const loader = createDocumentLoader({
    fetchJson: async (url) => {
      const answer = await ctx.fetchDocument(url, KEY_DOCUMENT_TYPES);
      if (answer.kind === 'json') return answer.json;
      const reason = answer.kind === 'failed' ? answer.reason : `${new URL(url).host} has no document at ${url.slice(0, 100)}`;
      if (answer.kind === 'failed') failures.push(reason);
      throw new Error(reason);
    },
  });
  return { loader, failures };
}

function issuerIdOf(credential: JsonObject): string | null {
  return stringOf(isObject(credential.issuer) ? credential.issuer.id : credential.issuer);
}

/** The host the issuer's key was proven on: its did:web host, its https id's host; null for did:key and others. */
function issuerDomain(issuerId: string): string | null {
  if (issuerId.startsWith('did:web:')) {
    try {
      return new URL(didWebDocumentUrl(issuerId)).host;
    } catch {
      return null;
    }
  }
  const url = httpUrlOf(issuerId);
  return url ? new URL(url).host : null;
}

function subjectOf(credential: JsonObject): JsonObject | null {
  const subject = asArray(credential.credentialSubject).find(isObject);
  return subject ?? null;
}

function recipientNameOf(subject: JsonObject): string | null {
  for (const identifier of asArray(subject.identifier)) {
    if (isObject(identifier) && identifier.identityType === 'name' && identifier.hashed === false && typeof identifier.identityHash === 'string') {
      return identifier.identityHash.trim().slice(0, 200) || null;
    }
  }
  return typeof subject.name === 'string' && subject.name.trim() ? subject.name.trim().slice(0, 200) : null;
}

/** The achievement an Open Badges credential awards, or null when it is not one. */
function achievementOf(credential: JsonObject): { subject: JsonObject; achievement: JsonObject & { name: string } } | null {
  const subject = subjectOf(credential);
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : null;
  return subject && achievement && typeof achievement.name === 'string' ? { subject, achievement: achievement as JsonObject & { name: string } } : null;
}

/** The badge an Open Badges credential describes (achievementOf(credential) is not null). */
function badgeOf(credential: JsonObject, validity: { issuedOn: string; expires: string | null }, pageUrl: string | null): VerifiedBadge {
  const { subject, achievement } = achievementOf(credential)!;
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const issuerId = issuerIdOf(credential) ?? '';
  return {
    assertionId: stringOf(credential.id) ?? '',
    pageUrl,
    name: clippedText(achievement.name, TEXT_LIMITS.name)!,
    description: clippedText(achievement.description, TEXT_LIMITS.description) ?? '',
    category: CATEGORY_OF_ACHIEVEMENT_TYPE.get(stringOf(achievement.achievementType) ?? '') ?? null,
    imageUrl: linkedUrlOf(achievement.image) ?? linkedUrlOf(credential.image),
    issuer: {
      id: issuerId,
      name: clippedText(issuer.name, TEXT_LIMITS.name) ?? '',
      url: httpUrlOf(issuer.url),
      imageUrl: linkedUrlOf(issuer.image),
      domain: issuerDomain(issuerId),
    },
    recipientName: recipientNameOf(subject),
    issuedOn: validity.issuedOn,
    expires: validity.expires,
    revocationReason: null,
  };
}

function hasReadableStatus(credential: JsonObject): boolean {
  return asArray(credential.credentialStatus).some((entry) => isObject(entry) && STATUS_ENTRY_TYPES.has(String(entry.type)));
}

/** The verdict once the proof holds: status list, then dates. */
function finalVerdict(
  badge: VerifiedBadge,
  dates: { expired: boolean; notYetValid: boolean },
  status: CredentialStatusCheck | null,
  credential: JsonObject,
  source: Verdict['source'],
  maxAgeMs: number | null,
): Verdict {
  if (dates.notYetValid) return invalid(`it is not valid before ${badge.issuedOn.slice(0, 10)}`, source);
  if (status && !status.checked && hasReadableStatus(credential)) return unverifiable(`its revocation status could not be checked: ${status.reason}`, source);
  if (status?.checked && (status.revoked || status.suspended)) {
    return { status: 'revoked', badge: { ...badge, revocationReason: status.revoked ? 'Revoked by its issuer' : 'Suspended by its issuer' }, source, maxAgeMs };
  }
  return { status: dates.expired ? 'expired' : 'valid', badge, source, maxAgeMs };
}

function unknownContext(credential: JsonObject): string | null {
  const contexts = asArray(credential['@context']).filter((context): context is string => typeof context === 'string');
  return contexts.find((context) => !bundledContext(context)) ?? null;
}

function validityOf(credential: JsonObject, claims: { nbf?: unknown; exp?: unknown } = {}): { issuedOn: string | null; expires: string | null } {
  const fromSeconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : null);
  const issuedOn = isoDateOf(credential.validFrom) ?? isoDateOf(credential.issuanceDate) ?? isoDateOf(credential.awardedDate) ?? fromSeconds(claims.nbf);
  const expires = isoDateOf(credential.validUntil) ?? isoDateOf(credential.expirationDate) ?? fromSeconds(claims.exp);
  return { issuedOn, expires };
}

/** The checks every credential needs before its proof: a known context, an id, an achievement. */
function preflight(credential: JsonObject, source: Verdict['source']): Verdict | null {
  const context = unknownContext(credential);
  if (context) return unverifiable(`it uses a JSON-LD context this server does not have (${context.slice(0, 120)})`, source);
  if (typeof credential.id !== 'string' || !credential.id) return invalid('the credential has no id', source);
  if (credential.id.length > 2048) return invalid('its id is too long', source);
  if (!issuerIdOf(credential)) return invalid('the credential names no issuer', source);
  return null;
}

/**
 * Verifies an Open Badges 3.0 credential with an embedded proof, fetched from `checkedUrl` (null:
 * handed in); `maxAgeMs` is what its source's Cache-Control allows.
 */
export async function verifyCredentialDocument(credential: JsonObject, ctx: ItemContext, checkedUrl: string | null, maxAgeMs: number | null = null): Promise<Verdict> {
  const source = sourceOf(ctx.platformOf(checkedUrl), 'ob3', checkedUrl);
  const problem = preflight(credential, source);
  if (problem) return problem;
  if (!achievementOf(credential)) return { status: 'unsupported' };
  if (credential.proof === undefined) return invalid('it carries no proof', source);
  const validity = validityOf(credential);
  if (!validity.issuedOn) return invalid('it has no validFrom date', source);
  const badge = badgeOf(credential, { issuedOn: validity.issuedOn, expires: validity.expires }, httpUrlOf(credential.id));
  const { loader, failures } = trackingLoader(ctx);
  let check: Awaited<ReturnType<typeof verifyCredential>>;
  try {
    check = await verifyCredential(credential, { documentLoader: loader, now: ctx.now });
  } catch (error) {
    return failures.length > 0 ? unverifiable(failures[0], source) : invalid(`it does not verify: ${(error as Error).message}`, source);
  }
  if (!check.verified) return failures.length > 0 ? unverifiable(failures[0], source) : invalid(`its proof does not verify: ${check.errors[0]}`, source);
  return finalVerdict(badge, check, check.status, credential, source, maxAgeMs);
}

// ---------------------------------------------------------------- VC-JWT

/** A JWK from a verification method: its publicKeyJwk, or its Ed25519 publicKeyMultibase. */
async function jwkOfMethod(method: unknown): Promise<JWK | null> {
  if (!isObject(method)) return null;
  if (isObject(method.publicKeyJwk)) return method.publicKeyJwk as JWK;
  if (typeof method.publicKeyMultibase === 'string' && method.publicKeyMultibase.startsWith('z6Mk')) {
    const keyPair = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: method.publicKeyMultibase });
    return (await Ed25519Multikey.toJwk({ keyPair })) as JWK;
  }
  return null;
}

/** Keys of a JWK or JWK Set document, the one named `kid` when it names one. */
function jwksKeys(document: unknown, kid: string | null): JWK[] {
  const keys = isObject(document) && Array.isArray(document.keys) ? document.keys.filter(isObject) : isObject(document) && document.kty ? [document] : [];
  const named = kid ? keys.filter((key) => key.kid === kid) : [];
  return (named.length > 0 ? named : keys).slice(0, 8) as JWK[];
}

type KeyLookup = { ok: true; keys: JWK[] } | { ok: false; verdict: Verdict };

/** The issuer's candidate public keys for a VC-JWT, each proven to be the issuer's. */
async function issuerKeys(kid: string | null, issuerId: string, loader: CredentialDocumentLoader, ctx: ItemContext, source: Verdict['source']): Promise<KeyLookup> {
  if (issuerId.startsWith('did:')) {
    if (kid && kid.replace(/#.*$/, '') !== issuerId && !kid.startsWith('#')) return { ok: false, verdict: invalid('it is signed with a key of another DID than its issuer', source) };
    const methodIds = kid ? [kid.startsWith('#') ? `${issuerId}${kid}` : kid] : await assertionMethodIds(issuerId, loader);
    const keys: JWK[] = [];
    for (const id of methodIds.slice(0, 8)) {
      const jwk = await jwkOfMethod((await loader(id)).document);
      if (jwk) keys.push(jwk);
    }
    return { ok: true, keys };
  }
  const issuerUrl = httpUrlOf(issuerId);
  if (!issuerUrl) return { ok: false, verdict: invalid('its issuer is neither a DID nor an https URL', source) };
  const keyUrl = kid && httpUrlOf(kid) ? kid : `${new URL(issuerUrl).origin}/.well-known/jwks.json`;
  if (new URL(keyUrl).origin !== new URL(issuerUrl).origin) return { ok: false, verdict: invalid("its key is not on its issuer's origin", source) };
  const answer = await ctx.fetchDocument(keyUrl.replace(/#.*$/, ''), KEY_DOCUMENT_TYPES);
  if (answer.kind === 'failed') return { ok: false, verdict: unverifiable(`its issuer's key could not be read: ${answer.reason}`, source) };
  if (answer.kind !== 'json') return { ok: false, verdict: invalid("its issuer publishes no key there", source) };
  const keyName = kid === null ? null : httpUrlOf(kid) ? new URL(kid).hash.slice(1) || kid : kid;
  return { ok: true, keys: jwksKeys(answer.json, keyName) };
}

async function assertionMethodIds(did: string, loader: (url: string) => Promise<{ document: unknown }>): Promise<string[]> {
  const { document } = await loader(did);
  if (!isObject(document)) return [];
  const ids = asArray(document.assertionMethod).map((method) => (isObject(method) ? method.id : method));
  return ids.filter((id): id is string => typeof id === 'string').map((id) => (id.startsWith('#') ? `${did}${id}` : id));
}

async function signatureHolds(jwt: string, alg: string, keys: JWK[]): Promise<boolean> {
  for (const jwk of keys) {
    try {
      await compactVerify(jwt, await importJWK(jwk, alg), { algorithms: JWT_ALGORITHMS });
      return true;
    } catch {
      // the next key, if any
    }
  }
  return false;
}

/** Verifies a VC-JWT (compact JWS) handed in: signature by the issuer's key, dates, status list. */
export async function verifyCredentialJwt(jwt: string, ctx: ItemContext): Promise<Verdict> {
  const source = sourceOf(ctx.platformOf(null), 'ob3', null);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let credential: JsonObject;
  let claims: JsonObject;
  try {
    header = decodeProtectedHeader(jwt);
    credential = credentialOfJwt(jwt);
    claims = decodeJwt(jwt);
  } catch {
    return invalid('it is not a readable VC-JWT', source);
  }
  if (!isObject(credential)) return invalid('it is not a readable VC-JWT', source);
  if (typeof header.alg !== 'string' || !JWT_ALGORITHMS.includes(header.alg)) return invalid(`it is signed with an algorithm this server does not accept (${String(header.alg)})`, source);
  const issuerId = stringOf(claims.iss) ?? issuerIdOf(credential);
  if (!issuerId) return invalid('the credential names no issuer', source);
  if (issuerIdOf(credential) && issuerIdOf(credential) !== issuerId) return invalid('its iss claim and its issuer differ', source);
  const withId: JsonObject = { ...credential, id: stringOf(credential.id) ?? stringOf(claims.jti) ?? '', issuer: credential.issuer ?? issuerId };
  if (!achievementOf(withId)) return { status: 'unsupported' };
  if (!withId.id) return invalid('the credential has no id', source);
  if (String(withId.id).length > 2048) return invalid('its id is too long', source);
  const validity = validityOf(withId, { nbf: claims.nbf, exp: claims.exp });
  if (!validity.issuedOn) return invalid('it has no validFrom date', source);
  const badge = badgeOf(withId, { issuedOn: validity.issuedOn, expires: validity.expires }, httpUrlOf(withId.id));

  const { loader, failures } = trackingLoader(ctx);
  let keys: KeyLookup;
  try {
    keys = await issuerKeys(stringOf(header.kid), issuerId, loader, ctx, source);
  } catch (error) {
    return failures.length > 0 ? unverifiable(failures[0], source) : invalid(`its issuer's key could not be resolved: ${(error as Error).message}`, source);
  }
  if (!keys.ok) return keys.verdict;
  if (keys.keys.length === 0) return invalid('its issuer publishes no key it could be signed with', source);
  if (!(await signatureHolds(jwt, header.alg, keys.keys))) return invalid("its signature does not verify with its issuer's key", source);

  const now = ctx.now.getTime();
  const dates = {
    expired: validity.expires !== null && Date.parse(validity.expires) <= now,
    notYetValid: Date.parse(validity.issuedOn) > now,
  };
  let status: CredentialStatusCheck | null = null;
  if (withId.credentialStatus !== undefined) {
    status = await checkCredentialStatus(withId, {
      documentLoader: loader,
      verifyStatusListCredential: async (list) => (await verifyCredential(list, { documentLoader: loader, now: ctx.now, checkStatus: false })).errors,
    });
  }
  return finalVerdict(badge, dates, status, withId, source, null);
}
