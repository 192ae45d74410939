import { Bitstring } from '@digitalbazaar/bitstring';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IssuerSigningKey } from '../src/credentials/keys';
import { signCredential, verifyCredential } from '../src/credentials/proofs';
import {
  buildStatusListCredential,
  createStatusList,
  decodeStatusList,
  pickStatusListIndex,
  STATUS_LIST_LENGTH,
  StatusListError,
  StatusListFullError,
  statusListBit,
  statusListEntry,
} from '../src/credentials/statusList';
import { DID, fakeWeb, ISSUER_ID, sampleCredential, SPEC_KEY, urls } from './credentials-helpers';

/** Bit `index` of an encodedList read without the library: multibase "u", base64url, GZIP, first bit = most significant. */
function bitOf(encodedList: string, index: number): boolean {
  expect(encodedList[0]).toBe('u');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return ((bytes[index >> 3] >> (7 - (index % 8))) & 1) === 1;
}

describe('status lists', () => {
  it('hold at least 131,072 entries', () => {
    expect(STATUS_LIST_LENGTH).toBe(131_072);
    expect(createStatusList().length).toBe(131_072);
    expect(() => createStatusList(1024)).toThrow(RangeError);
  });

  it('encode as GZIP + multibase base64url that an independent reader decodes bit for bit', async () => {
    const list = createStatusList();
    for (const index of [0, 7, 8, 4242, 131_071]) list.setStatus(index, true);
    const encodedList = await list.encode();
    expect(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'))).toHaveLength(131_072 / 8);
    for (const index of [0, 7, 8, 4242, 131_071]) expect(bitOf(encodedList, index)).toBe(true);
    for (const index of [1, 6, 9, 4241, 4243, 131_070]) expect(bitOf(encodedList, index)).toBe(false);
    const decoded = await decodeStatusList(encodedList);
    expect(decoded.getStatus(4242)).toBe(true);
    expect(decoded.getStatus(4243)).toBe(false);
  });

  it('give random, unused indexes, never in issuing order', () => {
    const taken = new Set<number>();
    const picked: number[] = [];
    for (let i = 0; i < 200; i++) {
      const index = pickStatusListIndex((candidate) => taken.has(candidate));
      expect(taken.has(index)).toBe(false);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(STATUS_LIST_LENGTH);
      taken.add(index);
      picked.push(index);
    }
    const ascendingSteps = picked.slice(1).filter((index, i) => index === picked[i] + 1).length;
    expect(ascendingSteps).toBeLessThan(5);
    expect(Math.max(...picked) - Math.min(...picked)).toBeGreaterThan(STATUS_LIST_LENGTH / 2);
  });

  it('find the last free index of a nearly full list, and say when it is full', () => {
    expect(pickStatusListIndex((index) => index !== 99_999)).toBe(99_999);
    expect(() => pickStatusListIndex(() => true)).toThrow(StatusListFullError);
  });

  it("give a credential a BitstringStatusListEntry pointing into its issuer's list", () => {
    const url = urls.statusList(ISSUER_ID, '1');
    expect(url).toBe('https://badges.example.org/issuers/guild-1/status/1');
    expect(statusListEntry({ statusListCredential: url, index: 93_211 })).toEqual({
      id: `${url}#93211`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '93211',
      statusListCredential: url,
    });
  });
});

describe('status list credentials', () => {
  const listUrl = urls.statusList(ISSUER_ID, '1');

  async function publishedList(key: IssuerSigningKey, revoked: number[], web = fakeWeb(), issuer = DID) {
    const list = createStatusList();
    for (const index of revoked) list.setStatus(index, true);
    const unsigned = buildStatusListCredential({ id: listUrl, issuerDid: issuer, encodedList: await list.encode(), validFrom: '2025-03-01T00:00:00.000Z' });
    const signed = await signCredential(unsigned, { signer: await key.signer(issuer) });
    web.documents.set(listUrl, signed);
    return { web, signed };
  }

  it('are BitstringStatusListCredentials of the same DID, signed, that read back the bits set', async () => {
    const key = await IssuerSigningKey.generate('key-1');
    const { web, signed } = await publishedList(key, [4242]);
    web.publishDid(DID, [key]);
    expect(signed).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: DID,
      validFrom: '2025-03-01T00:00:00Z',
      credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: `${DID}#key-1` }],
    });
    expect((await verifyCredential(signed, { documentLoader: web.loader() })).verified).toBe(true);
    expect(await statusListBit(signed, 4242)).toBe(true);
    expect(await statusListBit(signed, 4243, 'revocation')).toBe(false);
    await expect(statusListBit(signed, 4242, 'suspension')).rejects.toThrow(StatusListError);
    await expect(statusListBit(signed, STATUS_LIST_LENGTH)).rejects.toThrow(/outside the list/);
  });

  it('tell a verifier a credential is revoked once its bit is set, and not before', async () => {
    const key = await IssuerSigningKey.generate('key-1');
    const credential = await signCredential(sampleCredential({ statusIndex: 4242 }), { signer: await key.signer(DID) });
    const { web } = await publishedList(key, [17]);
    web.publishDid(DID, [key]);
    expect((await verifyCredential(credential, { documentLoader: web.loader() })).status).toEqual({ checked: true, revoked: false, suspended: false });
    await publishedList(key, [17, 4242], web);
    const afterRevocation = await verifyCredential(credential, { documentLoader: web.loader() });
    expect(afterRevocation).toMatchObject({ verified: true, status: { checked: true, revoked: true } });
  });

  it('are not believed when altered, signed by another issuer, or missing', async () => {
    const key = await IssuerSigningKey.generate('key-1');
    const credential = await signCredential(sampleCredential({ statusIndex: 4242 }), { signer: await key.signer(DID) });
    const { web, signed } = await publishedList(key, [4242]);
    web.publishDid(DID, [key]);

    const altered = structuredClone(signed);
    altered.credentialSubject.encodedList = (await buildUnrevokedList()).credentialSubject.encodedList;
    web.documents.set(listUrl, altered);
    const forged = await verifyCredential(credential, { documentLoader: web.loader() });
    expect(forged.status).toMatchObject({ checked: false, reason: expect.stringMatching(/does not verify/) });

    const otherDid = 'did:web:elsewhere.example.org:issuers:x';
    const stranger = await IssuerSigningKey.generate('key-1');
    web.publishDid(otherDid, [stranger]);
    await publishedList(stranger, [], web, otherDid);
    expect((await verifyCredential(credential, { documentLoader: web.loader() })).status).toMatchObject({
      checked: false,
      reason: expect.stringMatching(/another issuer/),
    });

    web.documents.delete(listUrl);
    const missing = await verifyCredential(credential, { documentLoader: web.loader() });
    expect(missing).toMatchObject({ verified: true, status: { checked: false, reason: expect.stringMatching(/could not be loaded/) } });
  });

  async function buildUnrevokedList() {
    return buildStatusListCredential({ id: listUrl, issuerDid: DID, encodedList: await createStatusList().encode(), validFrom: new Date() });
  }
});

describe('StatusList2021 (older foreign badges)', () => {
  const did = `did:key:${SPEC_KEY.publicKeyMultibase}`;
  const verificationMethod = `${did}#${SPEC_KEY.publicKeyMultibase}`;
  const listUrl = 'https://foreign.example.org/status/2021/3';

  async function signed<T extends object>(document: T) {
    const key = await IssuerSigningKey.fromSecretKeyMultibase('key-1', SPEC_KEY.publicKeyMultibase, SPEC_KEY.secretKeyMultibase);
    return signCredential(document, { signer: { ...(await key.signer(did)), id: verificationMethod } });
  }

  async function statusList2021(revoked: number[]) {
    const bits = new Bitstring({ length: 16 * 1024 * 8 });
    for (const index of revoked) bits.set(index, true);
    return signed({
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: listUrl,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: did,
      issuanceDate: '2024-01-01T00:00:00Z',
      credentialSubject: { id: `${listUrl}#list`, type: 'StatusList2021', statusPurpose: 'revocation', encodedList: await bits.encodeBits() },
    });
  }

  it('are read: bit set or not', async () => {
    const list = await statusList2021([77]);
    expect(list.credentialSubject.encodedList).not.toMatch(/^u/);
    expect(await statusListBit(list, 77)).toBe(true);
    expect(await statusListBit(list, 78)).toBe(false);
  });

  it("are checked for a VC 1.1 credential's StatusList2021Entry", async () => {
    const credential = await signed({
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: 'urn:uuid:4f0a3c1e-2b9d-4e55-8a1a-0c5f7d3b9e21',
      type: ['VerifiableCredential'],
      issuer: did,
      issuanceDate: '2024-02-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder' },
      credentialStatus: {
        id: `${listUrl}#77`,
        type: 'StatusList2021Entry',
        statusPurpose: 'revocation',
        statusListIndex: '77',
        statusListCredential: listUrl,
      },
    });
    const web = fakeWeb();
    web.documents.set(listUrl, await statusList2021([77]));
    expect(await verifyCredential(credential, { documentLoader: web.loader() })).toMatchObject({
      verified: true,
      status: { checked: true, revoked: true },
    });
    web.documents.set(listUrl, await statusList2021([]));
    expect((await verifyCredential(credential, { documentLoader: web.loader() })).status).toEqual({ checked: true, revoked: false, suspended: false });
  });
});
