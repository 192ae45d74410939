// FETCH_TEST_HOSTS="host=127.0.0.1:port,…": stand-ins on loopback for foreign hosts, for tests and
// local setups. Requests for such a host (http or https URL) go over plain HTTP to its loopback
// address with the original Host header; only the address check is skipped for them.
import { ipLiteral, isLoopbackAddress } from './addresses';

export interface TestHostTarget {
  address: string;
  port: number;
}

/** Host name (lower case, no port) → where requests for it really go. */
export type TestHosts = ReadonlyMap<string, TestHostTarget>;

export class FetchConfigError extends Error {}

const ENTRY = /^([^=\s]+)=(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/;

/** Parses FETCH_TEST_HOSTS; throws FetchConfigError naming the variable on any malformed entry. */
export function parseFetchTestHosts(value: string | undefined): TestHosts {
  const hosts = new Map<string, TestHostTarget>();
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = ENTRY.exec(entry);
    const fail = (why: string) => new FetchConfigError(`FETCH_TEST_HOSTS: "${entry}" ${why} (expected host=127.0.0.1:port)`);
    if (!match) throw fail('is not of the form host=address:port');
    const [, name, addressText, portText] = match;
    let hostname: string;
    try {
      hostname = new URL(`http://${name}`).hostname;
    } catch {
      throw fail('does not start with a valid host name');
    }
    if (hostname !== name.toLowerCase()) throw fail('must name a host without port, path or user');
    const address = ipLiteral(addressText);
    if (!address || !isLoopbackAddress(address)) throw fail('must point to a loopback address');
    const port = Number(portText);
    if (port < 1 || port > 65535) throw fail('has no valid port');
    hosts.set(hostname, { address, port });
  }
  return hosts;
}

/** The warning the server prints at start when test hosts are configured, or null. */
export function fetchTestHostsWarning(hosts: TestHosts): string | null {
  if (hosts.size === 0) return null;
  const list = [...hosts].map(([host, target]) => `${host} → ${target.address}:${target.port}`).join(', ');
  return `WARNING: FETCH_TEST_HOSTS is set: outbound requests for ${list} go to loopback over plain HTTP without the address check. Never set it in production.`;
}
