// did:web names for issuers (https://w3c-ccg.github.io/did-method-web/): the public base URL's host
// (a port written %3A<port>) and path segments, then "issuers:<id>". The DID document lives at the
// same path with /did.json appended.
import { CONTEXT_URLS } from './contexts';

export class InvalidDidError extends Error {}

/** `https://badges.example.org` + `abc` → `did:web:badges.example.org:issuers:abc`. */
export function issuerDid(publicUrl: string, issuerId: string): string {
  const base = new URL(publicUrl);
  const segments = [...base.pathname.split('/').filter(Boolean).map(decodeURIComponent), 'issuers', issuerId];
  return ['did:web', encodeURIComponent(base.host), ...segments.map(encodeURIComponent)].join(':');
}

/** The https URL of a did:web DID's document (a DID URL's fragment or query is ignored). */
export function didWebDocumentUrl(didOrDidUrl: string): string {
  const did = didOrDidUrl.replace(/[?#].*$/, '');
  const match = /^did:web:([^:]+)((?::[^:]+)*)$/.exec(did);
  if (!match) throw new InvalidDidError(`not a did:web DID: "${did}"`);
  const host = decodeSegment(match[1]);
  const path = match[2].split(':').filter(Boolean).map(decodeSegment);
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    throw new InvalidDidError(`did:web host is not valid: "${host}"`);
  }
  if (url.host !== host.toLowerCase() || url.username || url.password) throw new InvalidDidError(`did:web host is not valid: "${host}"`);
  if (path.some((segment) => segment === '.' || segment === '..' || segment.includes('/'))) {
    throw new InvalidDidError(`did:web path is not valid: "${did}"`);
  }
  const pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.map(encodeURIComponent).join('/')}/did.json`;
  return `${url.origin}${pathname}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidDidError(`did:web segment is not valid percent-encoding: "${segment}"`);
  }
}

export interface PublicIssuerKey {
  keyId: string;
  publicKeyMultibase: string;
  /** Set once the key is withdrawn: it leaves the DID document, and what it signed stops verifying. */
  withdrawnAt?: string | null;
}

export interface VerificationMethodDocument {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': [typeof CONTEXT_URLS.didV1, typeof CONTEXT_URLS.multikeyV1];
  id: string;
  verificationMethod: VerificationMethodDocument[];
  assertionMethod: string[];
}

export function verificationMethodId(did: string, keyId: string): string {
  return `${did}#${keyId}`;
}

/** The DID document of an issuer: every key that is not withdrawn, as a Multikey for assertionMethod. */
export function buildDidDocument(did: string, keys: readonly PublicIssuerKey[]): DidDocument {
  const methods = keys.filter((key) => !key.withdrawnAt).map((key) => ({
    id: verificationMethodId(did, key.keyId),
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  return {
    '@context': [CONTEXT_URLS.didV1, CONTEXT_URLS.multikeyV1],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}
