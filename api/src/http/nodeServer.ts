import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface ServeOptions {
  port: number;
  hostname?: string;
}

/**
 * Serves an app over HTTP with @hono/node-server 2.x. The adapter's own clean-up of unread request
 * bodies (read up to 64 MB for 500 ms, then reset the connection) is off: the body-limit middleware
 * reads every body itself and decides whether to discard the rest or close (http/bodyLimit.ts).
 * server.ts and the tests that need a real listening server both start it here.
 */
export function serveApp(fetch: (request: Request, env: unknown) => Response | Promise<Response>, options: ServeOptions): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: options.port, hostname: options.hostname, autoCleanupIncoming: false }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
  });
}
