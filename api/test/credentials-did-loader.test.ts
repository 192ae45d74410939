import { describe, expect, it } from 'vitest';
import { bundledContextUrls, CONTEXT_URLS } from '../src/credentials/contexts';
import { buildDidDocument, didWebDocumentUrl, InvalidDidError, issuerDid } from '../src/credentials/didWeb';
import { createDocumentLoader } from '../src/credentials/documentLoader';
import { IssuerSigningKey } from '../src/credentials/keys';
import { DID, fakeWeb, SPEC_KEY } from './credentials-helpers';

describe('did:web names', () => {
  it.each([
    ['https://badges.example.org', 'abc', 'did:web:badges.example.org:issuers:abc', 'https://badges.example.org/issuers/abc/did.json'],
    ['http://localhost:8787', 'abc', 'did:web:localhost%3A8787:issuers:abc', 'https://localhost:8787/issuers/abc/did.json'],
    ['https://Example.ORG:8443/badge%20lens/v1', 'x_Y-z', 'did:web:example.org%3A8443:badge%20lens:v1:issuers:x_Y-z', 'https://example.org:8443/badge%20lens/v1/issuers/x_Y-z/did.json'],
  ])('PUBLIC_URL %s, issuer %s → %s, document at %s', (publicUrl, issuerId, did, documentUrl) => {
    expect(issuerDid(publicUrl, issuerId)).toBe(did);
    expect(didWebDocumentUrl(did)).toBe(documentUrl);
    expect(didWebDocumentUrl(`${did}#key-2`)).toBe(documentUrl);
  });

  it('a DID without a path has its document under /.well-known', () => {
    expect(didWebDocumentUrl('did:web:example.org')).toBe('https://example.org/.well-known/did.json');
  });

  it.each([
    'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    'did:web:',
    'did:web:example.org::issuers',
    'did:web:example.org:..:secret',
    'did:web:example.org:a%2Fb',
    'did:web:user%40evil.test%3Aexample.org',
    'did:web:example.org%2Fpath',
    'did:web:exa mple.org',
    'did:web:example.org:%E0%A4%A',
  ])('refuses %s', (did) => {
    expect(() => didWebDocumentUrl(did)).toThrow(InvalidDidError);
  });
});

describe('DID document', () => {
  it('lists every key given as a Multikey for assertionMethod', async () => {
    const one = await IssuerSigningKey.generate('key-1');
    const two = await IssuerSigningKey.generate('key-2');
    expect(buildDidDocument(DID, [one, two])).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID,
      verificationMethod: [
        { id: `${DID}#key-1`, type: 'Multikey', controller: DID, publicKeyMultibase: one.publicKeyMultibase },
        { id: `${DID}#key-2`, type: 'Multikey', controller: DID, publicKeyMultibase: two.publicKeyMultibase },
      ],
      assertionMethod: [`${DID}#key-1`, `${DID}#key-2`],
    });
    expect(JSON.stringify(buildDidDocument(DID, [one]))).not.toMatch(/secret|private/i);
  });

  it('leaves withdrawn keys out', async () => {
    const one = await IssuerSigningKey.generate('key-1');
    const two = await IssuerSigningKey.generate('key-2');
    const keys = [
      { keyId: one.keyId, publicKeyMultibase: one.publicKeyMultibase, withdrawnAt: '2025-05-01T00:00:00Z' },
      { keyId: two.keyId, publicKeyMultibase: two.publicKeyMultibase, withdrawnAt: null },
    ];
    const document = buildDidDocument(DID, keys);
    expect(document.verificationMethod.map((method) => method.id)).toEqual([`${DID}#key-2`]);
    expect(document.assertionMethod).toEqual([`${DID}#key-2`]);
    expect(buildDidDocument(DID, [keys[0]])).toMatchObject({ verificationMethod: [], assertionMethod: [] });
  });
});

describe('document loader', () => {
  it('serves every bundled context without a fetcher, and refuses any other URL', async () => {
    const web = fakeWeb();
    const loader = createDocumentLoader({ fetchJson: web.fetchJson });
    for (const url of bundledContextUrls()) {
      const { document, documentUrl } = await loader(url);
      expect(documentUrl).toBe(url);
      expect(document).toHaveProperty('@context');
    }
    expect(bundledContextUrls()).toEqual(expect.arrayContaining(Object.values(CONTEXT_URLS)));
    // Even with a fetcher at hand, an unknown context is an error, not a download.
    web.documents.set('https://example.org/context.json', { '@context': {} });
    await expect(loader('https://example.org/context.json')).rejects.toThrow(/never downloaded/);
    await expect(loader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json')).rejects.toThrow(/unknown document/);
    expect(web.fetched.size).toBe(0);
  });

  it('resolves did:key locally: the DID document and its key', async () => {
    const did = `did:key:${SPEC_KEY.publicKeyMultibase}`;
    const loader = createDocumentLoader();
    const { document } = await loader(did);
    expect(document).toMatchObject({ id: did, assertionMethod: [`${did}#${SPEC_KEY.publicKeyMultibase}`] });
    const key = (await loader(`${did}#${SPEC_KEY.publicKeyMultibase}`)).document;
    expect(key).toMatchObject({ type: 'Multikey', controller: did, publicKeyMultibase: SPEC_KEY.publicKeyMultibase });
  });

  it('resolves did:web through the injected fetcher, once per cache period, key by key', async () => {
    const web = fakeWeb();
    const key = await IssuerSigningKey.generate('key-1');
    web.publishDid(DID, [key]);
    const loader = web.loader();
    expect((await loader(DID)).document).toEqual(buildDidDocument(DID, [key]));
    expect((await loader(`${DID}#key-1`)).document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${DID}#key-1`,
      type: 'Multikey',
      controller: DID,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    await expect(loader(`${DID}#key-2`)).rejects.toThrow(/no verification method/);
    expect(web.fetched.get('https://badges.example.org/issuers/guild-1/did.json')).toBe(1);
    await expect(createDocumentLoader()(DID)).rejects.toThrow(/download/);
  });

  it('refuses a did:web document that names another DID or a key of another controller', async () => {
    const web = fakeWeb();
    const key = await IssuerSigningKey.generate('key-1');
    const other = 'did:web:evil.example:issuers:x';
    web.documents.set('https://badges.example.org/issuers/guild-1/did.json', buildDidDocument(other, [key]));
    await expect(web.loader()(DID)).rejects.toThrow(/names another DID/);
    const document = buildDidDocument(DID, [key]);
    document.verificationMethod[0].controller = other;
    web.documents.set('https://badges.example.org/issuers/guild-1/did.json', document);
    await expect(web.loader()(`${DID}#key-1`)).rejects.toThrow(/another controller/);
  });

  it('fetches a non-DID URL only when the caller allows exactly that URL, and forgets failures', async () => {
    const web = fakeWeb();
    const list = 'https://badges.example.org/issuers/guild-1/status/1';
    const loader = web.loader();
    await expect(loader(list)).rejects.toThrow(/unknown document/);
    await expect(loader.allowingRemote([list])(list)).rejects.toThrow(/404/);
    web.documents.set(list, { id: list });
    expect((await loader.allowingRemote([list])(list)).document).toEqual({ id: list });
    expect(web.fetched.get(list)).toBe(2);
    // http is never allowed, even when asked for.
    await expect(loader.allowingRemote(['http://badges.example.org/x'])('http://badges.example.org/x')).rejects.toThrow(/unknown document/);
  });
});
