import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { buildCredential } from '../src/credentials/credential';
import { createDocumentLoader } from '../src/credentials/documentLoader';
import { IssuerSigningKey } from '../src/credentials/keys';
import { signCredential, verifyCredential } from '../src/credentials/proofs';
import {
  achievementCredentialValidator,
  DID,
  fakeWeb,
  fixtureJson,
  independentlyVerified,
  sampleCredential,
  sampleInput,
  SPEC_KEY,
} from './credentials-helpers';

type Json = Record<string, any>;

/** The spec's test credential, its issuer's controller document published where its key id points. */
function specVectorWeb(vector: Json) {
  const web = fakeWeb();
  const verificationMethod: string = (Array.isArray(vector.proof) ? vector.proof[0] : vector.proof).verificationMethod;
  const controller = verificationMethod.replace(/#.*$/, '');
  web.documents.set(controller, {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: controller,
    verificationMethod: [{ id: verificationMethod, type: 'Multikey', controller, publicKeyMultibase: SPEC_KEY.publicKeyMultibase }],
    assertionMethod: [verificationMethod],
  });
  return web;
}

async function specKey() {
  return IssuerSigningKey.fromSecretKeyMultibase('key-1', SPEC_KEY.publicKeyMultibase, SPEC_KEY.secretKeyMultibase);
}

describe("the spec's signed test credential (vector-signed.json)", () => {
  const vector = fixtureJson<Json>('vectors/vector-signed.json');

  it('re-signed with the published key pair and created time gives exactly its proofValue', async () => {
    const { proof, ...unsigned } = vector;
    const key = await specKey();
    // The vector's key id is the issuer URL + '#' + the public key, not a did:web key id.
    const signer = await key.signer('https://example.edu/issuers/565049');
    const signed = await signCredential(unsigned, { signer: { ...signer, id: proof.verificationMethod }, created: proof.created });
    expect(signed.proof).toEqual([proof]);
    expect(signed.proof[0].proofValue).toBe('z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr');
    expect(unsigned).not.toHaveProperty('proof');
  });

  it('verifies independently (RDFC-1.0 + SHA-256 + Ed25519 in node:crypto) and with @digitalbazaar/vc', async () => {
    expect(await independentlyVerified(vector, SPEC_KEY.publicKeyMultibase)).toBe(true);
    const result = await verifyCredential(vector, { documentLoader: specVectorWeb(vector).loader() });
    expect(result).toMatchObject({ verified: true, errors: [], expired: false });
  });

  it('fails both checks once its name is changed', async () => {
    const tampered = { ...structuredClone(vector), name: 'Teamwork Badge (gold)' };
    expect(await independentlyVerified(tampered, SPEC_KEY.publicKeyMultibase)).toBe(false);
    const result = await verifyCredential(tampered, { documentLoader: specVectorWeb(vector).loader() });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/invalid signature/i);
  });

  it('cannot be verified fully offline: its key is an https URL, and nothing is downloaded without a fetcher', async () => {
    const result = await verifyCredential(vector, { documentLoader: createDocumentLoader() });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/download/);
  });
});

describe('the other Open Badges 3.0 samples', () => {
  it('didkey-signed.json verifies offline: did:key resolves locally', async () => {
    const credential = fixtureJson<Json>('vectors/didkey-signed.json');
    const result = await verifyCredential(credential, { documentLoader: createDocumentLoader() });
    expect(result).toMatchObject({ verified: true, errors: [] });
    expect(await independentlyVerified(credential, SPEC_KEY.publicKeyMultibase)).toBe(true);
    const tampered = { ...credential, name: 'Other' };
    expect((await verifyCredential(tampered, { documentLoader: createDocumentLoader() })).verified).toBe(false);
  });

  it('dcpv-simple.json (1EdTech validator sample) verifies once its https key document is served, by both checks', async () => {
    const credential = fixtureJson<Json>('vectors/dcpv-simple.json');
    // Signed with the spec key; its key id https://example.com/issuers/876543#z6Mk… is not a DID,
    // so only a fetch of that URL can say whose key it is.
    expect(await independentlyVerified(credential, SPEC_KEY.publicKeyMultibase)).toBe(true);
    expect((await verifyCredential(credential, { documentLoader: createDocumentLoader() })).verified).toBe(false);
    const result = await verifyCredential(credential, { documentLoader: specVectorWeb(credential).loader() });
    expect(result).toMatchObject({ verified: true, errors: [] });
  });
});

describe('older Ed25519Signature2020 proofs (foreign badges)', () => {
  async function signed2020(issuer: (key: Ed25519VerificationKey2020) => string) {
    const key = await Ed25519VerificationKey2020.generate();
    const controller = issuer(key);
    key.controller = controller;
    key.id = controller.startsWith('did:key:') ? `${controller}#${key.publicKeyMultibase}` : `${controller}#key-1`;
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:0d6a3a8e-54a4-4c43-9c5e-2d7f1b3c4a51',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: controller, type: 'Profile', name: 'Foreign Academy' },
      issuanceDate: '2024-01-01T00:00:00Z',
      credentialSubject: {
        type: 'AchievementSubject',
        achievement: { id: 'https://foreign.example.org/a/1', type: 'Achievement', name: 'Forging', description: 'Forges.', criteria: { narrative: 'Forge.' } },
      },
    };
    const signed = await vc.issue({ credential, suite: new Ed25519Signature2020({ key }), documentLoader: createDocumentLoader() });
    return { key, signed: signed as Json };
  }

  it('verify for a did:key issuer, offline', async () => {
    const { signed } = await signed2020((key) => `did:key:${key.publicKeyMultibase}`);
    expect(signed.proof.type).toBe('Ed25519Signature2020');
    expect(await verifyCredential(signed, { documentLoader: createDocumentLoader() })).toMatchObject({ verified: true, errors: [] });
    const tampered = { ...signed, issuanceDate: '2023-01-01T00:00:00Z' };
    expect((await verifyCredential(tampered, { documentLoader: createDocumentLoader() })).verified).toBe(false);
  });

  it('verify for a did:web issuer whose DID document lists an Ed25519VerificationKey2020', async () => {
    const did = 'did:web:foreign.example.org';
    const { key, signed } = await signed2020(() => did);
    const web = fakeWeb();
    web.documents.set('https://foreign.example.org/.well-known/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [`${did}#key-1`],
    });
    expect(await verifyCredential(signed, { documentLoader: web.loader() })).toMatchObject({ verified: true, errors: [] });
  });
});

describe('BadgeLens credentials', () => {
  async function issuerWithKey(keyId = 'key-1') {
    const key = await IssuerSigningKey.generate(keyId);
    const web = fakeWeb();
    web.publishDid(DID, [key]);
    return { key, web };
  }

  it('sign as a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod, <did>#<keyId>) that both checks accept', async () => {
    const { key, web } = await issuerWithKey();
    const credential = sampleCredential();
    const signed = await signCredential(credential, { signer: await key.signer(DID), created: '2025-03-01T09:30:05Z' });
    expect(signed.proof).toEqual([
      {
        type: 'DataIntegrityProof',
        created: '2025-03-01T09:30:05Z',
        verificationMethod: `${DID}#key-1`,
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
      },
    ]);
    const { proof, ...rest } = signed;
    expect(rest).toEqual(credential);
    expect(await independentlyVerified(signed, key.publicKeyMultibase)).toBe(true);
    const result = await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false });
    expect(result).toEqual({ verified: true, errors: [], expired: false, notYetValid: false, status: null });
  });

  it('a changed name, recipient or date fails both checks', async () => {
    const { key, web } = await issuerWithKey();
    const signed = await signCredential(sampleCredential(), { signer: await key.signer(DID) });
    const changes: Array<(credential: Json) => void> = [
      (credential) => (credential.name = 'MIG Welding Level 3'),
      (credential) => (credential.credentialSubject.identifier[1].identityHash = 'Someone Else'),
      (credential) => (credential.validFrom = '2024-03-01T09:30:00Z'),
    ];
    for (const change of changes) {
      const tampered: Json = structuredClone(signed);
      change(tampered);
      expect(await independentlyVerified(tampered, key.publicKeyMultibase)).toBe(false);
      expect((await verifyCredential(tampered, { documentLoader: web.loader(), checkStatus: false })).verified).toBe(false);
    }
  });

  it('validate against the 1EdTech Open Badges 3.0 JSON Schema (draft 2019-09), with and without expiry', async () => {
    const validate = achievementCredentialValidator();
    const { key } = await issuerWithKey();
    for (const expires of ['2030-01-01T00:00:00Z', null]) {
      const signed = await signCredential(sampleCredential({ expires }), { signer: await key.signer(DID) });
      expect(validate(signed), JSON.stringify(validate.errors)).toBe(true);
    }
    // The schema can fail: the same credential without its proof array or with a bad achievementType does not pass.
    const signed: Json = await signCredential(sampleCredential(), { signer: await key.signer(DID) });
    expect(validate({ ...signed, proof: signed.proof[0] })).toBe(false);
    const wrongType = structuredClone(signed);
    wrongType.credentialSubject.achievement.achievementType = 'Trophy';
    expect(validate(wrongType)).toBe(false);
  });

  it('are refused when signed by a key the DID document does not list (withdrawn, or another issuer)', async () => {
    const { key, web } = await issuerWithKey();
    const signed = await signCredential(sampleCredential(), { signer: await key.signer(DID) });
    web.publishDid(DID, []);
    const withdrawn = await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false });
    expect(withdrawn.verified).toBe(false);
    expect(withdrawn.errors.join(' ')).toMatch(/key-1/);

    const stranger = await IssuerSigningKey.generate('key-1');
    web.publishDid(DID, [stranger]);
    expect((await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false })).verified).toBe(false);
  });

  it('keep verifying after a key rotation, while new ones are signed with the new key', async () => {
    const { key: first, web } = await issuerWithKey('key-1');
    const old = await signCredential(sampleCredential(), { signer: await first.signer(DID) });
    const second = await IssuerSigningKey.generate('key-2');
    web.publishDid(DID, [first, second]);
    const fresh = await signCredential(sampleCredential(), { signer: await second.signer(DID) });
    expect(fresh.proof[0].verificationMethod).toBe(`${DID}#key-2`);
    for (const credential of [old, fresh]) {
      expect((await verifyCredential(credential, { documentLoader: web.loader(), checkStatus: false })).verified).toBe(true);
    }
  });

  it('are refused when the issuer is another DID than the key controller', async () => {
    const { key, web } = await issuerWithKey();
    const input = sampleInput();
    const otherDid = 'did:web:elsewhere.example.org:issuers:x';
    const signed = await signCredential(buildCredential({ ...input, issuerDid: otherDid }), { signer: await key.signer(DID) });
    const result = await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/issuer/i);
  });

  it('report expiry and not-yet-valid apart from the signature', async () => {
    const { key, web } = await issuerWithKey();
    const signed = await signCredential(sampleCredential({ expires: '2026-01-01T00:00:00Z' }), { signer: await key.signer(DID) });
    const later = await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false, now: new Date('2027-01-01T00:00:00Z') });
    expect(later).toMatchObject({ verified: true, expired: true, notYetValid: false });
    const earlier = await verifyCredential(signed, { documentLoader: web.loader(), checkStatus: false, now: new Date('2020-01-01T00:00:00Z') });
    expect(earlier).toMatchObject({ verified: true, expired: false, notYetValid: true });
  });
});
