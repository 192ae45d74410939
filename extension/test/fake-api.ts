// A stand-in for the BadgeLens API at the network edge of the happy-dom tests: answers
// POST /api/v1/verify by the contract in DESIGN.md §3 and serves badge images.
// The real API is exercised by the real-browser test in e2e/.
import type { VerifyResult, VerifiedBadge } from '../../shared/schemas/verify';
import { PEOPLE, type BadgeSlot, type BadgeUrls } from './linkedin-fixtures';

export const FAKE_API_BASE = 'http://localhost:8787';
const PNG_1PX = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

type Mode = 'ok' | 'down' | 'malformed' | 'slow';

export function createFakeApi(base = FAKE_API_BASE) {
  const ids: Record<BadgeSlot, string> = {
    VALID: 'q7Vt2mXk9LpR4sWd',
    EXPIRED: 'e3Hn8cZb1YqT6uJf',
    REVOKED: 'r5Kw0aGd7NxM2vBe',
    MISMATCH: 'm9Pc4tLs3HyQ8rDa',
    NOT_FOUND: 'n0tF0undN0tF0und',
    SECOND_VALID: 's2Lb6wEr5TgU1iOp',
  };
  const urls = Object.fromEntries(Object.entries(ids).map(([slot, id]) => [slot, `${base}/assertions/${id}`])) as BadgeUrls;
  const verifyCalls: string[][] = [];
  const otherCalls: string[] = [];
  let mode: Mode = 'ok';
  const revoked = new Set<BadgeSlot>(['REVOKED']);

  function badgeFor(slot: BadgeSlot): VerifiedBadge {
    const id = ids[slot];
    return {
      assertionId: id,
      pageUrl: `${base}/assertions/${id}`,
      name: `Demo badge ${slot.toLowerCase()}`,
      description: 'A badge for the tests.',
      category: 'certification',
      imageUrl: `${base}/assertions/${id}/image`,
      issuer: { id: `${base}/issuers/iss1`, name: 'North Sea Welding Institute', url: 'https://nswi.example.org', imageUrl: null, domain: new URL(base).host },
      recipientName: slot === 'SECOND_VALID' ? PEOPLE.recipients.SECOND_VALID : PEOPLE.recipients[slot as keyof typeof PEOPLE.recipients] ?? 'Amara Okafor',
      issuedOn: '2025-03-01T00:00:00Z',
      expires: slot === 'EXPIRED' ? '2024-02-01T00:00:00Z' : null,
      revocationReason: revoked.has(slot) ? 'Issued in error: exam not passed' : null,
    };
  }

  function resultFor(url: string): VerifyResult {
    const checkedAt = new Date().toISOString();
    const slot = (Object.keys(ids) as BadgeSlot[]).find((candidate) => url.split('?')[0].replace(/\/$/, '') === urls[candidate]);
    if (!slot) return { url, status: 'unsupported', checkedAt };
    if (slot === 'NOT_FOUND') return { url, status: 'not_found', checkedAt };
    const status = revoked.has(slot) ? 'revoked' : slot === 'EXPIRED' ? 'expired' : 'valid';
    return { url, status, badge: badgeFor(slot), checkedAt };
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (url.pathname === '/api/v1/verify' && init?.method === 'POST') {
      const { urls: asked } = JSON.parse(String(init.body)) as { urls: string[] };
      verifyCalls.push(asked);
      if (mode === 'slow') await new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      if (mode === 'malformed') {
        return Response.json({ results: asked.map((asked) => ({ url: asked, status: 'valid', badge: { name: 42 }, checkedAt: 'yesterday' })) });
      }
      return Response.json({ results: asked.map(resultFor) });
    }
    otherCalls.push(url.href);
    if (/^\/assertions\/[^/]+\/image$/.test(url.pathname)) {
      return new Response(PNG_1PX, { headers: { 'content-type': 'image/png' } });
    }
    return new Response('not found', { status: 404 });
  };

  return {
    base,
    urls,
    fetch,
    verifyCalls,
    otherCalls,
    setMode(next: Mode) {
      mode = next;
    },
    revoke(slot: BadgeSlot) {
      revoked.add(slot);
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
