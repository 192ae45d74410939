// Whether this node is serving requests: background work that only costs CPU (signing credentials) waits
// for quiet moments, so that it never slows the requests down.

export interface RequestActivity {
  /** The server's fetch handler, counting the requests in flight. */
  track<A extends unknown[]>(fetch: (request: Request, ...rest: A) => Response | Promise<Response>): (request: Request, ...rest: A) => Promise<Response>;
  /** True when no request is in flight and none ended within the last `quietMs`. */
  isQuiet(): boolean;
  /** Milliseconds since the last request ended (Infinity before the first); 0 while one is in flight. */
  quietFor(): number;
}

export function requestActivity(quietMs = 200, clock: () => number = Date.now): RequestActivity {
  let inFlight = 0;
  let lastEnded = -Infinity;
  const quietFor = () => (inFlight > 0 ? 0 : clock() - lastEnded);
  return {
    track:
      (fetch) =>
      async (request, ...rest) => {
        inFlight++;
        try {
          return await fetch(request, ...rest);
        } finally {
          inFlight--;
          lastEnded = clock();
        }
      },
    isQuiet: () => quietFor() >= quietMs,
    quietFor,
  };
}
