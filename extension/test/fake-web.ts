// Other sites at the network edge of the extension's tests, as a browser's fetch sees them from
// the service worker: documents served by URL from hosts that allow cross-origin reads (CORS) or
// not (the browser then fails the fetch without saying why), and the BadgeLens API's relay, which
// reads any of them. It publishes the API tests' own fixtures (api/test/verify-fixture-badges.ts).
// The real relay is tested through HTTP in api/test/verify-relay.test.ts and in e2e/.
import type { DocumentHost } from '../../api/test/verify-fixture-badges';
import type { Served } from '../../api/test/verify-fixture-web';

interface Document {
  body: string;
  status: number;
  headers: Record<string, string>;
  /** Where a redirect leads (the response is then the target's, with its URL). */
  location?: string;
}

export function createFakeWeb({ apiBase, corsHosts }: { apiBase: string; corsHosts: string[] }) {
  const documents = new Map<string, Document>();
  /** Every URL the browser asked for directly, in order. */
  const requests: string[] = [];
  /** The Accept header of every request, in order. */
  const accepts: string[] = [];
  /** Every URL read through the relay, in order. */
  const relayed: string[] = [];
  let apiDown = false;

  const text = (url: string, body: string | Uint8Array, served: Served = {}) => {
    documents.set(url, {
      body: typeof body === 'string' ? body : new TextDecoder().decode(body),
      status: served.status ?? 200,
      headers: { 'content-type': served.contentType ?? 'text/html; charset=utf-8', ...served.headers },
    });
  };

  function answer(url: string, hops = 0): Response {
    const document = documents.get(url);
    if (document?.location && hops < 3) return answer(document.location, hops + 1);
    const response = document
      ? new Response(document.body, { status: document.status, headers: document.headers })
      : new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
    Object.defineProperty(response, 'url', { value: url });
    return response;
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    accepts.push(new Headers(init?.headers).get('accept') ?? '');
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.origin === new URL(apiBase).origin) {
      if (apiDown) throw new TypeError('Failed to fetch');
      if (url.pathname !== '/api/v1/relay') return new Response('not found', { status: 404 });
      const target = url.searchParams.get('url') ?? '';
      relayed.push(target);
      const relayedAnswer = answer(target);
      if (relayedAnswer.status === 404) return Response.json({ error: { code: 'not_found', message: 'no document' } }, { status: 404 });
      const headers = new Headers(relayedAnswer.headers);
      headers.set('content-location', relayedAnswer.url);
      return new Response(await relayedAnswer.arrayBuffer(), { status: relayedAnswer.status, headers });
    }
    requests.push(url.href);
    // A host without CORS headers: the browser fetched it, but the script only learns that it failed.
    if (!corsHosts.includes(url.hostname)) throw new TypeError('Failed to fetch');
    return answer(url.href);
  };

  const web: DocumentHost & { redirect(url: string, location: string): void } = {
    json: (url: string, body: unknown, served: Served = {}) => text(url, JSON.stringify(body), { contentType: 'application/ld+json', ...served }),
    text,
    redirect: (url: string, location: string) => {
      documents.set(url, { body: '', status: 302, headers: {}, location });
    },
  };

  return {
    web,
    fetch: fetch as typeof globalThis.fetch,
    requests,
    relayed,
    accepts,
    setApiDown(down: boolean) {
      apiDown = down;
    },
  };
}

export type FakeWeb = ReturnType<typeof createFakeWeb>;
