// Trustless mode in the service worker: Open Badges 3.0 credentials signed in the test (the API
// tests' own fixtures, did:web and did:key issuers, Bitstring status lists) verified by the API's
// verifier code running here, with the documents read straight from hosts that allow CORS and
// through the relay from hosts that do not; what is never fetched from the browser, the limits,
// and the document cache.
import { beforeEach, describe, expect, test } from 'vitest';
import { didKeyIssuer, didWebIssuer, publishStatusList, signedCredential, type CredentialIssuer } from '../../api/test/verify-fixture-badges';
import { createFakeWeb, type FakeWeb } from '../test/fake-web';
import { acceptHeader, createDocumentFetcher, MAX_DOCUMENT_BYTES, MAX_SAFELISTED_ACCEPT, mayFetchDirectly } from './documents';
import { createTrustlessVerifier } from './trustless';

const API = 'https://badgelens.example';
const OPEN_HOST = 'issuer.example';
const CLOSED_HOST = 'closed.example';
const EXPIRED_HOST = 'expired.example';
const NOW = Date.parse('2026-05-01T10:00:00Z');

let fake: FakeWeb;

beforeEach(() => {
  fake = createFakeWeb({ apiBase: API, corsHosts: [OPEN_HOST, EXPIRED_HOST, 'stranger.example', 'lists.keyholder.test'] });
});

function trustless(clock: () => number = () => NOW) {
  const documents = createDocumentFetcher({ fetch: fake.fetch, apiBaseUrl: async () => API, now: clock });
  return { documents, verifier: createTrustlessVerifier({ documents, now: clock }) };
}

/** A did:web issuer on `host` with a signed credential published at its id, and its status list (bits `revoked` set). */
async function publishCredential(host: string, options: { statusIndex?: number; revoked?: number[]; assertionId?: string; validUntil?: string | null } = {}) {
  const issuer = await didWebIssuer(fake.web, host);
  const credential = await signedCredential(issuer, { statusIndex: options.statusIndex, assertionId: options.assertionId, validUntil: options.validUntil });
  fake.web.json(credential.id, credential, { contentType: 'application/vc' });
  await publishStatusList(fake.web, issuer, options.revoked ?? []);
  return { issuer, credential, url: credential.id };
}

describe('checking a credential in the browser', () => {
  test('a valid credential of a host that allows CORS: verified here, nothing relayed', async () => {
    const { url, issuer } = await publishCredential(OPEN_HOST);
    const result = await trustless().verifier.verify(url, API);
    expect(result).toMatchObject({
      url,
      status: 'valid',
      source: { platform: 'openbadges', format: 'ob3', checkedUrl: url },
      badge: { name: 'TIG Welding Level 3', recipientName: 'Rosa Example', issuer: { id: issuer.did, name: 'Guild of Fixture Welders', domain: OPEN_HOST } },
      checkedAt: new Date(NOW).toISOString(),
    });
    expect(fake.requests).toEqual([url, `https://${OPEN_HOST}/issuers/guild/did.json`, `https://${OPEN_HOST}/status/1`]);
    expect(fake.relayed).toEqual([]);
    // Short enough to be CORS-safelisted: no preflight, which hosts serving plain files do not answer.
    for (const accept of fake.accepts) expect(accept.length).toBeLessThanOrEqual(MAX_SAFELISTED_ACCEPT);
    expect(fake.accepts[1]).toMatch(/^application\/ld\+json, application\/json, .*application\/did\+json/);
  });

  test('revoked by its status list, expired, not yet valid', async () => {
    const revoked = await publishCredential(OPEN_HOST, { statusIndex: 7, revoked: [7] });
    expect(await trustless().verifier.verify(revoked.url, API)).toMatchObject({ status: 'revoked', badge: { revocationReason: 'Revoked by its issuer' } });
    const expired = await publishCredential(EXPIRED_HOST, { validUntil: '2026-01-01T00:00:00.000Z' });
    expect(await trustless().verifier.verify(expired.url, API)).toMatchObject({ status: 'expired', badge: { expires: '2026-01-01T00:00:00.000Z' } });
    const early = trustless(() => Date.parse('2024-01-01T00:00:00Z'));
    expect(await early.verifier.verify(expired.url, API)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/not valid before 2025-03-01/) });
  });

  test('a tampered credential or one signed by another key is invalid', async () => {
    const { url, credential } = await publishCredential(OPEN_HOST);
    fake.web.json(url, { ...credential, credentialSubject: { ...credential.credentialSubject, achievement: { ...credential.credentialSubject.achievement, name: 'Master Welder' } } }, { contentType: 'application/vc' });
    const tampered = await trustless().verifier.verify(url, API);
    expect(tampered).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/proof does not verify/) });
    expect(tampered?.badge).toBeUndefined();

    const stranger = await didWebIssuer(fake.web, 'stranger.example');
    const forged = await signedCredential({ ...stranger, did: `did:web:${OPEN_HOST}:issuers:guild` } satisfies CredentialIssuer);
    fake.web.json(url, forged, { contentType: 'application/vc' });
    expect(await trustless().verifier.verify(url, API)).toMatchObject({ status: 'invalid' });
  });

  test('a did:key issuer is checked without any key fetch; it proves no domain', async () => {
    const issuer = await didKeyIssuer('https://lists.keyholder.test');
    const credential = await signedCredential({ ...issuer, base: 'https://lists.keyholder.test' });
    fake.web.json(credential.id, credential, { contentType: 'application/vc' });
    await publishStatusList(fake.web, issuer, []);
    const result = await trustless().verifier.verify(credential.id, API);
    expect(result).toMatchObject({ status: 'valid', badge: { issuer: { domain: null } } });
    expect(fake.requests).toEqual([credential.id, 'https://lists.keyholder.test/status/1']);
  });

  test('a host without CORS is read through the relay: still checked here', async () => {
    const { url } = await publishCredential(CLOSED_HOST);
    const result = await trustless().verifier.verify(url, API);
    expect(result).toMatchObject({ status: 'valid', source: { checkedUrl: url } });
    expect(fake.relayed).toEqual([url, `https://${CLOSED_HOST}/issuers/guild/did.json`, `https://${CLOSED_HOST}/status/1`]);
  });

  test('leaves to the API what is not a credential, or cannot be read from here', async () => {
    fake.web.json(`https://${OPEN_HOST}/credentials/ob2`, { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: `https://${OPEN_HOST}/credentials/ob2` });
    fake.web.text(`https://${OPEN_HOST}/credentials/page`, '<html><head><link rel="alternate" type="application/ld+json" href="/x"></head></html>');
    fake.web.text(`https://${OPEN_HOST}/credentials/broken`, '{"@context": [', { contentType: 'application/vc' });
    const { verifier } = trustless();
    for (const path of ['ob2', 'page', 'broken', 'missing']) expect(await verifier.verify(`https://${OPEN_HOST}/credentials/${path}`, API), path).toBeNull();
    // A host without CORS while the API (its relay) is down.
    const { url } = await publishCredential(CLOSED_HOST);
    fake.setApiDown(true);
    expect(await verifier.verify(url, API)).toBeNull();
  });

  test('a key or status list that cannot be read makes the result unverifiable, not invalid', async () => {
    const { url } = await publishCredential(OPEN_HOST);
    fake.web.text(`https://${OPEN_HOST}/status/1`, 'down', { status: 503, contentType: 'text/plain' });
    expect(await trustless().verifier.verify(url, API)).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/status could not be checked.*HTTP 503/) });
    fake.web.text(`https://${OPEN_HOST}/issuers/guild/did.json`, 'down', { status: 500, contentType: 'text/plain' });
    expect(await trustless().verifier.verify(url, API)).toMatchObject({ status: 'unverifiable', reason: expect.stringMatching(/HTTP 500/) });
  });
});

describe('what the browser fetches itself', () => {
  test('the Accept header keeps the most wanted types within the CORS-safelisted length', () => {
    expect(acceptHeader(['application/ld+json', 'application/json'])).toBe('application/ld+json, application/json');
    const many = Array.from({ length: 12 }, (_, index) => `application/type-${index}+json`);
    const header = acceptHeader(many);
    expect(header.length).toBeLessThanOrEqual(MAX_SAFELISTED_ACCEPT);
    expect(header.startsWith('application/type-0+json, application/type-1+json')).toBe(true);
  });

  test('https URLs of named public hosts, and the configured server; never addresses or local names', () => {
    expect(mayFetchDirectly('https://issuer.example/credentials/1', API)).toBe(true);
    expect(mayFetchDirectly('http://localhost:8787/credentials/1', 'http://localhost:8787')).toBe(true);
    for (const url of [
      'http://issuer.example/credentials/1',
      'https://127.0.0.1/credentials/1',
      'https://10.0.0.5/x',
      'https://[::1]/x',
      'https://0x7f000001/x',
      'https://2130706433/x',
      'https://localhost/x',
      'https://printer.local/x',
      'https://wiki.corp.internal/x',
      'https://router/x',
      'https://user:pw@issuer.example/x',
      'ftp://issuer.example/x',
      'not a url',
    ]) {
      expect(mayFetchDirectly(url, API), url).toBe(false);
    }
  });

  test('a document on an address or local name goes through the relay (which checks addresses), never straight there', async () => {
    const { documents } = trustless();
    await documents.fetch('https://10.0.0.5/status/1', ['application/vc']);
    await documents.fetch('http://plain.example/status/1', ['application/vc']);
    expect(fake.requests).toEqual([]);
    expect(fake.relayed).toEqual(['https://10.0.0.5/status/1']);
  });

  test('a redirect to a place it would not fetch is refused', async () => {
    fake.web.redirect(`https://${OPEN_HOST}/credentials/moved`, 'https://192.168.1.1/credentials/moved');
    const answer = await trustless().documents.fetch(`https://${OPEN_HOST}/credentials/moved`, ['application/vc']);
    expect(answer).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/redirects to an address that is not checked/) });
  });

  test(`at most ${MAX_DOCUMENT_BYTES / 1024} KB, JSON, VC and DID media types only`, async () => {
    fake.web.text(`https://${OPEN_HOST}/big`, `"${'x'.repeat(MAX_DOCUMENT_BYTES)}"`, { contentType: 'application/json' });
    fake.web.text(`https://${OPEN_HOST}/script`, 'alert(1)', { contentType: 'text/javascript' });
    const { documents } = trustless();
    expect(await documents.fetch(`https://${OPEN_HOST}/big`, ['application/json'])).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/size limit/) });
    expect(await documents.fetch(`https://${OPEN_HOST}/script`, ['application/json'])).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/not answer with a badge document/) });
  });

  test('an issuer’s DID document and status list are read once for its credentials; clearing forgets them', async () => {
    const first = await publishCredential(OPEN_HOST, { assertionId: 'F1rstCredent1al0' });
    const second = await signedCredential(first.issuer, { assertionId: 'Sec0ndCredent1al', statusIndex: 9 });
    fake.web.json(second.id, second, { contentType: 'application/vc' });
    const { verifier } = trustless();
    const [one, two] = await Promise.all([verifier.verify(first.url, API), verifier.verify(second.id, API)]);
    expect([one?.status, two?.status]).toEqual(['valid', 'valid']);
    const didUrl = `https://${OPEN_HOST}/issuers/guild/did.json`;
    expect(fake.requests.filter((url) => url === didUrl)).toHaveLength(1);
    expect(fake.requests.filter((url) => url.endsWith('/status/1'))).toHaveLength(1);
    verifier.clear();
    await verifier.verify(first.url, API);
    expect(fake.requests.filter((url) => url === didUrl)).toHaveLength(2);
  });

  test('kept documents age: a revocation shows once the kept status list is old', async () => {
    let clock = NOW;
    const { url, issuer } = await publishCredential(OPEN_HOST, { statusIndex: 7 });
    const { verifier } = trustless(() => clock);
    expect((await verifier.verify(url, API))?.status).toBe('valid');
    await publishStatusList(fake.web, issuer, [7]);
    expect((await verifier.verify(url, API))?.status).toBe('valid'); // the list read a moment ago
    clock += 3 * 60_000;
    expect((await verifier.verify(url, API))?.status).toBe('revoked');
  });
});
