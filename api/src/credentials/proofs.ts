// Signing (DataIntegrityProof, eddsa-rdfc-2022, assertionMethod) and verifying credentials with
// @digitalbazaar/vc. Verification also accepts Ed25519Signature2020 proofs, for foreign badges.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type CredentialDocumentLoader, type DocumentLoader } from './documentLoader';
import type { Signer } from './keys';
import { checkCredentialStatus, type CredentialStatusCheck } from './statusList';

export interface DataIntegrityProofDocument {
  type: 'DataIntegrityProof';
  created: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export type Signed<T> = T & { proof: DataIntegrityProofDocument[] };

/** Only bundled contexts: all that signing needs. */
const offlineLoader = createDocumentLoader();

export interface SignOptions {
  /** From `IssuerSigningKey.signer(did)`: its id is the verification method `<did>#<keyId>`. */
  signer: Signer;
  /** The proof's `created` (default now). */
  created?: string | Date;
  documentLoader?: DocumentLoader;
}

/**
 * Adds a DataIntegrityProof (eddsa-rdfc-2022, proofPurpose assertionMethod). `proof` is written as
 * an array, as the Open Badges 3.0 JSON Schema requires. The input is not changed.
 */
export async function signCredential<T extends object>(credential: T, options: SignOptions): Promise<Signed<T>> {
  const suite = new DataIntegrityProof({ signer: options.signer, cryptosuite: eddsaRdfc2022, date: options.created });
  const signed = await vc.issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: options.documentLoader ?? offlineLoader,
  });
  const proof = signed.proof as DataIntegrityProofDocument | DataIntegrityProofDocument[];
  return { ...(signed as T), proof: Array.isArray(proof) ? proof : [proof] };
}

export interface VerifyOptions {
  /** Resolves DIDs (did:key locally, did:web through its fetcher) and, with a fetcher, status lists. */
  documentLoader: CredentialDocumentLoader;
  /** When to judge validity (default now). */
  now?: Date;
  /** Read the credential's status list (default true; needs a loader with a fetcher). */
  checkStatus?: boolean;
}

export interface CredentialVerification {
  /** The proofs verify with keys the issuer controls, and the credential is well formed. */
  verified: boolean;
  /** Why not, in words, when not verified. */
  errors: string[];
  /** `validUntil` has passed. */
  expired: boolean;
  /** `validFrom` is still to come. */
  notYetValid: boolean;
  /** What the credential's status list says (null when it has none or it was not asked). */
  status: CredentialStatusCheck | null;
}

function verificationSuites(): object[] {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** URLs a verification may fetch besides DIDs: https verification methods' controllers. */
function remoteKeyDocuments(credential: Record<string, unknown>): string[] {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  return proofs
    .map((proof) => (typeof proof === 'object' && proof !== null ? (proof as Record<string, unknown>).verificationMethod : undefined))
    .filter((method): method is string => typeof method === 'string' && method.startsWith('https://'))
    .map((method) => method.replace(/#.*$/, ''));
}

/**
 * Verifies a credential's proofs (and that the issuer controls the key), then its validity dates
 * and its status list. A credential that verifies but has expired or is revoked says so in
 * `expired` / `status`, with `verified` still true: the signature is not at fault.
 */
export async function verifyCredential(document: object, options: VerifyOptions): Promise<CredentialVerification> {
  const credential = document as Record<string, unknown>;
  const now = options.now ?? new Date();
  const validFrom = dateOf(credential.validFrom ?? credential.issuanceDate);
  const validUntil = dateOf(credential.validUntil ?? credential.expirationDate);
  const expired = validUntil !== null && validUntil.getTime() < now.getTime();
  const notYetValid = validFrom !== null && validFrom.getTime() > now.getTime();
  // The library refuses credentials outside their validity window; the signature is judged at a
  // moment inside it, and the dates are reported on their own.
  const signatureTime = expired ? validUntil! : notYetValid ? validFrom! : now;
  const documentLoader = options.documentLoader.allowingRemote(remoteKeyDocuments(credential));
  const result = await vc.verifyCredential({
    credential,
    suite: verificationSuites(),
    documentLoader,
    now: signatureTime,
    // Status is read below, after the proofs, and reported apart from them.
    checkStatus: async () => ({ verified: true }),
  });
  const errors = result.verified ? [] : errorMessages(result);
  let status: CredentialStatusCheck | null = null;
  if (result.verified && options.checkStatus !== false && credential.credentialStatus !== undefined) {
    status = await checkCredentialStatus(credential, {
      documentLoader: options.documentLoader,
      verifyStatusListCredential: async (list) => {
        const check = await verifyCredential(list, { ...options, now, checkStatus: false });
        return check.expired ? [...check.errors, 'the status list credential has expired'] : check.errors;
      },
    });
  }
  return { verified: result.verified, errors, expired, notYetValid, status };
}

function errorMessages(result: Awaited<ReturnType<typeof vc.verifyCredential>>): string[] {
  const messages = new Set<string>();
  const add = (error: (Error & { errors?: Error[] }) | undefined) => {
    if (!error) return;
    if (Array.isArray(error.errors) && error.errors.length > 0) error.errors.forEach(add);
    else messages.add(error.message);
  };
  add(result.error);
  for (const proofResult of result.results ?? []) add(proofResult.error);
  return messages.size > 0 ? [...messages] : ['the credential did not verify'];
}
