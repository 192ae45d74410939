// How the API process is started (`npm start`, `npm run api`, the benchmarks' server): its Node.js flags
// and the environment defaults it runs with.
// --max-old-space-size: V8 otherwise lets the heap grow towards gigabytes before collecting old garbage,
// so under steady verify traffic the process grew past 200 MB while its live data stayed near 60 MB.
// 128 MB of old space holds every bounded cache with room to spare (bench:verify and bench:soak print
// the RSS); raise it with the flag when a deployment keeps more in memory.
// --max-semi-space-size: the young generation's two halves grow to 16 MB each by default, 32 MB resident
// that a request's short-lived objects never need; at 8 MB bench:verify's CPU per request is unchanged
// within its noise and bench:soak's resident heap is 15 MB smaller.
// --expose-gc: after a quiet spell the server lets go of the rendered files it holds in memory and then
// collects (api/src/http/quietMemory.ts); an idle V8 may otherwise not collect for a long time, and the
// memory stays taken. Without the flag the files are still let go, only later given back.
export const API_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8', '--expose-gc'];

// MALLOC_MMAP_THRESHOLD_ (glibc; other C libraries ignore it): blocks of 16 KB and more (rendered cards and
// certificates, files read from disk, response bodies, the renderers' working memory) get pages of their own,
// handed back to the system when freed. By default glibc raises this threshold as such blocks come and go and
// then carves them out of its heap, where the holes they leave keep the process's memory high. bench:soak's
// peak was 197 MB unset and 171 MB at 64 KB; at 16 KB its peak is 158 MB and, a minute after the load, its
// RSS is 123 MB instead of 147 MB at 64 KB, for the same CPU per request.
export const API_ENVIRONMENT = { MALLOC_MMAP_THRESHOLD_: '16384' };

/** The environment the API starts with: `env`, with API_ENVIRONMENT's values where `env` sets none. */
export function apiEnvironment(env) {
  return { ...API_ENVIRONMENT, ...env };
}
