// Open Badges 3.0 credentials served by a real listening server, checked as outside verifiers would:
// @digitalbazaar/vc with the library's own status check, resolving the server's did:web and status lists
// over HTTP; an independent RDFC-1.0 + Ed25519 check; the 1EdTech JSON Schema. On both engines.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { describe, expect, it } from 'vitest';
import { unbakeCredential } from '../src/credentials/bake';
import type { CredentialDocumentLoader } from '../src/credentials/documentLoader';
import { issuerDid } from '../src/credentials/didWeb';
import { verifyCredential } from '../src/credentials/proofs';
import { changeClaimState, setAssertionPublic } from '../src/db/assertions';
import { achievementCredentialValidator, independentlyVerified } from './credentials-helpers';
import { issueBadge, issuerWithBadgeClass, liveServersPerTest, type LiveServer } from './ob3-server';

type Json = Record<string, any>;

const live = liveServersPerTest();

/** @digitalbazaar/vc as any verifier would call it, with the Bitstring Status List library's check. */
function libraryVerify(credential: Json, loader: CredentialDocumentLoader) {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const documentLoader = loader.allowingRemote([credential.credentialStatus.statusListCredential]);
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: (options) => checkStatus({ ...options, suite, documentLoader, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true }),
  });
}

async function credentialOf(server: LiveServer, assertionId: string): Promise<{ text: string; credential: Json; response: Response }> {
  const response = await server.request(`/credentials/${assertionId}`);
  expect(response.status, await response.clone().text()).toBe(200);
  const text = await response.text();
  return { text, credential: JSON.parse(text) as Json, response };
}

/** The Multikey public key that the server's did:web document gives for the credential's verification method. */
async function publicKeyOf(server: LiveServer, credential: Json): Promise<string> {
  const method: string = credential.proof[0].verificationMethod;
  const did = method.replace(/#.*$/, '');
  const document = (await server.fetchJson(`${server.publicUrl}/${did.split(':').slice(3).join('/')}/did.json`)) as Json;
  return document.verificationMethod.find((entry: Json) => entry.id === method).publicKeyMultibase;
}

describe('GET /credentials/:id on a running server', () => {
  it('serves a signed OpenBadgeCredential that @digitalbazaar/vc (did:web over HTTP), the independent check and the JSON Schema accept', async () => {
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server, {
      alignment: [{ targetName: 'Welding framework: MIG', targetUrl: 'https://framework.example.test/mig', targetCode: 'W-12' }],
    });
    const id = await issueBadge(server, auth, badgeClassId, {
      evidence: 'https://portfolio.example.test/jordan',
      narrative: 'Passed the plate bend test.',
      expires: '2031-01-01T00:00:00Z',
    });
    const { text, credential, response } = await credentialOf(server, id);
    expect(response.headers.get('content-type')).toBe('application/vc');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');

    const did = issuerDid(server.publicUrl, issuer.id);
    expect(did).toMatch(/^did:web:127\.0\.0\.1%3A\d+:issuers:/);
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      id: `${server.publicUrl}/credentials/${id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: issuer.name, url: issuer.url },
      validUntil: '2031-01-01T00:00:00Z',
      name: 'MIG Welding Level 1',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: `${server.publicUrl}/badges/${badgeClassId}`, achievementType: 'Competency', criteria: { narrative: 'Pass a supervised plate bend test.' } },
        narrative: 'Passed the plate bend test.',
      },
      evidence: [{ id: 'https://portfolio.example.test/jordan', type: ['Evidence'] }],
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: `${server.publicUrl}/issuers/${issuer.id}/status/1`,
      },
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${did}#key-1` }],
    });
    // The recipient: a salted hash of the normalised email (the address itself appears nowhere) and the name.
    expect(credential.credentialSubject.identifier).toEqual([
      expect.objectContaining({ identityType: 'emailAddress', hashed: true, identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/) }),
      expect.objectContaining({ identityType: 'name', hashed: false, identityHash: 'Jordan Example' }),
    ]);
    expect(text.toLowerCase()).not.toContain('jordan.example@example.test');

    const result = await libraryVerify(credential, server.loader());
    expect(result.error, String(result.error)).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.statusResult?.results?.[0].status).toBe(false);
    expect(await independentlyVerified(credential, await publicKeyOf(server, credential))).toBe(true);
    const validate = achievementCredentialValidator();
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is signed once: every fetch gets the same bytes, proof time included', async () => {
    let clock = Date.parse('2026-02-01T10:00:00Z');
    const server = await live({ now: () => new Date((clock += 5000)) });
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    const first = await credentialOf(server, id);
    const second = await credentialOf(server, id);
    expect(second.text).toBe(first.text);
    expect(first.credential.proof[0].created).toMatch(/^2026-02-01T10:00:\d\dZ$/);
  });

  it('fails @digitalbazaar/vc and the independent check once its name is changed', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const { credential } = await credentialOf(server, await issueBadge(server, auth, badgeClassId));
    const tampered = { ...structuredClone(credential), name: 'MIG Welding Level 3' };
    const result = await libraryVerify(tampered, server.loader());
    expect(result.verified).toBe(false);
    expect(await independentlyVerified(tampered, await publicKeyOf(server, credential))).toBe(false);
    expect((await verifyCredential(tampered, { documentLoader: server.loader() })).verified).toBe(false);
  });

  it('reads as revoked on its status list as soon as the badge is revoked, and stays served', async () => {
    const server = await live();
    const { issuer, auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    const other = await issueBadge(server, auth, badgeClassId, { email: 'sam@example.test', name: 'Sam Example' });
    const { credential } = await credentialOf(server, id);
    const { credential: otherCredential } = await credentialOf(server, other);
    expect(credential.credentialStatus.statusListIndex).not.toBe(otherCredential.credentialStatus.statusListIndex);

    const listPath = `/issuers/${issuer.id}/status/1`;
    const before = await server.request(listPath);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toBe('application/vc');
    expect(before.headers.get('access-control-allow-origin')).toBe('*');
    expect(Number(/max-age=(\d+)/.exec(before.headers.get('cache-control') ?? '')?.[1])).toBeLessThanOrEqual(300);
    const beforeText = await before.text();
    // Signed once per state: the same list until something changes.
    expect(await (await server.request(listPath)).text()).toBe(beforeText);
    expect((await verifyCredential(credential, { documentLoader: server.loader() })).status).toEqual({ checked: true, revoked: false, suspended: false });

    const revoke = await server.request(`/api/v1/assertions/${id}/revoke`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'Issued in error' }) });
    expect(revoke.status).toBe(200);
    const after = await (await server.request(listPath)).text();
    expect(after).not.toBe(beforeText);
    // Fresh verifiers (no cached list): the library and the core read the bit.
    const result = await libraryVerify(credential, server.loader());
    expect(result.verified).toBe(true);
    expect(result.statusResult?.results?.[0].status).toBe(true);
    expect((await verifyCredential(credential, { documentLoader: server.loader() })).status).toEqual({ checked: true, revoked: true, suspended: false });
    expect((await verifyCredential(otherCredential, { documentLoader: server.loader() })).status).toEqual({ checked: true, revoked: false, suspended: false });
    // Still served, unchanged.
    expect((await credentialOf(server, id)).credential).toEqual(credential);
    const validate = achievementCredentialValidator();
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('every kind of badge', () => {
  it('gives credentials that the JSON Schema and @digitalbazaar/vc accept: each category, with and without expiry, evidence, narrative, skills, attribute', async () => {
    const server = await live();
    const validate = achievementCredentialValidator();
    const categories = ['knowledge', 'skill', 'certification', 'career', 'education', 'membership'] as const;
    // The level or years each category's badges carry, with the value issued (none for the first two).
    const attributes = [null, null, ['yearsActive', 'Years as CWI', 12], ['yearsExperience', 'Years in the trade', 1], ['level', 'Level', 'Advanced'], ['volunteer', 'Volunteer', true]] as const;
    const achievementTypes: string[] = [];
    const results: unknown[] = [];
    for (const [n, category] of categories.entries()) {
      const attribute = attributes[n];
      const { auth, badgeClassId } = await issuerWithBadgeClass(server, {
        category,
        name: `Badge ${n} — “${category}” <b>&</b>`,
        skills: n % 2 ? [] : ['Rigging', 'Crane signals'],
        validityMonths: n === 3 ? 24 : undefined,
        ...(attribute ? { attribute: { kind: attribute[0], label: attribute[1] } } : {}),
      });
      const id = await issueBadge(server, auth, badgeClassId, {
        name: n % 2 ? 'Zoë Ørsted-Łukasz' : 'Kim Example',
        ...(n % 3 === 0 ? { evidence: `https://evidence.example.test/${n}`, narrative: 'Did it **well**.' } : {}),
        ...(n === 5 ? { expires: '2040-06-30T12:00:00Z' } : {}),
        ...(attribute ? { attribute: attribute[2] } : {}),
      });
      const { credential } = await credentialOf(server, id);
      expect(validate(credential), `${category}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const result = await libraryVerify(credential, server.loader());
      expect(result.verified, `${category}: ${String(result.error)}`).toBe(true);
      achievementTypes.push(credential.credentialSubject.achievement.achievementType);
      const description = credential.credentialSubject.achievement.resultDescription?.[0];
      results.push(description && [description.name, description.resultType, credential.credentialSubject.result[0].value, credential.credentialSubject.result[0].resultDescription === description.id]);
    }
    expect(achievementTypes).toEqual(['Assessment', 'Competency', 'Certification', 'Award', 'CertificateOfCompletion', 'Membership']);
    expect(results).toEqual([
      undefined,
      undefined,
      ['Years as CWI', 'ext:YearsActive', '12', true],
      ['Years in the trade', 'ext:YearsExperience', '1', true],
      ['Level', 'ext:Level', 'Advanced', true],
      ['Volunteer', 'ext:Volunteer', 'true', true],
    ]);
  });
});

describe('GET /credentials/:id negotiation and visibility', () => {
  it('answers application/vc by default, application/ld+json when asked for only that, and sends browsers to the badge page', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    const { text } = await credentialOf(server, id);
    const typeFor = async (accept: string | null) => {
      const response = await server.request(`/credentials/${id}`, { headers: accept === null ? {} : { Accept: accept } });
      return { status: response.status, type: response.headers.get('content-type'), location: response.headers.get('location'), vary: response.headers.get('vary'), body: await response.text() };
    };
    for (const accept of [null, '*/*', 'application/vc', 'application/json', 'application/vc, application/ld+json']) {
      expect(await typeFor(accept), String(accept)).toMatchObject({ status: 200, type: 'application/vc', body: text });
    }
    for (const accept of ['application/ld+json', 'application/ld+json, */*;q=0.1']) {
      expect(await typeFor(accept), accept).toMatchObject({ status: 200, type: 'application/ld+json', body: text });
    }
    const browser = await typeFor('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(browser).toMatchObject({ status: 303, location: `${server.publicUrl}/assertions/${id}` });
    expect((await typeFor('*/*')).vary).toMatch(/Accept/);
    const download = await server.request(`/credentials/${id}.json`, { headers: { Accept: 'text/html' } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="mig-welding-level-1-open-badges-3\.json"$/);
    expect(await download.text()).toBe(text);
  });

  it('exists for pending and accepted public badges, not for declined, private or unknown ones', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const pending = await issueBadge(server, auth, badgeClassId);
    const declined = await issueBadge(server, auth, badgeClassId);
    const hidden = await issueBadge(server, auth, badgeClassId);
    await changeClaimState(server.db, declined, 'declined', 'api');
    await changeClaimState(server.db, hidden, 'accepted', 'api');
    await setAssertionPublic(server.db, hidden, false);
    expect((await server.request(`/credentials/${pending}`)).status).toBe(200);
    for (const id of [declined, hidden, 'a'.repeat(24), '..%2F..%2Fetc', 'x'.repeat(65)]) {
      const response = await server.request(`/credentials/${id}`);
      expect(response.status, id).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    expect((await server.request(`/credentials/${declined}`, { headers: { Accept: 'text/html' } })).status).toBe(404);
    expect((await server.request(`/credentials/${declined}/baked.png`)).status).toBe(404);
  });

  it('bakes exactly the served credential into PNG and SVG', async () => {
    const server = await live();
    const { auth, badgeClassId } = await issuerWithBadgeClass(server);
    const id = await issueBadge(server, auth, badgeClassId);
    const { text } = await credentialOf(server, id);
    for (const [path, type] of [['baked.png', 'image/png'], ['baked.svg', 'image/svg+xml']] as const) {
      const response = await server.request(`/credentials/${id}/${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(unbakeCredential(new Uint8Array(await response.arrayBuffer()))).toEqual({ format: 'json', json: text });
    }
    const svg = await (await server.request(`/credentials/${id}/baked.svg`)).text();
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(svg).toContain('<openbadges:credential><![CDATA[');
  });
});

describe('did:web documents', () => {
  it("list the issuer's keys as Multikeys for assertionMethod, readable from any origin", async () => {
    const server = await live();
    const { issuer } = await issuerWithBadgeClass(server);
    const response = await server.request(`/issuers/${issuer.id}/did.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toBe('application/did+ld+json');
    const did = issuerDid(server.publicUrl, issuer.id);
    const document = (await response.json()) as Json;
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: expect.stringMatching(/^z6Mk/) }],
      assertionMethod: [`${did}#key-1`],
    });
    // The same key on every fetch (made once, stored).
    expect(await (await server.request(`/issuers/${issuer.id}/did.json`)).json()).toEqual(document);
    expect((await server.request('/issuers/nobody/did.json')).status).toBe(404);
    expect((await server.request(`/issuers/${issuer.id}/status/1`)).status).toBe(404);
    for (const listId of ['0', 'x', '01', '1.5']) expect((await server.request(`/issuers/${issuer.id}/status/${listId}`)).status, listId).toBe(404);
  });
});
