// The API's one outbound-fetch module: import from here.
import { createSafeFetch, type SafeFetch } from './safeFetch';
import { fetchTestHostsWarning, parseFetchTestHosts } from './testHosts';

export { addressProblem, isPublicAddress } from './addresses';
export { createSafeFetch, FETCH_LIMITS, type FetchFailure, type FetchRequest, type FetchResult, type FetchSuccess, type Resolver, type SafeFetch } from './safeFetch';
export { FetchConfigError, parseFetchTestHosts, type TestHosts } from './testHosts';

/** The server's fetcher from its environment (FETCH_TEST_HOSTS), and the warning to print when test hosts are set. */
export function safeFetchFromEnv(env: NodeJS.ProcessEnv = process.env): { safeFetch: SafeFetch; warning: string | null } {
  const testHosts = parseFetchTestHosts(env.FETCH_TEST_HOSTS);
  return { safeFetch: createSafeFetch({ testHosts }), warning: fetchTestHostsWarning(testHosts) };
}
