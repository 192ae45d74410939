// POST /api/v1/verify for signed badges (Open Badges 3.0: Data Integrity proofs with did:key and
// did:web keys, status lists, VC-JWT) and for inline credentials, alone and mixed with URLs.
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyCredentialResultSchema, verifyResultSchema, type VerifyCredentialResult } from '../../shared/schemas/verify';
import { exportJWK, generateKeyPair } from 'jose';
import { IssuerSigningKey } from '../src/credentials/keys';
import { postVerifyBody } from './helpers';
import {
  didKeyIssuer,
  didKeyJwtIssuer,
  didWebIssuer,
  hostedBadge,
  jwksIssuer,
  jwtCredential,
  publishStatusList,
  signedCredential,
  signJwt,
  unsignedCredential,
  type CredentialIssuer,
} from './verify-fixture-badges';
import { fixtureWebPerTest, foreignApp } from './verify-fixture-web';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DID_HOST = 'did.guild.test';
const GUILD = 'https://badges.guild.test';

const web = fixtureWebPerTest();

async function postBody(body: unknown) {
  return postVerifyBody((await foreignApp(web(), { now: () => NOW })).app, body);
}

async function verifyCredentials(credentials: unknown[]): Promise<VerifyCredentialResult[]> {
  return (await postBody({ credentials })).map((result) => verifyCredentialResultSchema.parse(result));
}

async function verifyCredential(credential: unknown): Promise<VerifyCredentialResult> {
  const [result] = await verifyCredentials([credential]);
  expect(result.credential).toBe(0);
  return result;
}

describe('Open Badges 3.0 credentials with Data Integrity proofs', () => {
  let webIssuer: CredentialIssuer;
  beforeEach(async () => {
    webIssuer = await didWebIssuer(web(), DID_HOST);
    await publishStatusList(web(), webIssuer, [13]);
  });

  it('verifies a did:web() credential handed in: proof, DID document fetched, status list bit unset', async () => {
    const result = await verifyCredential(await signedCredential(webIssuer));
    expect(result).toMatchObject({ status: 'valid', source: { platform: 'openbadges', format: 'ob3', checkedUrl: null } });
    expect(result.badge).toMatchObject({
      assertionId: `https://${DID_HOST}/credentials/Cr3dent1al0ne000`,
      pageUrl: `https://${DID_HOST}/credentials/Cr3dent1al0ne000`,
      name: 'TIG Welding Level 3',
      category: 'certification',
      recipientName: 'Rosa Example',
      issuer: { id: webIssuer.did, name: 'Guild of Fixture Welders', url: 'https://guild.example/', domain: DID_HOST },
      issuedOn: '2025-03-01T09:00:00.000Z',
      expires: '2029-03-01T09:00:00.000Z',
      revocationReason: null,
    });
    expect(web().count(`https://${DID_HOST}/issuers/guild/did.json`)).toBe(1);
    expect(web().count(`https://${DID_HOST}/status/1`)).toBe(1);
  });

  it('verifies a credential served at a URL (application/vc)', async () => {
    const credential = await signedCredential(webIssuer);
    web().json(credential.id, credential, { contentType: 'application/vc' });
    const [result] = (await postBody({ urls: [`${credential.id}?utm_source=x`] })).map((r) => verifyResultSchema.parse(r));
    expect(result).toMatchObject({ status: 'valid', source: { platform: 'openbadges', format: 'ob3', checkedUrl: credential.id } });
  });

  it('is revoked when its bit is set in the status list', async () => {
    const result = await verifyCredential(await signedCredential(webIssuer, { statusIndex: 13 }));
    expect(result).toMatchObject({ status: 'revoked', badge: { revocationReason: 'Revoked by its issuer' } });
  });

  it('is expired after validUntil, invalid before validFrom', async () => {
    const [expired, early] = await verifyCredentials([
      await signedCredential(webIssuer, { assertionId: 'Exp1red0000000000', validFrom: '2024-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }),
      await signedCredential(webIssuer, { assertionId: 'Ear1y000000000000', validFrom: '2026-09-01T00:00:00Z', validUntil: null }),
    ]);
    expect(expired).toMatchObject({ status: 'expired', badge: { expires: '2026-01-01T00:00:00.000Z' } });
    expect(early.status).toBe('invalid');
    expect(early.reason).toMatch(/not valid before 2026-09-01/);
  });

  it('is invalid when its name was changed after signing', async () => {
    const credential = await signedCredential(webIssuer);
    credential.credentialSubject.achievement.name = 'TIG Welding Master';
    const result = await verifyCredential(credential);
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(/proof does not verify/);
    expect(result.badge).toBeUndefined();
  });

  it('is invalid when signed by a key the issuer did not publish, or without a proof', async () => {
    // Same DID and key id, another private key.
    const impostor = await IssuerSigningKey.generate('key-1');
    const forged = await signedCredential({ ...webIssuer, signer: await impostor.signer(webIssuer.did) });
    const [wrongKey, unsigned] = await verifyCredentials([forged, unsignedCredential(webIssuer)]);
    expect(wrongKey.status).toBe('invalid');
    expect(unsigned).toMatchObject({ status: 'invalid', reason: 'it carries no proof' });
  });

  it("is unverifiable when the issuer's DID document or status list cannot be fetched", async () => {
    const silentIssuer = await didWebIssuer(web(), 'down.guild.test');
    web().text(`https://down.guild.test/issuers/guild/did.json`, 'busy', { status: 503 });
    const listless = await didWebIssuer(web(), 'nolist.guild.test');
    web().text('https://nolist.guild.test/status/1', 'busy', { status: 502 });
    const [noDid, noList] = await verifyCredentials([await signedCredential(silentIssuer), await signedCredential(listless)]);
    expect(noDid.status).toBe('unverifiable');
    expect(noDid.reason).toMatch(/down\.guild\.test answered HTTP 503/);
    expect(noList.status).toBe('unverifiable');
    expect(noList.reason).toMatch(/revocation status could not be checked/);
  });

  it('is unverifiable when it uses a context this server does not have, and unsupported when it is no badge', async () => {
    const credential = await signedCredential(webIssuer);
    const [unknownContext, notABadge] = await verifyCredentials([
      { ...credential, '@context': [...credential['@context'], 'https://contexts.elsewhere.test/v9.json'] },
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], id: 'urn:x', issuer: 'did:example:1', credentialSubject: { id: 'did:example:2' } },
    ]);
    expect(unknownContext.status).toBe('unverifiable');
    expect(unknownContext.reason).toMatch(/context this server does not have/);
    expect(notABadge.status).toBe('unsupported');
    // The unknown context was never fetched.
    expect(web().requests.some((request) => request.includes('contexts.elsewhere.test'))).toBe(false);
  });

  it('verifies a did:key credential with no fetch for the key; its issuer has no proven domain', async () => {
    const keyIssuer = await didKeyIssuer();
    await publishStatusList(web(), keyIssuer, [1]);
    const result = await verifyCredential(await signedCredential(keyIssuer));
    expect(result).toMatchObject({ status: 'valid', badge: { issuer: { id: keyIssuer.did, domain: null } } });
    expect(web().requests).toEqual(['lists.keyholder.test /status/1']);
  });

  it('refuses a status list signed by someone else', async () => {
    const keyIssuer = await didKeyIssuer('https://lists.keyholder.test');
    const other = await didKeyIssuer('https://lists.keyholder.test');
    await publishStatusList(web(), other, []);
    const result = await verifyCredential(await signedCredential(keyIssuer));
    expect(result.status).toBe('unverifiable');
    expect(result.reason).toMatch(/another issuer/);
  });
});

describe('VC-JWT credentials', () => {
  it('verifies one signed with a did:key (kid a DID URL)', async () => {
    const issuer = await didKeyJwtIssuer();
    const result = await verifyCredential(await signJwt(issuer, jwtCredential(issuer.id)));
    expect(result).toMatchObject({
      status: 'valid',
      source: { format: 'ob3', checkedUrl: null },
      badge: { assertionId: 'urn:uuid:2f0a3c1e-7d4b-4c8a-9e6f-5b1d2a3c4e5f', pageUrl: null, name: 'Crane Signalling', category: 'skill', recipientName: 'Rosa Example', issuer: { id: issuer.id, domain: null } },
    });
  });

  it('verifies a VC 1.1 JWT (the credential in its vc claim, iss, nbf, exp and jti beside it)', async () => {
    const issuer = await didKeyJwtIssuer();
    const { id, issuer: _issuer, validFrom: _validFrom, ...rest } = jwtCredential(issuer.id);
    const claims = { iss: issuer.id, jti: id, nbf: Date.parse('2025-03-01T09:00:00Z') / 1000, exp: Date.parse('2030-01-01T00:00:00Z') / 1000, vc: rest };
    const result = await verifyCredential(await signJwt(issuer, claims));
    expect(result).toMatchObject({ status: 'valid', badge: { assertionId: id, issuedOn: '2025-03-01T09:00:00.000Z', expires: '2030-01-01T00:00:00.000Z', issuer: { id: issuer.id } } });
  });

  it('verifies one signed with a did:web() key named by its kid', async () => {
    const webIssuer = await didWebIssuer(web(), 'jwt.guild.test');
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(publicKey);
    const did = webIssuer.did;
    web().json(`https://jwt.guild.test/issuers/guild/did.json`, {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#jwt-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
      assertionMethod: [`${did}#jwt-1`],
    }, { contentType: 'application/did+json' });
    const issuer = { id: did, kid: `${did}#jwt-1`, privateKey, publicJwk: jwk };
    const result = await verifyCredential(await signJwt(issuer, jwtCredential(did)));
    expect(result).toMatchObject({ status: 'valid', badge: { issuer: { domain: 'jwt.guild.test' } } });
  });

  it("verifies one by an https issuer with its JWK Set, the domain being the issuer's host", async () => {
    const issuer = await jwksIssuer(web(), 'https://harbour.training.test');
    const result = await verifyCredential(await signJwt(issuer, jwtCredential(issuer.id)));
    expect(result).toMatchObject({ status: 'valid', badge: { issuer: { domain: 'harbour.training.test' } } });
  });

  it('is invalid when the payload was changed, when another key signed it, or when its key names another DID', async () => {
    const issuer = await didKeyJwtIssuer();
    const other = await didKeyJwtIssuer();
    const jwt = await signJwt(issuer, jwtCredential(issuer.id));
    const [header, , signature] = jwt.split('.');
    const tamperedPayload = Buffer.from(JSON.stringify(jwtCredential(issuer.id, { name: 'Crane Master' }))).toString('base64url');
    const results = await verifyCredentials([
      `${header}.${tamperedPayload}.${signature}`,
      await signJwt({ ...other, id: issuer.id, kid: `${issuer.kid}` }, jwtCredential(issuer.id)),
      await signJwt(other, jwtCredential(issuer.id)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(results[0].reason).toMatch(/signature does not verify/);
    expect(results[2].reason).toMatch(/another DID/);
  });

  it('is expired after validUntil, and invalid when unreadable', async () => {
    const issuer = await didKeyJwtIssuer();
    const [expired, garbage] = await verifyCredentials([
      await signJwt(issuer, jwtCredential(issuer.id, { validUntil: '2026-01-01T00:00:00Z' })),
      'eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln',
    ]);
    expect(expired.status).toBe('expired');
    expect(garbage.status).toBe('invalid');
  });
});

describe('inline Open Badges 2.0 assertions', () => {
  function guildBadge(id: string) {
    return hostedBadge(web(), { assertionUrl: `${GUILD}/assertions/${id}`, badgeUrl: `${GUILD}/badges/pipe-2`, issuerUrl: `${GUILD}/issuers/guild` });
  }

  it('verifies an assertion object by the one hosted at its id', async () => {
    const badge = guildBadge('inline1');
    const result = await verifyCredential(badge.assertion);
    expect(result).toMatchObject({ status: 'valid', source: { format: 'ob2-hosted', checkedUrl: badge.assertionUrl }, badge: { pageUrl: badge.assertionUrl } });
  });

  it('is invalid when the object says other than the hosted assertion (a tampered name, recipient or date)', async () => {
    const badge = guildBadge('inline2');
    const results = await verifyCredentials([
      { ...badge.assertion, badge: { ...badge.badgeClass, name: 'Pipe Welding Master' } },
      { ...badge.assertion, recipient: { type: 'email', hashed: true, identity: `sha256$${'0'.repeat(64)}` } },
      { ...badge.assertion, issuedOn: '2020-01-01T00:00:00Z' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(results.map((r) => r.reason)).toEqual([
      'the assertion given differs from the one its issuer hosts (badge name)',
      'the assertion given differs from the one its issuer hosts (recipient)',
      'the assertion given differs from the one its issuer hosts (issue date)',
    ]);
  });

  it('is invalid without a URL id, and not_found when its issuer no longer hosts it', async () => {
    const badge = guildBadge('inline3');
    const [noId, gone] = await verifyCredentials([{ ...badge.assertion, id: 'urn:uuid:1' }, { ...badge.assertion, id: `${GUILD}/assertions/deleted` }]);
    expect(noId.status).toBe('invalid');
    expect(gone.status).toBe('not_found');
  });
});

describe('mixed batches', () => {
  it('answers urls first, then credentials, each in order with its index', async () => {
    const webIssuer = await didWebIssuer(web(), DID_HOST);
    await publishStatusList(web(), webIssuer, []);
    const badge = hostedBadge(web(), { assertionUrl: `${GUILD}/assertions/m1`, badgeUrl: `${GUILD}/badges/pipe-2`, issuerUrl: `${GUILD}/issuers/guild` });
    const jwtIssuer = await didKeyJwtIssuer();
    const credential = await signedCredential(webIssuer);
    const results = await postBody({
      urls: [badge.assertionUrl, 'not a url', `${GUILD}/assertions/missing`],
      credentials: [credential, await signJwt(jwtIssuer, jwtCredential(jwtIssuer.id)), badge.assertion, { hello: 'world' }, credential],
    });
    expect(results.map((r) => ('url' in r ? ['url', r.url, r.status] : ['credential', r.credential, r.status]))).toEqual([
      ['url', badge.assertionUrl, 'valid'],
      ['url', 'not a url', 'unsupported'],
      ['url', `${GUILD}/assertions/missing`, 'not_found'],
      ['credential', 0, 'valid'],
      ['credential', 1, 'valid'],
      ['credential', 2, 'valid'],
      ['credential', 3, 'unsupported'],
      ['credential', 4, 'valid'],
    ]);
    // The same credential twice: verified once. Shared documents (badge class, issuer, status list): fetched once.
    expect(web().count(`https://${DID_HOST}/status/1`)).toBe(1);
    expect(web().count(badge.badgeUrl)).toBe(1);
    expect(web().count(badge.issuerUrl)).toBe(1);
  });
});
