import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { createFakeApi, type FakeApi } from '../test/fake-api';
import { createMessageListener } from './content-messages';
import { requestVerification } from '../content/messaging';
import { CACHE_TTL_MS, createVerifier, type CacheSnapshot, type CacheStore, type ImageSnapshot } from './verifier';

let api: FakeApi;
let clock: number;
let stored: unknown;
let storedImages: unknown;
const store: CacheStore = {
  load: async () => stored,
  save: async (snapshot: CacheSnapshot) => {
    stored = structuredClone(snapshot);
  },
};
const imageStore: CacheStore<ImageSnapshot> = {
  load: async () => storedImages,
  save: async (snapshot) => {
    storedImages = structuredClone(snapshot);
  },
};

function verifier(options: { timeoutMs?: number } = {}) {
  return createVerifier({ fetch: api.fetch, apiBaseUrl: async () => api.base, cacheStore: store, imageStore, now: () => clock, batchDelayMs: 5, ...options });
}

beforeEach(() => {
  fakeBrowser.reset();
  api = createFakeApi();
  clock = Date.parse('2026-05-01T10:00:00Z');
  stored = undefined;
  storedImages = undefined;
});

describe('verify', () => {
  test('batches concurrent requests from several tabs into one API call, answers each in order', async () => {
    const v = verifier();
    const [first, second] = await Promise.all([
      v.verify([api.urls.VALID, api.urls.REVOKED]),
      v.verify([api.urls.REVOKED, api.urls.EXPIRED, api.urls.NOT_FOUND]),
    ]);
    expect(api.verifyCalls).toEqual([[api.urls.VALID, api.urls.REVOKED, api.urls.EXPIRED, api.urls.NOT_FOUND]]);
    expect(first.ok && first.results.map((r) => r.status)).toEqual(['valid', 'revoked']);
    expect(second.ok && second.results.map((r) => r.status)).toEqual(['revoked', 'expired', 'not_found']);
  });

  test('splits more than 100 URLs into several calls', async () => {
    const v = verifier();
    const urls = Array.from({ length: 130 }, (_, i) => `${api.base}/assertions/other${i}`);
    const reply = await v.verify(urls);
    expect(api.verifyCalls.map((call) => call.length)).toEqual([100, 30]);
    expect(reply.ok && reply.results).toHaveLength(130);
  });

  test('never sends URLs of other sites: they are unsupported without asking', async () => {
    const v = verifier();
    const reply = await v.verify(['https://credentials.example.org/badges/1', api.urls.VALID]);
    expect(api.verifyCalls).toEqual([[api.urls.VALID]]);
    expect(reply.ok && reply.results.map((r) => r.status)).toEqual(['unsupported', 'valid']);
  });

  test('caches for a few minutes, so a revocation shows within the cache time', async () => {
    const v = verifier();
    const first = await v.verify([api.urls.VALID]);
    expect(first.ok && first.freshUntil).toBe(clock + CACHE_TTL_MS);
    api.revoke('VALID');
    clock += 1_000;
    const cached = await v.verify([api.urls.VALID]);
    expect(cached.ok && cached.results[0].status).toBe('valid');
    // A content script may reuse it until the background would ask the API again, not longer.
    expect(cached.ok && cached.freshUntil).toBe(clock - 1_000 + CACHE_TTL_MS);
    expect(api.verifyCalls).toHaveLength(1);
    clock += CACHE_TTL_MS - 1_000;
    const later = await v.verify([api.urls.VALID]);
    expect(later.ok && later.results[0].status).toBe('revoked');
    expect(api.verifyCalls).toHaveLength(2);
  });

  test('fresh skips the cache (Retry)', async () => {
    const v = verifier();
    await v.verify([api.urls.VALID]);
    api.revoke('VALID');
    const fresh = await v.verify([api.urls.VALID], { fresh: true });
    expect(fresh.ok && fresh.results[0].status).toBe('revoked');
  });

  test('the cache survives a service-worker restart through the session store', async () => {
    await verifier().verify([api.urls.VALID]);
    const restarted = verifier();
    const reply = await restarted.verify([api.urls.VALID]);
    expect(reply.ok && reply.results[0].status).toBe('valid');
    expect(api.verifyCalls).toHaveLength(1);
  });

  test('a stale or malformed session store is ignored', async () => {
    stored = { [api.urls.VALID]: { result: { url: api.urls.VALID, status: 'valid' }, storedAt: clock } };
    await verifier().verify([api.urls.VALID]);
    expect(api.verifyCalls).toHaveLength(1);
  });

  test('failures are reported, not cached', async () => {
    api.setMode('down');
    expect(await verifier().verify([api.urls.VALID])).toEqual({ ok: false, error: 'unreachable' });
    api.setMode('malformed');
    expect(await verifier().verify([api.urls.VALID])).toEqual({ ok: false, error: 'bad_response' });
    api.setMode('slow');
    expect(await verifier({ timeoutMs: 50 }).verify([api.urls.VALID])).toEqual({ ok: false, error: 'timeout' });
    api.setMode('ok');
    const v = verifier();
    expect((await v.verify([api.urls.VALID])).ok).toBe(true);
  });

  test('an answer that does not match the question is rejected', async () => {
    const shuffled = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const { urls } = JSON.parse(String(init?.body)) as { urls: string[] };
      return Response.json({ results: urls.reverse().map((url) => ({ url, status: 'not_found', checkedAt: new Date().toISOString() })) });
    };
    const v = createVerifier({ fetch: shuffled, apiBaseUrl: async () => api.base, batchDelayMs: 1 });
    expect(await v.verify([api.urls.VALID, api.urls.EXPIRED])).toEqual({ ok: false, error: 'bad_response' });
    const badgeless = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const { urls } = JSON.parse(String(init?.body)) as { urls: string[] };
      return Response.json({ results: urls.map((url) => ({ url, status: 'valid', checkedAt: new Date().toISOString() })) });
    };
    const w = createVerifier({ fetch: badgeless, apiBaseUrl: async () => api.base, batchDelayMs: 1 });
    expect(await w.verify([api.urls.VALID])).toEqual({ ok: false, error: 'bad_response' });
    // A result for an inline credential is no answer to a URL.
    const credentialResult = async () => Response.json({ results: [{ credential: 0, status: 'not_found', checkedAt: new Date().toISOString() }] });
    const c = createVerifier({ fetch: credentialResult, apiBaseUrl: async () => api.base, batchDelayMs: 1 });
    expect(await c.verify([api.urls.VALID])).toEqual({ ok: false, error: 'bad_response' });
  });

  test('takes the statuses of other sites\' badges: invalid and unverifiable with a reason, revoked without details', async () => {
    const statuses = ['invalid', 'unverifiable', 'revoked'] as const;
    const foreign = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const { urls } = JSON.parse(String(init?.body)) as { urls: string[] };
      return Response.json({
        results: urls.map((url, i) => ({ url, status: statuses[i], reason: 'its proof does not verify', source: { platform: 'credly', format: null, checkedUrl: null }, checkedAt: new Date().toISOString() })),
      });
    };
    const v = createVerifier({ fetch: foreign, apiBaseUrl: async () => api.base, batchDelayMs: 1 });
    const reply = await v.verify([api.urls.VALID, api.urls.EXPIRED, api.urls.REVOKED]);
    expect(reply.ok && reply.results.map((result) => [result.status, result.reason])).toEqual([
      ['invalid', 'its proof does not verify'],
      ['unverifiable', 'its proof does not verify'],
      ['revoked', 'its proof does not verify'],
    ]);
  });
});

describe('image', () => {
  test('returns the API’s image as a data: URL, and only the API’s', async () => {
    const v = verifier();
    const reply = await v.image(`${api.urls.VALID}/image`);
    expect(reply.ok && reply.dataUrl).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(await v.image('https://evil.example/tracker.png')).toEqual({ ok: false });
    expect(await v.image(`${api.base}/not-an-image`)).toEqual({ ok: false });
    expect(api.otherCalls).toEqual([`${api.urls.VALID}/image`, `${api.base}/not-an-image`]);
    // The API's own answers are kept for the cache time, the image and the refusal alike.
    expect((await v.image(`${api.urls.VALID}/image`)).ok).toBe(true);
    expect(await v.image(`${api.base}/not-an-image`)).toEqual({ ok: false });
    expect(api.otherCalls).toHaveLength(2);
    clock += CACHE_TTL_MS;
    await v.image(`${api.base}/not-an-image`);
    expect(api.otherCalls).toHaveLength(3);
  });

  test('fetched once as the results arrive, before the content script asks; failing to reach the API is tried again', async () => {
    const v = verifier();
    await v.verify([api.urls.VALID, api.urls.NOT_FOUND]);
    await vi.waitFor(() => expect(api.otherCalls).toEqual([`${api.urls.VALID}/image`]));
    const [first, second] = await Promise.all([v.image(`${api.urls.VALID}/image`), v.image(`${api.urls.VALID}/image`)]);
    expect(first.ok && second.ok).toBe(true);
    expect(api.otherCalls).toHaveLength(1);
    api.setMode('down');
    expect(await v.image(`${api.urls.EXPIRED}/image`)).toEqual({ ok: false });
    api.setMode('ok');
    expect((await v.image(`${api.urls.EXPIRED}/image`)).ok).toBe(true);
  });

  test('a repeat visit after a service-worker restart, within the cache time, asks the API nothing', async () => {
    const v = verifier();
    await v.verify([api.urls.VALID]);
    await v.image(`${api.urls.VALID}/image`);
    await vi.waitFor(() => expect(Object.keys(storedImages ?? {})).toEqual([`${api.urls.VALID}/image`]));
    const calls = api.verifyCalls.length + api.otherCalls.length;

    const restarted = verifier();
    expect((await restarted.verify([api.urls.VALID])).ok).toBe(true);
    expect((await restarted.image(`${api.urls.VALID}/image`)).ok).toBe(true);
    expect(api.verifyCalls.length + api.otherCalls.length).toBe(calls);

    clock += CACHE_TTL_MS; // stored images age with the results
    const imageCalls = api.otherCalls.length;
    await verifier().image(`${api.urls.VALID}/image`);
    expect(api.otherCalls).toHaveLength(imageCalls + 1);
  });

  test('stored images that are not badge images are ignored; clearing forgets them', async () => {
    storedImages = { [`${api.urls.VALID}/image`]: { dataUrl: 'javascript:alert(1)', storedAt: clock } };
    const v = verifier();
    expect((await v.image(`${api.urls.VALID}/image`)).ok).toBe(true);
    expect(api.otherCalls).toHaveLength(1);
    await v.clear();
    expect(storedImages).toEqual({});
    await v.image(`${api.urls.VALID}/image`);
    expect(api.otherCalls).toHaveLength(2);
  });
});

describe('messages between content script and background', () => {
  test('a content script gets validated answers through runtime messaging', async () => {
    browser.runtime.onMessage.addListener(createMessageListener(verifier()));
    const reply = await requestVerification([api.urls.MISMATCH]);
    expect(reply.ok && reply.results[0].badge?.recipientName).toBe('Daniel Whitford');
  });

  test('malformed messages get a clear refusal, foreign messages no answer', async () => {
    const listener = createMessageListener(verifier());
    expect(await listener({ type: 'verify-badges', urls: [] }, {})).toEqual({ ok: false, error: 'bad_request' });
    expect(await listener({ type: 'verify-badges', urls: ['javascript:alert(1)'] }, {})).toEqual({ ok: false, error: 'bad_request' });
    expect(listener({ type: 'something-else' }, {})).toBeUndefined();
    expect(api.verifyCalls).toHaveLength(0);
  });

  test('Chrome style: the answer goes through sendResponse and the channel stays open', async () => {
    const listener = createMessageListener(verifier());
    const answer = new Promise((resolve) => expect(listener({ type: 'verify-badges', urls: [api.urls.VALID] }, {}, resolve)).toBe(true));
    expect(await answer).toMatchObject({ ok: true, results: [{ status: 'valid' }] });
  });

  test('a content script takes a reply that is none (no listener, an older background) as a failure', async () => {
    expect(await requestVerification([api.urls.VALID])).toEqual({ ok: false, error: 'unreachable' });
    browser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, verdicts: [] }));
    expect(await requestVerification([api.urls.VALID])).toEqual({ ok: false, error: 'bad_response' });
  });
});
