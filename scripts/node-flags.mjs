// The Node.js flags the API runs with (`npm start`, `npm run api`, the benchmarks' server).
// --max-old-space-size: V8 otherwise lets the heap grow towards gigabytes before collecting old garbage,
// so under steady verify traffic the process grew past 200 MB while its live data stayed near 60 MB.
// 128 MB of old space holds every bounded cache with room to spare (bench:verify and bench:soak print
// the RSS); raise it with the flag when a deployment keeps more in memory.
// --max-semi-space-size: the young generation's two halves grow to 16 MB each by default, 32 MB resident
// that a request's short-lived objects never need; at 8 MB bench:verify's CPU per request is unchanged
// within its noise and bench:soak's resident heap is 15 MB smaller.
export const API_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];
