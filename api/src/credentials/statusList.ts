// Revocation through the W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/):
// building and encoding lists, choosing indexes, and reading a credential's status, also from the
// older StatusList2021 format that foreign badges may use.
import { Bitstring } from '@digitalbazaar/bitstring';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { randomInt } from 'node:crypto';
import { CONTEXT_URLS } from './contexts';
import type { CredentialDocumentLoader } from './documentLoader';

/** The spec's minimum list size (16 KB uncompressed), which keeps one holder's index from standing out. */
export const STATUS_LIST_LENGTH = 131_072;

export type StatusPurpose = 'revocation' | 'suspension';

export class StatusListFullError extends Error {}
export class StatusListError extends Error {}

export function createStatusList(length = STATUS_LIST_LENGTH): BitstringStatusList {
  if (!Number.isInteger(length) || length < STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`a status list holds at least ${STATUS_LIST_LENGTH} entries, in whole bytes`);
  }
  return new BitstringStatusList({ length });
}

/** An `encodedList` (multibase "u" + base64url of the GZIP-compressed bits) back into a list. */
export function decodeStatusList(encodedList: string): Promise<BitstringStatusList> {
  return BitstringStatusList.decode({ encodedList });
}

/**
 * A random index that `isTaken` says is free. Random, not sequential, so an index tells nothing
 * about when or to whom a badge was issued. Throws StatusListFullError when every index is taken.
 */
export function pickStatusListIndex(isTaken: (index: number) => boolean, length = STATUS_LIST_LENGTH): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const index = randomInt(length);
    if (!isTaken(index)) return index;
  }
  // A nearly full list: walk from a random start so the answer stays unpredictable.
  const start = randomInt(length);
  for (let step = 0; step < length; step++) {
    const index = (start + step) % length;
    if (!isTaken(index)) return index;
  }
  throw new StatusListFullError('every index of this status list is taken');
}

export interface BitstringStatusListEntryDocument {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` of a credential whose status is bit `index` of the list at `statusListCredential`. */
export function statusListEntry(options: {
  statusListCredential: string;
  index: number;
  statusPurpose?: StatusPurpose;
}): BitstringStatusListEntryDocument {
  if (!Number.isSafeInteger(options.index) || options.index < 0) throw new RangeError('a status list index is a non-negative integer');
  return {
    id: `${options.statusListCredential}#${options.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: options.statusPurpose ?? 'revocation',
    statusListIndex: String(options.index),
    statusListCredential: options.statusListCredential,
  };
}

export interface BitstringStatusListCredentialDocument {
  '@context': [typeof CONTEXT_URLS.credentialsV2];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

/** The unsigned status list credential (sign it with `signCredential`, the issuer's key). */
export function buildStatusListCredential(options: {
  id: string;
  issuerDid: string;
  encodedList: string;
  validFrom: string | Date;
  statusPurpose?: StatusPurpose;
}): BitstringStatusListCredentialDocument {
  return {
    '@context': [CONTEXT_URLS.credentialsV2],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuerDid,
    validFrom: new Date(options.validFrom).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${options.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose ?? 'revocation',
      encodedList: options.encodedList,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * Whether bit `index` is set in a status list credential: a `BitstringStatusListCredential`
 * (multibase-encoded list) or a StatusList2021 `StatusList2021Credential` (plain base64url).
 * Reads the list only; the caller verifies the list credential's proof.
 */
export async function statusListBit(statusListCredential: unknown, index: number, statusPurpose?: string): Promise<boolean> {
  if (!isObject(statusListCredential)) throw new StatusListError('the status list credential is not a JSON object');
  const types = asArray(statusListCredential.type);
  const subject = statusListCredential.credentialSubject;
  if (!isObject(subject) || typeof subject.encodedList !== 'string') throw new StatusListError('the status list credential has no encodedList');
  if (statusPurpose !== undefined && subject.statusPurpose !== statusPurpose) {
    throw new StatusListError(`the status list is for "${String(subject.statusPurpose)}", not "${statusPurpose}"`);
  }
  let bits: { length: number; get(index: number): boolean };
  try {
    if (types.includes('BitstringStatusListCredential') && subject.type === 'BitstringStatusList') {
      const list = await decodeStatusList(subject.encodedList);
      bits = { length: list.length, get: (position) => list.getStatus(position) };
    } else if (types.includes('StatusList2021Credential') && subject.type === 'StatusList2021') {
      bits = new Bitstring({ buffer: await Bitstring.decodeBits({ encoded: subject.encodedList }) });
    } else {
      throw new StatusListError('not a BitstringStatusListCredential or StatusList2021Credential');
    }
  } catch (error) {
    if (error instanceof StatusListError) throw error;
    throw new StatusListError(`the encoded status list does not decode: ${(error as Error).message}`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length) {
    throw new StatusListError(`status list index ${index} is outside the list (${bits.length} entries)`);
  }
  return bits.get(index);
}

export type CredentialStatusCheck =
  | { checked: true; revoked: boolean; suspended: boolean }
  | { checked: false; reason: string };

const ENTRY_TYPES = new Set(['BitstringStatusListEntry', 'StatusList2021Entry']);

function issuerId(credential: Record<string, unknown>): unknown {
  return isObject(credential.issuer) ? credential.issuer.id : credential.issuer;
}

/**
 * Reads a credential's status lists: each list credential is loaded through the loader (which may
 * fetch exactly that URL), must come from the credential's own issuer and pass
 * `verifyStatusListCredential` (which answers the reasons it fails, or none).
 */
export async function checkCredentialStatus(
  credential: Record<string, unknown>,
  options: {
    documentLoader: CredentialDocumentLoader;
    verifyStatusListCredential: (statusListCredential: Record<string, unknown>) => Promise<string[]>;
  },
): Promise<CredentialStatusCheck> {
  const entries = asArray(credential.credentialStatus).filter(isObject);
  const readable = entries.filter(
    (entry) => typeof entry.type === 'string' && ENTRY_TYPES.has(entry.type) && (entry.statusPurpose === 'revocation' || entry.statusPurpose === 'suspension'),
  );
  if (readable.length === 0) return { checked: false, reason: 'no revocation or suspension status this verifier can read' };
  const result = { checked: true as const, revoked: false, suspended: false };
  for (const entry of readable) {
    const url = entry.statusListCredential;
    const index = typeof entry.statusListIndex === 'string' && /^\d{1,15}$/.test(entry.statusListIndex) ? Number(entry.statusListIndex) : NaN;
    if (typeof url !== 'string' || !Number.isSafeInteger(index)) return { checked: false, reason: 'the credential status entry is malformed' };
    let list: Record<string, unknown>;
    try {
      const { document } = await options.documentLoader.allowingRemote([url])(url);
      if (!isObject(document)) return { checked: false, reason: 'the status list credential is not a JSON object' };
      list = document;
    } catch (error) {
      return { checked: false, reason: `the status list could not be loaded: ${(error as Error).message}` };
    }
    if (list.id !== url) return { checked: false, reason: 'the status list credential names another URL' };
    if (issuerId(list) !== issuerId(credential)) return { checked: false, reason: 'the status list comes from another issuer' };
    const problems = await options.verifyStatusListCredential(list);
    if (problems.length > 0) return { checked: false, reason: `the status list credential does not verify: ${problems.join('; ')}` };
    try {
      if (await statusListBit(list, index, entry.statusPurpose as string)) {
        if (entry.statusPurpose === 'revocation') result.revoked = true;
        else result.suspended = true;
      }
    } catch (error) {
      return { checked: false, reason: (error as Error).message };
    }
  }
  return result;
}
