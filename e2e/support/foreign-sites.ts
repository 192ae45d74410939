// Other sites for the foreign-badge tests, on loopback:
// - for the API: one plain-HTTP server standing in for every foreign host, reached through the
//   API's FETCH_TEST_HOSTS (the API tests' FixtureWeb);
// - for the browser: one HTTPS server (a throwaway self-signed certificate made with Debian's
//   openssl; Chromium runs with --ignore-certificate-errors) answering for the hosts the service
//   worker reads itself in trustless mode, with `Access-Control-Allow-Origin: *` for the hosts that
//   allow cross-origin reads and without it for the others.
// Both serve the same documents, published once through `web`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentHost } from '../../api/test/verify-fixture-badges';
import { FixtureWeb, type Served } from '../../api/test/verify-fixture-web';

interface Document {
  body: string | Buffer;
  status: number;
  contentType: string;
}

export interface ForeignSites {
  /** Publishes a document for both the API and the browser. */
  web: DocumentHost;
  /** The API's side: FETCH_TEST_HOSTS for every host published on. */
  fetchTestHosts(): string;
  apiSide: FixtureWeb;
  /** The browser's side: its port, and the hosts it answers for. */
  httpsPort: number;
  /** Every URL the browser read from the HTTPS server, in order. */
  browserReads: string[];
  close(): Promise<void>;
}

function selfSignedCertificate(hosts: string[]): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-tls-'));
  try {
    const names = hosts.map((host) => `DNS:${host}`).join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${hosts[0]}`, '-addext', `subjectAltName=${names}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startForeignSites({ corsHosts, closedHosts }: { corsHosts: string[]; closedHosts: string[] }): Promise<ForeignSites> {
  const apiSide = await FixtureWeb.start();
  const documents = new Map<string, Document>();
  const browserReads: string[] = [];
  const server: Server = createServer(selfSignedCertificate([...corsHosts, ...closedHosts]), (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = `https://${host}${request.url ?? '/'}`;
    browserReads.push(url);
    const cors: Record<string, string> = corsHosts.includes(host) ? { 'access-control-allow-origin': '*' } : {};
    const document = documents.get(url);
    if (!document) {
      response.writeHead(404, { 'content-type': 'text/plain', ...cors }).end('not found');
      return;
    }
    response.writeHead(document.status, { 'content-type': document.contentType, 'cache-control': 'no-store', ...cors }).end(document.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const web: DocumentHost = {
    json(url: string, body: unknown, served: Served = {}) {
      apiSide.json(url, body, served);
      documents.set(url, { body: JSON.stringify(body), status: served.status ?? 200, contentType: served.contentType ?? 'application/ld+json' });
    },
    text(url: string, body: string | Buffer, served: Served = {}) {
      apiSide.text(url, body, served);
      documents.set(url, { body, status: served.status ?? 200, contentType: served.contentType ?? 'text/html; charset=utf-8' });
    },
  };

  return {
    web,
    apiSide,
    fetchTestHosts: () => [...apiSide.testHosts()].map(([host, { address, port }]) => `${host}=${address}:${port}`).join(','),
    httpsPort: (server.address() as AddressInfo).port,
    browserReads,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apiSide.close();
    },
  };
}
