// Shared pieces of the Open Badges 3.0 credential tests: the copied reference data, a sample
// credential input, and an in-memory "web" that answers the document loader's fetches.
import { createHash, createPublicKey, verify as verifyEd25519 } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { expect } from 'vitest';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { buildCredential, type CredentialInput } from '../src/credentials/credential';
import { buildDidDocument, didWebDocumentUrl, issuerDid } from '../src/credentials/didWeb';
import { createDocumentLoader } from '../src/credentials/documentLoader';
import { hashRecipient } from '../src/lib/crypto';
import { statusListEntry } from '../src/credentials/statusList';
import { credentialUrls } from '../src/credentials/urls';
import type { IssuerSigningKey } from '../src/credentials/keys';

const FIXTURES = new URL('./fixtures/openbadges/', import.meta.url);

export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(path, FIXTURES));
}

export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixtureBytes(path).toString('utf8')) as T;
}

/** The spec's published test key pair (Open Badges 3.0 implementation guide, linked-data-proof-ob). */
export const SPEC_KEY = {
  publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  secretKeyMultibase: 'zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx',
};

export const PUBLIC_URL = 'https://badges.example.org';
export const ISSUER_ID = 'guild-1';
export const DID = issuerDid(PUBLIC_URL, ISSUER_ID);
export const urls = credentialUrls(PUBLIC_URL);

export function sampleInput(overrides: { statusIndex?: number; expires?: string | null; assertionId?: string } = {}): CredentialInput {
  const salt = 'c2FsdC1mb3ItdGVzdHM';
  return {
    assertion: {
      id: overrides.assertionId ?? 'a1b2c3d4e5f6a7b8c9d0e1f2',
      recipientName: 'Jordan Example',
      recipientSalt: salt,
      recipientHash: hashRecipient('  Jordan.Example@Example.TEST ', salt),
      issuedOn: '2025-03-01T09:30:00.000Z',
      expires: overrides.expires === undefined ? '2030-03-01T09:30:00.000Z' : overrides.expires,
      evidenceUrl: 'https://portfolio.example.test/jordan/weld-test',
      narrative: 'Passed the plate bend test at the first attempt.',
    },
    badgeClass: {
      id: 'badge-mig',
      name: 'MIG Welding Level 1',
      description: 'Lays sound fillet welds with the MIG process in flat and horizontal positions.',
      category: 'skill',
      criteriaNarrative: 'Pass a supervised **plate bend test**.',
      skills: ['MIG welding', 'Weld inspection'],
      alignment: [{ targetName: 'Welding framework: MIG', targetUrl: 'https://framework.example.test/mig', targetCode: 'W-12' }],
    },
    issuer: { id: ISSUER_ID, name: 'Guild of Test Welders', url: 'https://welders.example.test' },
    issuerDid: DID,
    urls,
    status: statusListEntry({ statusListCredential: urls.statusList(ISSUER_ID, '1'), index: overrides.statusIndex ?? 4242 }),
  };
}

export function sampleCredential(overrides?: Parameters<typeof sampleInput>[0]) {
  return buildCredential(sampleInput(overrides));
}

/**
 * Documents served by URL to the document loader, as the API's fetcher would; `fetched` counts
 * requests per URL.
 */
export function fakeWeb() {
  const documents = new Map<string, unknown>();
  const fetched = new Map<string, number>();
  const fetchJson = async (url: string) => {
    fetched.set(url, (fetched.get(url) ?? 0) + 1);
    if (!documents.has(url)) throw new Error(`404 ${url}`);
    return structuredClone(documents.get(url));
  };
  return {
    documents,
    fetched,
    fetchJson,
    loader: () => createDocumentLoader({ fetchJson }),
    publishDid(did: string, keys: readonly IssuerSigningKey[]) {
      documents.set(didWebDocumentUrl(did), buildDidDocument(did, keys));
    },
  };
}

export function achievementCredentialValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(fixtureJson('schemas/achievementcredential.json'));
}

type Json = Record<string, any>;

// --- An independent eddsa-rdfc-2022 check: jsonld only turns JSON-LD into N-Quads; the
// canonicalisation is rdf-canonize (RDFC-1.0), hashing and Ed25519 are node:crypto. ---

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Buffer {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) throw new Error(`not base58: ${char}`);
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  const zeros = text.match(/^1*/)![0].length;
  return Buffer.from([...new Array(zeros).fill(0), ...bytes]);
}

/** The raw 32-byte Ed25519 key of a Multikey `publicKeyMultibase` (z + base58btc of 0xed 0x01 + key). */
function ed25519PublicKey(publicKeyMultibase: string) {
  const bytes = base58Decode(publicKeyMultibase.slice(1));
  expect([...bytes.subarray(0, 2)]).toEqual([0xed, 0x01]);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(2).toString('base64url') }, format: 'jwk' });
}

async function canonical(document: object): Promise<string> {
  const nquads = await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: createDocumentLoader(), safe: true });
  return rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The eddsa-rdfc-2022 verification steps, done by hand: true when the Ed25519 signature holds. */
export async function independentlyVerified(credential: Json, publicKeyMultibase: string): Promise<boolean> {
  const { proof: proofs, ...unsecured } = credential;
  const proof = Array.isArray(proofs) ? proofs[0] : proofs;
  expect(proof.cryptosuite).toBe('eddsa-rdfc-2022');
  const { proofValue, ...proofOptions } = proof;
  const proofConfig = { '@context': credential['@context'], ...proofOptions };
  const hashData = Buffer.concat([sha256(await canonical(proofConfig)), sha256(await canonical(unsecured))]);
  expect(proofValue[0]).toBe('z');
  return verifyEd25519(null, hashData, ed25519PublicKey(publicKeyMultibase), base58Decode(proofValue.slice(1)));
}

