// Real HTTP servers on loopback for the outbound-fetch tests: they count every TCP connection
// (to prove a blocked address was never contacted) and the requests in flight.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  /** Requests being handled right now, and the most seen at once. */
  active: number;
  maxActive: number;
  /** The Host header of every request, in order. */
  hosts: string[];
  close(): Promise<void>;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** Listens on every loopback address ('::' accepts 127.0.0.1, ::1 and ::ffff:127.0.0.1 alike). */
export async function startLoopbackServer(handler: Handler = (_request, response) => response.end('ok')): Promise<LoopbackServer> {
  const server = http.createServer();
  const state: LoopbackServer = {
    port: 0,
    connections: 0,
    active: 0,
    maxActive: 0,
    hosts: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => state.connections++);
  server.on('request', (request, response) => {
    state.hosts.push(request.headers.host ?? '');
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    response.on('close', () => state.active--);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

/** Polls until `condition` holds (generous timeout: the machine may be busy). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
