// A small HTTP/1.1 client over node:http for tests that need real connections: it reports which
// socket carried each request, so a test can tell a reused keep-alive connection from a new one.
import http from 'node:http';
import type { Socket } from 'node:net';

export interface SentRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The body, sent in 64 KB pieces; with `chunked`, without a Content-Length. */
  body?: string | Buffer;
  chunked?: boolean;
  /** Connect from this local address (to appear as another client). */
  localAddress?: string;
  host?: string;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
  reusedSocket: boolean;
}

const PIECE = 64 * 1024;

/** Sends one request through `agent` and resolves once the response is read and the body written. */
export function send(agent: http.Agent, port: number, request: SentRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const headers: Record<string, string> = { ...request.headers };
    if (body && !request.chunked) headers['Content-Length'] = String(body.length);
    const req = http.request({
      agent,
      host: request.host ?? '127.0.0.1',
      port,
      method: request.method ?? (body ? 'POST' : 'GET'),
      path: request.path,
      headers,
      localAddress: request.localAddress,
    });
    let answer: Omit<Answer, 'reusedSocket'> | null = null;
    let written = !body;
    const finish = () => {
      if (answer && written) resolve({ ...answer, reusedSocket: req.reusedSocket });
    };
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket as Socket };
        finish();
      });
    });
    if (!body) {
      req.end();
      return;
    }
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + PIECE);
        offset += piece.length;
        if (!req.write(piece)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end(() => {
        written = true;
        finish();
      });
    };
    writeMore();
  });
}

/** An agent holding at most one keep-alive connection: every request goes over the same socket while it lives. */
export function oneConnectionAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}
