// Paths bench/server.ts serves besides the app: a module of its own, so that the compiled server does not
// carry the load generator (bench/harness.ts) with it.

/** bench/server.ts serves GET (text) and POST (parses a JSON body) here: what every ratio is measured against. */
export const TRIVIAL_PATH = '/bench/trivial';
/** bench/server.ts answers how many OG cards and certificates it rendered, and their cached bytes. */
export const RENDERS_PATH = '/bench/renders';
/** bench/server.ts answers its process.memoryUsage() and V8 heap spaces: where the RSS goes. */
export const MEMORY_PATH = '/bench/memory';
